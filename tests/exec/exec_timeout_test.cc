// cdrun exec at the deadline: 124, and the command's whole family ended (its group, descendants
// that left the group, those that ignore SIGTERM after the grace); and when cdrun exec itself is
// told to stop, the command does not outlive it.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/exec/exec_test_support.h"

namespace cdrun::exec_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using std::chrono::milliseconds;

class ExecTimeoutTest : public ExecTest {};

TEST_F(ExecTimeoutTest, TimeoutGives124AndEndsTheGroupWithItsGrandchildren) {
  const std::string script =
      "sleep 300 & echo $! > \"$D/in-group\"\n"
      "setsid sh -c 'echo $$ > \"$D/own-session\"; exec sleep 300' &\n"
      "sleep 300\n";
  WrapperOptions options;
  options.env = {"D=" + dir_.path()};
  const WrapperRun run = exec({"--timeout", "2", "--", "sh", "-c", script}, options);
  EXPECT_EQ(run.exit_code, 124) << run.err;
  EXPECT_THAT(run.err, HasSubstr("timed out after 2 s"));
  EXPECT_THAT(run.err, Not(HasSubstr("sent SIGKILL")));  // all of them end on SIGTERM
  EXPECT_LT(run.seconds, 30.0);
  const int in_group = wait_for_pid(path("in-group"));
  const int own_session = wait_for_pid(path("own-session"));
  ASSERT_GT(in_group, 0);
  ASSERT_GT(own_session, 0);
  EXPECT_TRUE(wait_until([&] { return !process_alive(in_group); }, milliseconds(5000))) << in_group;
  EXPECT_TRUE(wait_until([&] { return !process_alive(own_session); }, milliseconds(5000))) << own_session;
}

TEST_F(ExecTimeoutTest, CommandIgnoringTermIsKilledAfterTheGrace) {
  const std::string script = "trap '' TERM; echo $$ > \"$D/pid\"; while :; do sleep 0.1; done";
  WrapperOptions options;
  options.env = {"D=" + dir_.path()};
  const WrapperRun run = exec({"--timeout", "1", "--kill-grace", "1", "--", "sh", "-c", script}, options);
  EXPECT_EQ(run.exit_code, 124) << run.err;
  const int pid = wait_for_pid(path("pid"));
  ASSERT_GT(pid, 0);
  EXPECT_THAT(run.err, HasSubstr("pid " + std::to_string(pid) + " ("));
  EXPECT_THAT(run.err, HasSubstr("still running 1 s after SIGTERM: sent SIGKILL"));
  EXPECT_TRUE(wait_until([&] { return !process_alive(pid); }, milliseconds(5000)));
  EXPECT_LT(run.seconds, 30.0);
}

TEST_F(ExecTimeoutTest, OutputBeforeTheTimeoutIsPassedThrough) {
  const WrapperRun run = exec({"--timeout", "1", "--", "sh", "-c", "echo started; sleep 300"});
  EXPECT_EQ(run.exit_code, 124);
  EXPECT_EQ(run.out, "started\n");
}

TEST_F(ExecTimeoutTest, WithoutTimeoutALongerCommandFinishes) {
  const WrapperRun run = exec({"--", "sh", "-c", "sleep 1; echo done"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "done\n");
}

TEST_F(ExecTimeoutTest, SigtermToCdrunExecEndsTheCommand) {
  // The agent ends a timed-out hook with SIGTERM to the hook's process group, which holds cdrun
  // exec but not the command (it has its own group): cdrun exec must pass the ending on.
  WrapperOptions options;
  options.env = {"D=" + dir_.path()};
  // cdrun exec is the command's parent: the command reports both pids, the test signals cdrun exec.
  const std::string script = "echo $$ > \"$D/pid\"; echo $PPID > \"$D/wrapper\"; sleep 300";
  std::thread signaller([&] {
    const int wrapper = wait_for_pid(path("wrapper"));
    if (wrapper > 0) ::kill(wrapper, SIGTERM);
  });
  const WrapperRun run = exec({"--", "sh", "-c", script}, options);
  signaller.join();
  EXPECT_EQ(run.exit_code, 128 + SIGTERM) << run.err;
  EXPECT_THAT(run.err, HasSubstr("received signal 15"));
  const int pid = wait_for_pid(path("pid"));
  ASSERT_GT(pid, 0);
  EXPECT_TRUE(wait_until([&] { return !process_alive(pid); }, milliseconds(5000)));
}

}  // namespace
}  // namespace cdrun::exec_test
