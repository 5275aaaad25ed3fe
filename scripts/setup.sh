#!/usr/bin/env bash
# Installs what cdrun needs from Debian 12 (idempotent) and builds it into build/ (or $1).
# Usage: scripts/setup.sh [BUILD_DIR] [extra cmake arguments...]
# CDRUN_TARGETS="a b" builds only those targets (the demo builds cdrun and the sample app only).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config git python3
  libboost1.81-dev libboost-filesystem1.81-dev libyaml-cpp-dev libyaml-dev libspdlog-dev libcli11-dev
  nlohmann-json3-dev libarchive-dev libssl-dev libc-ares-dev libgtest-dev libgmock-dev
  clang libclang-rt-14-dev zip unzip xz-utils libxml2-utils acl
  libcpp-httplib-dev libsqlite3-dev sqlite3 libhiredis-dev nginx apache2 redis-server logrotate curl tinyproxy)

source scripts/packages.sh
ensure_packages "${packages[@]}"

build_dir=${1:-build}
shift || true
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
targets=()
for t in ${CDRUN_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$build_dir" -j"$(nproc)" "${targets[@]}"
