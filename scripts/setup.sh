#!/usr/bin/env bash
# Installs what cdrun needs from Debian 12 (idempotent) and builds it into build/ (or $1).
# Usage: scripts/setup.sh [BUILD_DIR] [extra cmake arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config git python3
  libboost1.81-dev libboost-filesystem1.81-dev libyaml-cpp-dev libyaml-dev libspdlog-dev libcli11-dev
  nlohmann-json3-dev libarchive-dev libcurl4-openssl-dev libgtest-dev libgmock-dev
  clang libclang-rt-14-dev zip unzip xz-utils libxml2-utils acl
  libcpp-httplib-dev libsqlite3-dev sqlite3 libhiredis-dev nginx apache2 redis-server logrotate curl)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing packages: ${missing[*]} (run as root, or install them)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}"
fi

build_dir=${1:-build}
shift || true
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
