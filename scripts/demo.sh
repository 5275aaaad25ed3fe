#!/usr/bin/env bash
# The main job: build cdrun, then validate the example hook bundle (clean) and a deliberately
# broken bundle (to show the diagnostics). Exits 0 when both verdicts are the expected ones.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
cdrun=build/runner/cdrun

echo "== cdrun validate hooks/examples (expected: valid) =="
"$cdrun" validate --strict hooks/examples

echo
echo "== cdrun validate tests/fixtures/bundles/broken (expected: invalid, with diagnostics) =="
set +e
"$cdrun" validate tests/fixtures/bundles/broken
status=$?
set -e
if [ "$status" -ne 1 ]; then
  echo "demo: the broken bundle should be invalid (exit 1), got exit $status" >&2
  exit 1
fi
echo
echo "demo: done (JSON, JUnit and SARIF: add --format json|junit|sarif)"
