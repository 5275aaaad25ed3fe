// A background process that keeps the command's output open after the command exited: named at
// once; without --detach-lingering waited for until it lets go or the timeout (then ended, 124);
// with it, the command's status comes back at once and the later output still reaches the log.
#include <chrono>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/exec/exec_test_support.h"

namespace cdrun::exec_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using std::chrono::milliseconds;

// A background job that waits (at most 10 s) for the test to create $D/go, then writes.
const char* const kLateWriter =
    "( i=0; while [ ! -e \"$D/go\" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done;"
    "  echo late-out; echo late-err >&2; echo done > \"$D/finished\" ) &\n"
    "echo $! > \"$D/pid\"\n"
    "echo early\n";

class ExecLingeringTest : public ExecTest {
 protected:
  WrapperOptions with_dir() const {
    WrapperOptions options;
    options.env = {"D=" + dir_.path()};
    return options;
  }
  void release_late_writer() const { dir_.write("go", ""); }
};

TEST_F(ExecLingeringTest, HolderIsNamedAtOnceAndEndedAtTheTimeout) {
  const WrapperRun run =
      exec({"--timeout", "6", "--", "sh", "-c", "sleep 300 & echo $! > \"$D/pid\"; echo started"}, with_dir());
  const int pid = wait_for_pid(path("pid"));
  ASSERT_GT(pid, 0);
  EXPECT_EQ(run.exit_code, 124) << run.err;
  EXPECT_EQ(run.out, "started\n");
  EXPECT_THAT(run.err, HasSubstr("pid " + std::to_string(pid) + " (sleep 300) holds stdout and stderr"));
  EXPECT_THAT(run.err, HasSubstr("exited with status 0"));
  EXPECT_THAT(run.err, HasSubstr("agent would wait"));
  EXPECT_THAT(run.err, HasSubstr("setsid or systemd-run"));
  EXPECT_THAT(run.err, HasSubstr("timed out after 6 s"));
  // Named when the command exited, not at the deadline.
  EXPECT_GE(run.first_err_seconds, 0.0);
  EXPECT_LT(run.first_err_seconds, 5.0);
  EXPECT_TRUE(wait_until([&] { return !process_alive(pid); }, milliseconds(5000)));
}

TEST_F(ExecLingeringTest, WithoutDetachWaitsUntilTheHolderLetsGo) {
  const WrapperRun run =
      exec({"--timeout", "30", "--", "sh", "-c", "sleep 1 & echo $! > \"$D/pid\"; exit 5"}, with_dir());
  EXPECT_EQ(run.exit_code, 5) << run.err;
  EXPECT_THAT(run.err, HasSubstr("(sleep 1) holds stdout and stderr"));
  EXPECT_THAT(run.err, HasSubstr("at most until the 30 s timeout"));
  EXPECT_THAT(run.err, Not(HasSubstr("timed out")));
  EXPECT_LT(run.seconds, 20.0);
}

TEST_F(ExecLingeringTest, DetachReturnsAtOnceAndLaterOutputReachesTheLog) {
  const std::string log = path("logs/hooks.log");
  const WrapperRun run =
      exec({"--timeout", "30", "--detach-lingering", "--log", log, "--", "sh", "-c", kLateWriter}, with_dir());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_LT(run.seconds, 10.0);    // well before the 30 s timeout
  EXPECT_TRUE(run.output_closed);  // neither the holder nor the log pump holds *our* output
  EXPECT_EQ(run.out, "early\n");
  const int pid = wait_for_pid(path("pid"));
  ASSERT_GT(pid, 0);
  EXPECT_THAT(run.err, HasSubstr("pid " + std::to_string(pid) + " ("));
  EXPECT_THAT(run.err, HasSubstr("their later output goes to " + log));
  EXPECT_TRUE(process_alive(pid));  // detached, not killed
  EXPECT_THAT(read_text(log), Not(HasSubstr("[stdout]late-out")));

  release_late_writer();  // the background job writes only now, after cdrun exec returned
  EXPECT_TRUE(wait_until([&] { return read_text(log).find("[stderr]late-err\n") != std::string::npos; },
                         milliseconds(10000)))
      << read_text(log);
  const std::string text = read_text(log);
  EXPECT_THAT(text, HasSubstr("[stdout]early\n"));
  EXPECT_THAT(text, HasSubstr("[stdout]late-out\n"));
  EXPECT_LT(text.find("[stdout]early"), text.find("[stdout]late-out"));
}

TEST_F(ExecLingeringTest, DetachWithoutLogDiscardsOutputButKeepsTheProcessAlive) {
  const WrapperRun run = exec({"--timeout", "30", "--detach-lingering", "--", "sh", "-c", kLateWriter}, with_dir());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_LT(run.seconds, 10.0);
  EXPECT_TRUE(run.output_closed);
  EXPECT_THAT(run.err, HasSubstr("discarded (no --log given)"));
  release_late_writer();
  // Closed pipes would have killed it with SIGPIPE at its first write, before "finished".
  EXPECT_TRUE(wait_until([&] { return read_text(path("finished")) == "done\n"; }, milliseconds(10000)));
}

TEST_F(ExecLingeringTest, StderrOnlyHolderIsReportedAsStderr) {
  const WrapperRun run = exec({"--detach-lingering", "--", "sh", "-c", "sleep 300 > /dev/null &"}, with_dir());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr("(sleep 300) holds stderr\n"));
  EXPECT_THAT(run.err, HasSubstr("failed to close STDERR"));
}

TEST_F(ExecLingeringTest, ProperlyDetachedDaemonIsNeitherReportedNorKilled) {
  const std::string script = "setsid sleep 300 > /dev/null 2>&1 < /dev/null & echo $! > \"$D/pid\"";
  const WrapperRun run = exec({"--timeout", "30", "--", "sh", "-c", script}, with_dir());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_LT(run.seconds, 10.0);
  const int pid = wait_for_pid(path("pid"));
  ASSERT_GT(pid, 0);
  EXPECT_TRUE(process_alive(pid));
}

}  // namespace
}  // namespace cdrun::exec_test
