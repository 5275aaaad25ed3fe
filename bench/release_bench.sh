#!/usr/bin/env bash
# The release binary beside the dynamic developer build, in one run: sizes, `cdrun validate
# appspec.yml` against /bin/true (target: at most 2x), and the validate and deploy benchmarks with
# both binaries (target: the release binary no slower). Prints figures; never fails on a figure.
# Usage: bench/release_bench.sh [SCALE]   (SCALE shrinks the bundles for a quick look; default 1)
# Builds what is missing: build/ (scripts/setup.sh) and build-static/ (scripts/build_static.sh x86_64).
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-1}
[ -x build/bench/validate_bench ] && [ -x build/runner/cdrun ] ||
  CDRUN_TARGETS="cdrun validate_bench deploy_bench" scripts/setup.sh build
[ -x build-static/runner/cdrun ] || scripts/build_static.sh x86_64 build-static
dynamic=$PWD/build/runner/cdrun
release=$PWD/build-static/runner/cdrun

echo "== sizes =="
ls -l "$dynamic" "$release" | awk '{print $5, $9}'
echo "dynamic: $(readelf -dW "$dynamic" | grep -c NEEDED) needed shared libraries; release: $(readelf -dW "$release" | grep -c NEEDED)"

files=$(awk -v s="$scale" 'BEGIN { printf "%d", 100000 * s }')
echo
echo "== validate: first the dynamic build, then the release binary =="
build/bench/validate_bench "$files" 5 --cdrun "$dynamic" --cdrun "$release"
echo
echo "== deploy: first the dynamic build, then the release binary =="
build/bench/deploy_bench 3 "$scale" --cdrun "$dynamic" --cdrun "$release"
