#!/usr/bin/env bash
# Checks what scripts/release.sh wrote: the file lists of the tarballs and .debs, that both binaries
# are static and of the right architecture, SHA256SUMS, and the binaries themselves in an empty root
# (x86_64 natively, aarch64 under qemu-user; every check of tests/release/empty_root_test.py).
# Usage: scripts/release_check.sh DIST VERSION   (as root: the empty root needs chroot and namespaces)
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:?usage: scripts/release_check.sh DIST VERSION}
version=${2:?usage: scripts/release_check.sh DIST VERSION}
work=$(mktemp -d /tmp/cdrun-release-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "release check: FAIL: $*" >&2; failed=1; }

expected_files() {  # PREFIX BINDIR-IN-UNITS
  printf '%s\n' "$1/bin/cdrun" "$1/bin/codedeploy-local" "$1/lib/systemd/system/cdrun-onprem-renew.service" \
    "$1/lib/systemd/system/cdrun-onprem-renew.timer" "$1/share/bash-completion/completions/cdrun" \
    "$1/share/doc/cdrun/LICENSE" "$1/share/doc/cdrun/README.md"
}

(cd "$dist" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not match the files"

for arch in x86_64 aarch64; do
  deb_arch=$([ "$arch" = x86_64 ] && echo amd64 || echo arm64)
  machine=$([ "$arch" = x86_64 ] && echo 'X86-64' || echo 'AArch64')
  tarball=$dist/cdrun-$version-linux-$arch.tar.gz
  top=cdrun-$version-linux-$arch
  listed=$(tar -tzf "$tarball" | grep -v '/$' | sort)
  [ "$listed" = "$(expected_files "$top" | sort)" ] || fail "$tarball holds:"$'\n'"$listed"
  mkdir -p "$work/$arch"
  tar -xzf "$tarball" -C "$work/$arch"
  binary=$work/$arch/$top/bin/cdrun
  [ "$(readlink "$work/$arch/$top/bin/codedeploy-local")" = cdrun ] || fail "$arch: codedeploy-local is not a link to cdrun"
  readelf -hW "$binary" | grep -q "Machine: .*$machine" || fail "$arch: the binary is not $machine"
  ! readelf -lW "$binary" | grep -q INTERP || fail "$arch: the binary has a program interpreter"
  ! readelf -dW "$binary" | grep -q NEEDED || fail "$arch: the binary needs shared libraries"
  grep -q '^ExecStart=/usr/local/bin/cdrun onprem renew$' \
    "$work/$arch/$top/lib/systemd/system/cdrun-onprem-renew.service" || fail "$arch: the tarball's unit does not run /usr/local/bin/cdrun"

  deb=$dist/cdrun_${version}_$deb_arch.deb
  [ "$(dpkg-deb -f "$deb" Package Version Architecture | tr '\n' ' ')" = "Package: cdrun Version: $version Architecture: $deb_arch " ] ||
    fail "$deb: control fields: $(dpkg-deb -f "$deb" Package Version Architecture | tr '\n' ' ')"
  in_deb=$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $6}' | sed 's,^\./,/,' | sort)
  [ "$in_deb" = "$( (expected_files /usr; echo /usr/share/doc/cdrun/copyright) | sort)" ] || fail "$deb holds:"$'\n'"$in_deb"
  dpkg-deb -x "$deb" "$work/deb-$arch"
  cmp -s "$binary" "$work/deb-$arch/usr/bin/cdrun" || fail "$arch: the .deb and the tarball hold different binaries"
  grep -q '^ExecStart=/usr/bin/cdrun onprem renew$' "$work/deb-$arch/usr/lib/systemd/system/cdrun-onprem-renew.service" ||
    fail "$arch: the .deb's unit does not run /usr/bin/cdrun"
done

echo "== x86_64 release binary in an empty root =="
python3 tests/release/empty_root_test.py --cdrun "$work/x86_64/cdrun-$version-linux-x86_64/bin/cdrun" || fail "x86_64 empty-root checks"
echo "== aarch64 release binary under qemu-user in an empty root =="
python3 tests/release/empty_root_test.py --cdrun "$work/aarch64/cdrun-$version-linux-aarch64/bin/cdrun" \
  --qemu /usr/bin/qemu-aarch64-static || fail "aarch64 empty-root checks"

[ "$failed" -eq 0 ] || exit 1
echo "release check: every check passed"
