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

shared=../shared/conformance/validator/check_cdrun.py
if [ -f "$shared" ]; then
  echo "== the agent parser's recorded verdicts (../shared/conformance/validator) =="
  python3 "$shared" build/runner/cdrun
fi
