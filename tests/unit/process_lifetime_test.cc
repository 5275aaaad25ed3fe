// How long a hook may live and what outlives it: the one whole-second deadline, SIGTERM then
// SIGKILL to everything the hook started, and pipes held open by background children
// (agent-behavior.md §5.7, §5.9, §9 items 4-5; conformance cases 04a and 04b).
#include <gtest/gtest.h>
#include <unistd.h>

#include "tests/unit/process_test_support.h"

namespace cdrun {
namespace {

using namespace process_test;
using std::chrono::milliseconds;

class ProcessLifetime : public ::testing::Test {
 protected:
  // The script gets the pid file's path as $1.
  ProcessResult run_script(const std::string& body, const RunLimits& run_limits) {
    ProcessSpec spec = script_spec(dir.write("hook.sh", "#!/bin/sh\n" + body));
    spec.argv.push_back(pid_file());
    return launcher->run(spec, run_limits, observer);
  }
  std::string pid_file() const { return dir.file("pid"); }

  TempDir dir;
  RecordingObserver observer;
  std::unique_ptr<ProcessLauncher> launcher = make_posix_launcher();
};

// deadline (at most timeout) + grace + 2 s: a generous bound that only a hang exceeds.
milliseconds hang_guard(long long timeout_seconds, milliseconds grace) {
  return milliseconds(timeout_seconds * 1000) + grace + milliseconds(2000);
}

TEST_F(ProcessLifetime, TimeoutKillsTheScriptAndItsBackgroundChild) {
  const ProcessResult result = run_script("sleep 30 &\necho $! > \"$1\"\nwait\n", limits(2, milliseconds(1000)));
  EXPECT_EQ(result.end, ProcessEnd::timed_out);
  EXPECT_LT(result.duration, hang_guard(2, milliseconds(1000)));
  const pid_t sleeper = read_pid_file(pid_file());
  ASSERT_GT(sleeper, 0);
  EXPECT_TRUE(vanishes(sleeper)) << "sleep 30 survived or was left a zombie";
}

TEST_F(ProcessLifetime, ScriptIgnoringTermIsEndedBySigkillAfterTheGrace) {
  const ProcessResult result = run_script("trap '' TERM\necho $$ > \"$1\"\nwhile :; do sleep 1; done\n",
                                          limits(2, milliseconds(500)));
  EXPECT_EQ(result.end, ProcessEnd::timed_out);
  // It did not go at SIGTERM, so the whole grace passed before SIGKILL.
  EXPECT_GE(result.duration, milliseconds(500));
  EXPECT_LT(result.duration, hang_guard(2, milliseconds(500)));
  const pid_t script = read_pid_file(pid_file());
  ASSERT_GT(script, 0);
  EXPECT_TRUE(vanishes(script));
}

TEST_F(ProcessLifetime, OutputWrittenWhileHandlingTermIsStillDelivered) {
  const ProcessResult result = run_script("trap 'echo cleaning up; exit 1' TERM\nwhile :; do sleep 0.1; done\n",
                                          limits(2, milliseconds(2000)));
  EXPECT_EQ(result.end, ProcessEnd::timed_out);
  EXPECT_EQ(observer.text(false), "cleaning up\n");
}

TEST_F(ProcessLifetime, TimeoutKillsAChildThatStartedItsOwnSession) {
  const ProcessResult result = run_script(
      "setsid sleep 30 >/dev/null 2>&1 &\necho $! > \"$1\"\nwhile :; do sleep 1; done\n", limits(2, milliseconds(500)));
  EXPECT_EQ(result.end, ProcessEnd::timed_out);
  const pid_t daemon = read_pid_file(pid_file());
  ASSERT_GT(daemon, 0);
  EXPECT_TRUE(vanishes(daemon)) << "the setsid child outlived the timed-out hook";
}

TEST_F(ProcessLifetime, TimeoutKillsADoubleForkedDaemonAdoptedByUs) {
  // The subshell exits at once, so the daemon's parent is gone and only adoption links it to us.
  const ProcessResult result = run_script(
      "(setsid sleep 30 >/dev/null 2>&1 </dev/null & echo $! > \"$1\")\nwhile :; do sleep 1; done\n",
      limits(2, milliseconds(500)));
  EXPECT_EQ(result.end, ProcessEnd::timed_out);
  const pid_t daemon = read_pid_file(pid_file());
  ASSERT_GT(daemon, 0);
  EXPECT_TRUE(vanishes(daemon)) << "the double-forked daemon outlived the timed-out hook";
}

TEST_F(ProcessLifetime, BackgroundChildHoldingStdoutFailsTheHookAtTheDeadline) {
  const ProcessResult result = run_script("sleep 5 &\necho $! > \"$1\"\nexit 0\n", limits(2, milliseconds(500)));
  const pid_t sleeper = read_pid_file(pid_file());
  ASSERT_GT(sleeper, 0);
  EXPECT_EQ(result.end, ProcessEnd::outputs_left_open);
  EXPECT_EQ(result.open_stream, "STDOUT");
  EXPECT_EQ(result.exit_code, 0);
  ASSERT_EQ(result.holders.size(), 1u);
  EXPECT_EQ(result.holders[0].pid, sleeper);
  EXPECT_EQ(result.holders[0].command, "sleep 5");
  ASSERT_EQ(observer.lingering.size(), 1u);
  ASSERT_EQ(observer.lingering[0].size(), 1u);
  // Seen the moment the script exits, perhaps before the child has exec'd sleep: same pid.
  EXPECT_EQ(observer.lingering[0][0].pid, sleeper);
  EXPECT_LT(result.duration, hang_guard(2, milliseconds(500)));
  EXPECT_TRUE(vanishes(sleeper)) << "the holder outlived the failed hook";
}

TEST_F(ProcessLifetime, ChildHoldingOnlyStderrIsReportedAsStderr) {
  const ProcessResult result =
      run_script("sleep 5 >/dev/null &\necho $! > \"$1\"\n", limits(2, milliseconds(500)));
  EXPECT_EQ(result.end, ProcessEnd::outputs_left_open);
  EXPECT_EQ(result.open_stream, "STDERR");
  const pid_t sleeper = read_pid_file(pid_file());
  ASSERT_GT(sleeper, 0);
  EXPECT_TRUE(vanishes(sleeper));
}

TEST_F(ProcessLifetime, HoldersAreLeftRunningWhenAskedToBehaveLikeTheAgent) {
  RunLimits agent_like = limits(2, milliseconds(500));
  agent_like.kill_lingering_on_failure = false;
  const ProcessResult result = run_script("sleep 5 &\necho $! > \"$1\"\n", agent_like);
  const pid_t sleeper = read_pid_file(pid_file());
  ASSERT_GT(sleeper, 0);
  EXPECT_EQ(result.end, ProcessEnd::outputs_left_open);
  EXPECT_TRUE(running(sleeper));
  kill_and_reap(sleeper);
}

TEST_F(ProcessLifetime, ShortLivedBackgroundChildDelaysButDoesNotFailTheHook) {
  const ProcessResult result = run_script("(sleep 1) &\necho $! > \"$1\"\nexit 0\n", limits(10, milliseconds(500)));
  EXPECT_EQ(result.end, ProcessEnd::exited);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_GE(result.duration, milliseconds(900));  // waited for the pipes, not just the script
  ASSERT_EQ(observer.lingering.size(), 1u);
  EXPECT_FALSE(observer.lingering[0].empty());
  // The adopted subshell is reaped, at the latest when the next hook starts.
  const pid_t subshell = read_pid_file(pid_file());
  ASSERT_GT(subshell, 0);
  run_script("exit 0\n", limits(2, milliseconds(500)));
  EXPECT_TRUE(vanishes(subshell));
}

TEST_F(ProcessLifetime, ProperlyDetachedDaemonSurvivesASuccessfulHookAndLaterFailures) {
  const ProcessResult result = run_script(
      "setsid sleep 30 >/dev/null 2>&1 </dev/null &\necho $! > \"$1\"\nexit 0\n", limits(2, milliseconds(500)));
  // (on_lingering may fire: until its redirections are done, the forked child holds the pipes.)
  EXPECT_EQ(result.end, ProcessEnd::exited);
  const pid_t daemon = read_pid_file(pid_file());
  ASSERT_GT(daemon, 0);
  EXPECT_TRUE(running(daemon));

  // A later hook that times out ends its own processes, not the earlier hook's daemon.
  const ProcessResult later = run_script("sleep 30\n", limits(1, milliseconds(300)));
  EXPECT_EQ(later.end, ProcessEnd::timed_out);
  EXPECT_TRUE(running(daemon));
  kill_and_reap(daemon);
}

TEST_F(ProcessLifetime, ScriptFinishingBeforeTheDeadlineIsNotTouched) {
  const ProcessResult result = run_script("sleep 0.2\necho done\n", limits(3, milliseconds(500)));
  EXPECT_EQ(result.end, ProcessEnd::exited);
  EXPECT_EQ(observer.text(false), "done\n");
  EXPECT_TRUE(observer.lingering.empty());
}

}  // namespace
}  // namespace cdrun
