// cdrun exec's exit status and output pass-through: the command's own status, 128+N for a
// signal, 126/127 for commands that cannot run, 125 for our own usage errors.
#include <unistd.h>

#include <csignal>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/exec/exec_test_support.h"

namespace cdrun::exec_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ExecStatusTest : public ExecTest {};

TEST_F(ExecStatusTest, PassesExitStatusesThrough) {
  for (int code : {0, 3, 255}) {
    const WrapperRun run = exec({"--", "sh", "-c", "exit " + std::to_string(code)});
    EXPECT_EQ(run.exit_code, code) << run.err;
  }
}

TEST_F(ExecStatusTest, PassesStdoutAndStderrThroughSeparately) {
  const WrapperRun run = exec({"--", "sh", "-c", "echo out-1; echo err-1 >&2; echo out-2; printf tail"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "out-1\nout-2\ntail");
  EXPECT_EQ(run.err, "err-1\n");
}

TEST_F(ExecStatusTest, CommandKilledBySignalGives128PlusN) {
  const WrapperRun usr1 = exec({"--", "sh", "-c", "kill -USR1 $$"});
  EXPECT_EQ(usr1.exit_code, 128 + SIGUSR1) << usr1.err;
  const WrapperRun killed = exec({"--", "sh", "-c", "kill -KILL $$"});
  EXPECT_EQ(killed.exit_code, 128 + SIGKILL) << killed.err;
}

TEST_F(ExecStatusTest, CommandStartsAtFirstNonOption) {
  const WrapperRun run = exec({"--timeout", "20", "sh", "-c", "echo $0 $1", "--timeout", "x"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "--timeout x\n");
}

TEST_F(ExecStatusTest, AcceptsOptionValuesWithEquals) {
  const WrapperRun run = exec({"--timeout=20", "--kill-grace=0.5", "--event=AfterInstall", "--", "sh", "-c",
                               "echo $LIFECYCLE_EVENT"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "AfterInstall\n");
}

TEST_F(ExecStatusTest, StdinIsClosedForTheCommand) {
  // Our own stdin is a pipe that never closes: a command reading it would block until the timeout.
  WrapperOptions options;
  options.stdin_open_pipe = true;
  const WrapperRun run = exec({"--timeout", "20", "--", "cat"}, options);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_LT(run.seconds, 10.0);
  EXPECT_EQ(run.out, "");
}

TEST_F(ExecStatusTest, CommandNotFoundGives127) {
  const WrapperRun by_name = exec({"--", "cdrun-no-such-command-4711"});
  EXPECT_EQ(by_name.exit_code, 127);
  EXPECT_THAT(by_name.err, HasSubstr("not found"));
  EXPECT_THAT(by_name.err, HasSubstr("cdrun-no-such-command-4711"));
  const WrapperRun by_path = exec({"--", path("missing/run.sh")});
  EXPECT_EQ(by_path.exit_code, 127);
  EXPECT_THAT(by_path.err, HasSubstr(path("missing/run.sh")));
}

TEST_F(ExecStatusTest, NotExecutableGives126) {
  const std::string script = dir_.write("plain.sh", "#!/bin/sh\necho should not run\n", 0644);
  const WrapperRun run = exec({"--", script});
  EXPECT_EQ(run.exit_code, 126);
  EXPECT_THAT(run.err, HasSubstr("cannot be executed"));
  EXPECT_THAT(run.out, Not(HasSubstr("should not run")));
  const WrapperRun directory = exec({"--", dir_.path()});
  EXPECT_EQ(directory.exit_code, 126);
}

TEST_F(ExecStatusTest, UsageErrorsGive125WithAMessage) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{}, "no command"},
      {{"--timeout", "20"}, "no command"},
      {{"--timeout", "soon", "--", "true"}, "--timeout needs a number of seconds"},
      {{"--timeout", "-1", "--", "true"}, "--timeout needs a number of seconds"},
      {{"--kill-grace", "1e3", "--", "true"}, "--kill-grace needs a number of seconds"},
      {{"--frobnicate", "--", "true"}, "unknown option '--frobnicate'"},
      {{"--log"}, "--log needs a value"},
      {{"--event=", "--", "true"}, "--event needs"},
  };
  for (const Case& c : cases) {
    const WrapperRun run = exec(c.args);
    EXPECT_EQ(run.exit_code, 125) << ::testing::PrintToString(c.args);
    EXPECT_THAT(run.err, HasSubstr(c.message)) << ::testing::PrintToString(c.args);
    EXPECT_THAT(run.err, HasSubstr("--help"));
  }
}

TEST_F(ExecStatusTest, UnopenableLogGives125AndRunsNothing) {
  const std::string file = dir_.write("not-a-dir", "x");
  const std::string marker = path("ran");
  const WrapperRun run = exec({"--log", file + "/hooks.log", "--", "sh", "-c", "touch " + marker});
  EXPECT_EQ(run.exit_code, 125);
  EXPECT_THAT(run.err, HasSubstr(file));
  EXPECT_NE(::access(marker.c_str(), F_OK), 0);
}

TEST_F(ExecStatusTest, HelpPrintsUsageAndExitsZero) {
  const WrapperRun run = exec({"--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, HasSubstr("Usage: cdrun exec"));
  EXPECT_THAT(run.out, HasSubstr("--detach-lingering"));
  EXPECT_THAT(run.out, HasSubstr("124"));
}

}  // namespace
}  // namespace cdrun::exec_test
