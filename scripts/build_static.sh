#!/usr/bin/env bash
# Builds the fully static release binary of cdrun for one architecture and checks that it is static.
# Usage: scripts/build_static.sh x86_64|aarch64 [BUILD_DIR]     (default BUILD_DIR: build-static-ARCH)
# The binary is BUILD_DIR/runner/cdrun. aarch64 is cross-built with Debian's aarch64 toolchain and arm64
# multiarch -dev packages (installed here when missing, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh

arch=${1:?usage: scripts/build_static.sh x86_64|aarch64 [BUILD_DIR]}
build_dir=${2:-build-static-$arch}
cmake_args=(-DCDRUN_STATIC=ON -DCMAKE_BUILD_TYPE=Release)
case $arch in
  x86_64)
    ensure_packages build-essential cmake pkg-config file libboost1.81-dev nlohmann-json3-dev libcli11-dev \
      $(static_build_packages amd64)
    ;;
  aarch64)
    ensure_packages build-essential cmake pkg-config file g++-aarch64-linux-gnu libboost1.81-dev \
      nlohmann-json3-dev libcli11-dev $(static_build_packages arm64)
    cmake_args+=(-DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/aarch64-linux-gnu.cmake")
    ;;
  *) echo "build_static: unknown architecture '$arch' (x86_64 or aarch64)" >&2; exit 2 ;;
esac

cmake -S . -B "$build_dir" "${cmake_args[@]}" ${CDRUN_CMAKE_ARGS:-} >/dev/null
link_log=$build_dir/build-output.log
cmake --build "$build_dir" -j"$(nproc)" --target cdrun 2>&1 | tee "$link_log"

binary=$build_dir/runner/cdrun
# glibc warns at link time for each function that would load the host's NSS modules or dlopen in a
# static binary. Only these, in code cdrun never reaches, are allowed: OpenSSL's BIO_lookup_ex /
# BIO_gethostbyname / DSO loader (cdrun connects to addresses c-ares found, and never loads modules)
# and c-ares' service-name lookups (cdrun passes no service name); libxml2's HTTP client
# (nanohttp.o), which libarchive's writer format table drags in through the xar writer that
# `cdrun bundle` never selects, and which --gc-sections then drops whole (the link map lists its
# .text among the discarded sections). Anything else means a room called getpwnam, getaddrinfo &
# co. again.
unexpected=$(grep -B1 "warning: Using '" "$link_log" | grep 'in function' |
  grep -vE 'libcrypto\.a\(libcrypto-lib-(bio_addr|bio_sock|dso_dlfcn)\.o\)|libcares\.a\(libcares_la-ares_(getaddrinfo|getnameinfo)\.o\)|libxml2\.a\(nanohttp\.o\)' || true)
if [ -n "$unexpected" ]; then
  echo "build_static: code that reaches glibc's NSS or dlopen was linked into the static binary:" >&2
  echo "$unexpected" >&2
  rm -f "$binary"  # so that the next run links again and checks again
  exit 1
fi

# Fully static means no program interpreter and no dynamic section (so no NEEDED library).
if readelf -lW "$binary" | grep -q 'INTERP'; then
  echo "build_static: $binary has a program interpreter: it is not static" >&2
  exit 1
fi
if readelf -dW "$binary" | grep -q 'NEEDED'; then
  echo "build_static: $binary needs shared libraries:" >&2
  readelf -dW "$binary" | grep NEEDED >&2
  exit 1
fi
expected_machine=$([ "$arch" = x86_64 ] && echo 'X86-64' || echo 'AArch64')
if ! readelf -hW "$binary" | grep -q "Machine: *.*$expected_machine"; then
  echo "build_static: $binary is not an $arch binary:" >&2
  readelf -hW "$binary" | grep Machine >&2
  exit 1
fi
echo "build_static: $binary: static $arch, $(stat -c %s "$binary") bytes"
