#!/usr/bin/env bash
# Builds cdrun with -Werror and with ASan+UBSan, runs every test in both, builds the static x86_64
# release binary and runs it in an empty root (only it, busybox, /dev/null and /proc), and, when
# ../shared is present beside the checkout, the conformance checks of the agent's recorded behaviour.
# Each part prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
part_started=$SECONDS
took() { echo "-- $1 took $((SECONDS - part_started)) s (total $((SECONDS - started)) s)"; part_started=$SECONDS; }

scripts/setup.sh build -DCDRUN_WERROR=ON -DCDRUN_TESTS=ON
took "the -Werror build"

echo "== unit and end-to-end tests =="
ctest --test-dir build --output-on-failure -j"$(nproc)"
took "the tests"

echo "== the same under AddressSanitizer + UndefinedBehaviorSanitizer =="
scripts/setup.sh build-asan -DCDRUN_WERROR=ON -DCDRUN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
# Run above and left out here: the suites whose work is Python's, not cdrun's: cfn-lint over the
# rendered templates, CloudFormation stacks and IAM checks in moto, the moto fixture and shim's own
# behaviour. The C++ they reach (role render, the SigV4 client) runs under the sanitizers in the
# other role and on-premises tests. In the -Werror build these 46 tests take 56 % of ctest's summed
# test time (753 of 1353 s in build/Testing/Temporary/CTestCostData.txt).
python_only='(^|/)(RoleStack|RoleTemplateLint|RoleTemplateLintCanFail|RoleMotoAuth|MotoFixture|MotoOnPremShim)\.'
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$(nproc)" -E "$python_only"
took "the sanitizer build and its tests"

echo "== the static x86_64 release binary in an empty root =="
source scripts/packages.sh
ensure_packages busybox-static
scripts/build_static.sh x86_64 build-static
if [ "$(id -u)" -eq 0 ]; then
  python3 tests/release/empty_root_test.py --cdrun build-static/runner/cdrun
else
  echo "skipped: the empty root needs root (chroot, mount and PID namespaces)"
fi
took "the release build and its empty-root tests"

if [ -d ../shared/conformance ]; then
  echo "== codedeploy-local's recorded scenarios replayed against cdrun deploy (../shared/conformance) =="
  if [ "$(id -u)" -eq 0 ]; then
    tests/conformance/run.sh build
  else
    echo "skipped: the conformance harness needs root (it creates test users)"
  fi
  echo "== the agent parser's recorded verdicts (../shared/conformance/validator) =="
  python3 ../shared/conformance/validator/check_cdrun.py build/runner/cdrun
  echo "== agent 2.x's parser verdicts (../shared/conformance/agent2) =="
  python3 ../shared/conformance/agent2/check_agent2.py build/runner/cdrun
  took "the conformance checks"
fi
