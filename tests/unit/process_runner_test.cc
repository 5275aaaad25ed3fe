// How a hook process is started and how its end and output are reported (agent-behavior.md
// §5.2, §5.6, §5.8 and the "Process" facts of the conformance notes).
#include <fcntl.h>
#include <signal.h>
#include <sys/time.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "tests/unit/process_test_support.h"

namespace cdrun {
namespace {

using namespace process_test;
using std::chrono::milliseconds;

class ProcessRunner : public ::testing::Test {
 protected:
  ProcessResult run_script(const std::string& body, ProcessSpec* spec_override = nullptr) {
    ProcessSpec spec = spec_override ? *spec_override : script_spec(dir.write("hook.sh", "#!/bin/sh\n" + body));
    return launcher->run(spec, limits(3, milliseconds(500)), observer);
  }

  TempDir dir;
  RecordingObserver observer;
  std::unique_ptr<ProcessLauncher> launcher = make_posix_launcher();
};

TEST_F(ProcessRunner, ExitZeroIsReportedAsExitedWithCodeZero) {
  const ProcessResult result = run_script("exit 0\n");
  EXPECT_EQ(result.end, ProcessEnd::exited);
  EXPECT_EQ(result.exit_code, 0);
}

TEST_F(ProcessRunner, NonZeroExitCodeIsKept) {
  const ProcessResult result = run_script("echo before; exit 3\n");
  EXPECT_EQ(result.end, ProcessEnd::exited);
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(observer.text(false), "before\n");
}

TEST_F(ProcessRunner, DeathBySignalIsReportedWithTheSignal) {
  const ProcessResult result = run_script("kill -9 $$\n");
  EXPECT_EQ(result.end, ProcessEnd::signaled);
  EXPECT_EQ(result.signal, SIGKILL);
}

TEST_F(ProcessRunner, MissingProgramIsASpawnFailureWithTheErrnoText) {
  ProcessSpec spec = script_spec(dir.file("no-such-script.sh"));
  const ProcessResult result = launcher->run(spec, limits(2, milliseconds(500)), observer);
  EXPECT_EQ(result.end, ProcessEnd::spawn_failed);
  EXPECT_NE(result.error.find("No such file or directory"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("no-such-script.sh"), std::string::npos) << result.error;
}

TEST_F(ProcessRunner, FileWithoutExecutePermissionIsASpawnFailure) {
  ProcessSpec spec = script_spec(dir.write("plain.sh", "#!/bin/sh\necho hi\n", 0644));
  // Even root needs at least one execute bit to exec a file.
  const ProcessResult result = launcher->run(spec, limits(2, milliseconds(500)), observer);
  EXPECT_EQ(result.end, ProcessEnd::spawn_failed);
  EXPECT_NE(result.error.find("Permission denied"), std::string::npos) << result.error;
}

TEST_F(ProcessRunner, ScriptWithoutShebangRunsThroughBinSh) {
  ProcessSpec spec = script_spec(dir.write("noshebang.sh", "echo \"ran $0 $1\"\n"));
  spec.argv.push_back("first-arg");
  const ProcessResult result = launcher->run(spec, limits(3, milliseconds(500)), observer);
  EXPECT_EQ(result.end, ProcessEnd::exited);
  EXPECT_EQ(observer.text(false), "ran " + dir.file("noshebang.sh") + " first-arg\n");
}

TEST_F(ProcessRunner, ProgramNameIsLookedUpInTheHooksOwnPath) {
  ProcessSpec spec;
  spec.argv = {"sh", "-c", "echo found"};
  spec.env = {"PATH=/nonexistent:/bin"};
  EXPECT_EQ(launcher->run(spec, limits(3, milliseconds(500)), observer).end, ProcessEnd::exited);
  EXPECT_EQ(observer.text(false), "found\n");

  spec.env = {"PATH=/nonexistent"};
  const ProcessResult missing = launcher->run(spec, limits(3, milliseconds(500)), observer);
  EXPECT_EQ(missing.end, ProcessEnd::spawn_failed);
  EXPECT_NE(missing.error.find("No such file or directory - sh"), std::string::npos) << missing.error;
}

TEST_F(ProcessRunner, LinesKeepTheirNewlineAndTheLastPartialLineComesWithout) {
  run_script("printf 'a\\nb\\n'; printf 'partial'\n");
  const std::vector<Output> expected{{false, "a\n"}, {false, "b\n"}, {false, "partial"}};
  EXPECT_EQ(observer.outputs, expected);
}

TEST_F(ProcessRunner, StdoutAndStderrArriveSeparatelyInTheirOrder) {
  run_script("echo one; sleep 0.2; echo two >&2; sleep 0.2; echo three; sleep 0.2; printf 'four' >&2\n");
  const std::vector<Output> expected{{false, "one\n"}, {true, "two\n"}, {false, "three\n"}, {true, "four"}};
  EXPECT_EQ(observer.outputs, expected);
}

TEST_F(ProcessRunner, EnvironmentIsExactlyTheGivenOne) {
  ProcessSpec spec = script_spec(dir.write("env.sh", "#!/bin/sh\ntr '\\0' '\\n' < /proc/$$/environ\n"));
  spec.env = {"PATH=/usr/bin:/bin", "LIFECYCLE_EVENT=BeforeInstall", "SPACED=a b  c"};
  ::setenv("CDRUN_SHOULD_NOT_LEAK", "1", 1);
  launcher->run(spec, limits(3, milliseconds(500)), observer);
  ::unsetenv("CDRUN_SHOULD_NOT_LEAK");
  EXPECT_EQ(observer.text(false), "PATH=/usr/bin:/bin\nLIFECYCLE_EVENT=BeforeInstall\nSPACED=a b  c\n");
}

TEST_F(ProcessRunner, RunsInTheGivenDirectory) {
  ProcessSpec spec = script_spec(dir.write("pwd.sh", "#!/bin/sh\npwd -P\n"));
  std::filesystem::create_directory(dir.file("work"));
  spec.cwd = dir.file("work");
  launcher->run(spec, limits(3, milliseconds(500)), observer);
  EXPECT_EQ(observer.text(false), std::filesystem::canonical(dir.file("work")).string() + "\n");
}

TEST_F(ProcessRunner, MissingWorkingDirectoryIsASpawnFailure) {
  ProcessSpec spec = script_spec(dir.write("pwd.sh", "#!/bin/sh\npwd\n"));
  spec.cwd = dir.file("gone");
  const ProcessResult result = launcher->run(spec, limits(3, milliseconds(500)), observer);
  EXPECT_EQ(result.end, ProcessEnd::spawn_failed);
  EXPECT_NE(result.error.find("No such file or directory - chdir " + dir.file("gone")), std::string::npos)
      << result.error;
  EXPECT_TRUE(observer.outputs.empty());
}

TEST_F(ProcessRunner, StdinReadsEndOfFile) {
  run_script("if read line; then echo \"got $line\"; else echo eof; fi\nreadlink /proc/$$/fd/0\n");
  EXPECT_EQ(observer.text(false), "eof\n/dev/null\n");
}

TEST_F(ProcessRunner, NoDescriptorOfOursLeaksIntoTheHook) {
  const int stray = ::open("/dev/null", O_RDONLY);  // deliberately without O_CLOEXEC
  ASSERT_GE(stray, 3);
  const std::string fd = std::to_string(stray);
  run_script("if [ -e /proc/$$/fd/" + fd + " ]; then echo open; else echo closed; fi\n");
  ::close(stray);
  EXPECT_EQ(observer.text(false), "closed\n");
}

TEST_F(ProcessRunner, HookLeadsItsOwnProcessGroupButNotASession) {
  run_script("read pid comm state ppid pgid sid rest < /proc/$$/stat\necho \"$pid $pgid $sid\"\n");
  const std::string text = observer.text(false);
  long pid = 0, pgid = 0, sid = 0;
  ASSERT_EQ(std::sscanf(text.c_str(), "%ld %ld %ld", &pid, &pgid, &sid), 3) << text;
  EXPECT_EQ(pgid, pid);
  EXPECT_NE(sid, pid);
  EXPECT_EQ(sid, static_cast<long>(::getsid(0)));
}

TEST_F(ProcessRunner, OutputsClosedBeforeTheExitStillGiveTheExitCode) {
  const ProcessResult result = run_script("echo last\nexec >&- 2>&-\nsleep 0.3\nexit 4\n");
  EXPECT_EQ(result.end, ProcessEnd::exited);
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_EQ(observer.text(false), "last\n");
  EXPECT_GE(result.duration, milliseconds(300));
}

TEST_F(ProcessRunner, FiftyMegabytesStreamThroughWithoutBeingHeld) {
  // 49 characters and a newline: 50 bytes a line, 1048576 lines in 50 MiB.
  class Counter : public ProcessObserver {
   public:
    void on_output(bool is_stderr, const std::string& line) override {
      if (is_stderr || line.size() != 50 || line.back() != '\n') ++odd;
      bytes += line.size();
      ++lines;
    }
    long long bytes = 0, lines = 0, odd = 0;
  } counter;
  // Resetting the peak RSS (root, Linux >= 4.0) makes VmHWM measure this test alone.
  const bool peak_reset = static_cast<bool>(std::ofstream("/proc/self/clear_refs") << "5" << std::flush);
  const auto peak_kib = [] {
    const std::string status = read_text("/proc/self/status");
    const std::size_t at = status.find("VmHWM:");
    return at == std::string::npos ? 0L : std::atol(status.c_str() + at + 6);
  };
  const long before = peak_kib();
  ProcessSpec spec = script_spec(dir.write(
      "big.sh", "#!/bin/sh\nyes 0123456789012345678901234567890123456789012345678 | head -c 52428800\n"));
  const ProcessResult result = launcher->run(spec, limits(60, milliseconds(500)), counter);
  EXPECT_EQ(result.end, ProcessEnd::exited);
  EXPECT_EQ(counter.bytes, 52428800);
  EXPECT_EQ(counter.lines, 1048576);
  EXPECT_EQ(counter.odd, 0);
  if (peak_reset) {
    EXPECT_LT(peak_kib() - before, 16 * 1024) << "peak RSS grew by more than 16 MiB";
  }
}

void ignore_alarm(int) {}

TEST_F(ProcessRunner, SignalsInterruptingOurSystemCallsChangeNothing) {
  // SIGALRM every 2 ms without SA_RESTART: poll, read and waitpid keep failing with EINTR.
  struct sigaction action {};
  action.sa_handler = ignore_alarm;
  struct sigaction previous {};
  ASSERT_EQ(::sigaction(SIGALRM, &action, &previous), 0);
  itimerval every_2ms{{0, 2000}, {0, 2000}};
  ::setitimer(ITIMER_REAL, &every_2ms, nullptr);
  const ProcessResult result = run_script("echo a; sleep 0.3; echo b >&2; seq 1 20000 | tail -n 1; exit 6\n");
  itimerval off{};
  ::setitimer(ITIMER_REAL, &off, nullptr);
  ::sigaction(SIGALRM, &previous, nullptr);
  EXPECT_EQ(result.end, ProcessEnd::exited);
  EXPECT_EQ(result.exit_code, 6);
  EXPECT_EQ(observer.text(false), "a\n20000\n");
  EXPECT_EQ(observer.text(true), "b\n");
}

TEST_F(ProcessRunner, DurationCoversTheRun) {
  const ProcessResult result = run_script("sleep 0.3\n");
  EXPECT_GE(result.duration, milliseconds(300));
  EXPECT_LT(result.duration, milliseconds(3000));
}

}  // namespace
}  // namespace cdrun
