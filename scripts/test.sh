#!/usr/bin/env bash
# Builds cdrun with -Werror and with ASan+UBSan, runs every test in both, and, when ../shared is
# present beside the checkout, the conformance check of the agent parser's verdicts.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build -DCDRUN_WERROR=ON

echo "== unit and end-to-end tests =="
ctest --test-dir build --output-on-failure -j"$(nproc)"

echo "== the same under AddressSanitizer + UndefinedBehaviorSanitizer =="
scripts/setup.sh build-asan -DCDRUN_WERROR=ON -DCDRUN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$(nproc)"

if [ -d ../shared/conformance ]; then
  echo "== codedeploy-local's recorded scenarios replayed against cdrun deploy (../shared/conformance) =="
  if [ "$(id -u)" -eq 0 ]; then
    tests/conformance/run.sh build
  else
    echo "skipped: the conformance harness needs root (it creates test users)"
  fi
  echo "== the agent parser's recorded verdicts (../shared/conformance/validator) =="
  python3 ../shared/conformance/validator/check_cdrun.py build/runner/cdrun
fi
