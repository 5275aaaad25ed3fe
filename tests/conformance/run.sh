#!/usr/bin/env bash
# Replays ../shared/conformance (scenarios recorded from the real codedeploy-local) against
# `cdrun deploy` and compares; ends with "conformance: N passed, M failed". Needs root (the harness
# creates the users cdtest and cdnologin and works in /tmp/cdconf).
# Usage: tests/conformance/run.sh BUILD_DIR [case...]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:?build directory}
shift || true
obs=$(mktemp -d /tmp/cdrun-obs.XXXXXX)
# ../shared may be mounted read-only, which strips the write bits the recorded bundles had
# (0644 files, 0755 scripts); replay from a copy with them restored.
shared="$obs.shared"
cp -a ../shared/conformance "$shared"
chmod -R u+w "$shared"
python3 tests/conformance/restore_modes.py "$shared"
trap 'rm -rf "$obs" "$shared"' EXIT
python3 "$shared/tools/cdharness.py" record --impl "$PWD/$build/runner/cdrun deploy" --out "$obs" "$@" > "$obs.log" 2>&1 || {
  cat "$obs.log"; exit 1; }
rm -f "$obs.log"
python3 "$shared/tools/cdcompare.py" "$shared/golden" "$obs" "$@" --deviations tests/conformance/deviations.txt
