// The example hook scripts in hooks/examples, run as the agent would run them (directly, or under
// cdrun exec), with every path, the port and the retry counts pointed into a temporary directory.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/exec/exec_test_support.h"

namespace cdrun::exec_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using std::chrono::milliseconds;

const std::string kExamples = CDRUN_SOURCE_DIR "/hooks/examples";

std::string example(const std::string& name) { return kExamples + "/scripts/" + name; }

bool exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

std::string canonical(const std::string& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  std::string text = resolved ? resolved : path;
  std::free(resolved);
  return text;
}

class HookExamplesTest : public ExecTest {
 protected:
  WrapperOptions app_env() const {
    WrapperOptions options;
    options.env = {"APP_PREFIX=" + kExamples, "APP_PIDFILE=" + path("app.pid"), "APP_LOG=" + path("app.log"),
                   "APP_SYSTEMD=no", "APP_STOP_GRACE=2"};
    return options;
  }
  // A stand-in service started the way start_daemon.sh starts one; its pid goes to app.pid.
  int start_stand_in(const std::string& body) {
    WrapperOptions options;
    options.env = {"D=" + dir_.path()};
    const std::string start = dir_.write(
        "start_stand_in.sh",
        "#!/bin/sh\nsetsid sh -c '" + body + "' > /dev/null 2>&1 < /dev/null &\necho $! > \"$D/app.pid\"\n", 0755);
    EXPECT_EQ(script(start, options).exit_code, 0);
    return wait_for_pid(path("app.pid"));
  }
};

TEST_F(HookExamplesTest, StopServiceSucceedsWithoutAPidfileAndTwice) {
  for (int round = 0; round < 2; ++round) {
    const WrapperRun run = script(example("stop_service.sh"), app_env());
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out, "stopped\n");
  }
}

TEST_F(HookExamplesTest, StopServiceStopsARunningServiceAndRemovesThePidfile) {
  const int pid = start_stand_in("exec sleep 300");
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(process_alive(pid));
  const WrapperRun run = script(example("stop_service.sh"), app_env());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(wait_until([&] { return !process_alive(pid); }, milliseconds(5000)));
  EXPECT_FALSE(exists(path("app.pid")));
}

TEST_F(HookExamplesTest, StopServiceKillsAServiceThatIgnoresTerm) {
  const int pid = start_stand_in("trap \"\" TERM; while :; do sleep 0.1; done");
  ASSERT_GT(pid, 0);
  const WrapperRun run = script(example("stop_service.sh"), app_env());  // APP_STOP_GRACE=2
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(wait_until([&] { return !process_alive(pid); }, milliseconds(5000)));
  EXPECT_LT(run.seconds, 20.0);
}

TEST_F(HookExamplesTest, StopServiceIgnoresAStalePidfile) {
  const int gone = start_stand_in("exit 0");
  ASSERT_GT(gone, 0);
  ASSERT_TRUE(wait_until([&] { return !process_alive(gone); }, milliseconds(5000)));
  const WrapperRun run = script(example("stop_service.sh"), app_env());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_FALSE(exists(path("app.pid")));
}

TEST_F(HookExamplesTest, StopServiceRefusesAPidfileThatIsNotAPid) {
  // "kill 0" would end the script's own process group (run_wrapper gives it one): exit 143.
  dir_.write("app.pid", "0\n");
  const WrapperRun run = script(example("stop_service.sh"), app_env());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "stopped\n");
  EXPECT_FALSE(exists(path("app.pid")));
}

TEST_F(HookExamplesTest, StartDaemonUnderCdrunExecThenHealthCheckThenStop) {
  const int port = free_port();
  WrapperOptions options = app_env();
  options.env.push_back("APP_PORT=" + std::to_string(port));
  options.env.push_back("HEALTH_URL=http://127.0.0.1:" + std::to_string(port) + "/");
  options.env.push_back("HEALTH_ATTEMPTS=8");

  // No process may keep the hook's output open: cdrun exec would name it and wait for the timeout.
  const WrapperRun start = exec({"--timeout", "20", "--", example("start_daemon.sh")}, options);
  EXPECT_EQ(start.exit_code, 0) << start.err;
  EXPECT_EQ(start.out, "started\n");
  EXPECT_THAT(start.err, Not(HasSubstr("held open")));
  EXPECT_TRUE(start.output_closed);
  EXPECT_LT(start.seconds, 10.0);
  const int pid = wait_for_pid(path("app.pid"));
  ASSERT_GT(pid, 0);
  EXPECT_TRUE(process_alive(pid));

  const WrapperRun health = script(example("health_check.sh"), options);
  EXPECT_EQ(health.exit_code, 0) << health.err << read_text(path("app.log"));
  EXPECT_THAT(health.out, HasSubstr("healthy after"));

  const WrapperRun stop = script(example("stop_service.sh"), options);
  EXPECT_EQ(stop.exit_code, 0) << stop.err;
  EXPECT_TRUE(wait_until([&] { return !process_alive(pid); }, milliseconds(5000)));
  EXPECT_FALSE(exists(path("app.pid")));
}

// application_start.sh is the hook pattern: the work (start_daemon.sh) under cdrun exec where cdrun
// is on PATH, the same work directly where it is not.
TEST_F(HookExamplesTest, ApplicationStartRunsTheWorkUnderCdrunExecWhereCdrunIsInstalled) {
  dir_.write("bin/.keep", "");
  ASSERT_EQ(::symlink(CDRUN_BINARY, path("bin/cdrun").c_str()), 0);
  WrapperOptions options = app_env();
  options.env.push_back("APP_PORT=" + std::to_string(free_port()));
  options.env.push_back("HOOK_LOG=" + path("logs/hooks.log"));
  options.env.push_back("PATH=" + path("bin") + ":/usr/bin:/bin");
  const WrapperRun start = script(example("application_start.sh"), options);
  EXPECT_EQ(start.exit_code, 0) << start.err;
  EXPECT_EQ(start.out, "started\n");
  EXPECT_TRUE(start.output_closed);
  // Only cdrun exec writes the hook log, in the agent's scripts.log format.
  EXPECT_THAT(read_text(path("logs/hooks.log")), HasSubstr("[stdout]started\n"));
  const int pid = wait_for_pid(path("app.pid"));
  ASSERT_GT(pid, 0);
  EXPECT_EQ(script(example("stop_service.sh"), options).exit_code, 0);
  EXPECT_TRUE(wait_until([&] { return !process_alive(pid); }, milliseconds(5000)));
}

TEST_F(HookExamplesTest, ApplicationStartRunsTheWorkDirectlyWithoutCdrun) {
  if (exists("/usr/bin/cdrun") || exists("/bin/cdrun")) GTEST_SKIP() << "cdrun is installed in /usr/bin or /bin";
  WrapperOptions options = app_env();
  options.env.push_back("APP_PORT=" + std::to_string(free_port()));
  options.env.push_back("HOOK_LOG=" + path("logs/hooks.log"));
  options.env.push_back("PATH=/usr/bin:/bin");
  const WrapperRun start = script(example("application_start.sh"), options);
  EXPECT_EQ(start.exit_code, 0) << start.err;
  EXPECT_EQ(start.out, "started\n");
  EXPECT_FALSE(exists(path("logs/hooks.log")));
  const int pid = wait_for_pid(path("app.pid"));
  ASSERT_GT(pid, 0);
  EXPECT_EQ(script(example("stop_service.sh"), options).exit_code, 0);
  EXPECT_TRUE(wait_until([&] { return !process_alive(pid); }, milliseconds(5000)));
}

TEST_F(HookExamplesTest, HealthCheckAgainstAClosedPortFailsAfterRetries) {
  WrapperOptions options;
  const std::string url = "http://127.0.0.1:" + std::to_string(free_port()) + "/";
  options.env = {"HEALTH_URL=" + url, "HEALTH_ATTEMPTS=2", "HEALTH_DELAY=1"};
  const WrapperRun run = script(example("health_check.sh"), options);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("attempt 1 failed; retrying in 1s"));
  EXPECT_THAT(run.err, HasSubstr("service at " + url + " did not become healthy after 2 attempt(s)"));
  EXPECT_LT(run.seconds, 30.0);
}

TEST_F(HookExamplesTest, CleanDestinationCleansInsideTheAllowedRoot) {
  dir_.write("allowed/prefix/app/a.txt", "a");
  dir_.write("allowed/prefix/app/sub/b.txt", "b");
  dir_.write("allowed/prefix/app/.hidden", "h");
  WrapperOptions options;
  options.env = {"CLEAN_ALLOWED_ROOT=" + path("allowed"), "APP_PREFIX=" + path("allowed/prefix")};
  const WrapperRun run = script(example("clean_destination.sh"), options);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "cleaned " + canonical(path("allowed/prefix/app")) + "\n");
  EXPECT_TRUE(exists(path("allowed/prefix/app")));
  EXPECT_FALSE(exists(path("allowed/prefix/app/a.txt")));
  EXPECT_FALSE(exists(path("allowed/prefix/app/sub")));
  EXPECT_FALSE(exists(path("allowed/prefix/app/.hidden")));
}

TEST_F(HookExamplesTest, CleanDestinationRefusesPathsOutsideItsRoots) {
  dir_.write("outside/app/keep.txt", "keep");
  dir_.write("allowed/prefix/app/keep.txt", "keep");
  ASSERT_EQ(::symlink(path("outside").c_str(), path("allowed/link").c_str()), 0);
  const std::vector<std::string> prefixes = {path("outside"), path("allowed/../outside"), path("allowed/link"), "/etc"};
  for (const std::string& prefix : prefixes) {
    WrapperOptions options;
    options.env = {"CLEAN_ALLOWED_ROOT=" + path("allowed"), "APP_PREFIX=" + prefix};
    const WrapperRun run = script(example("clean_destination.sh"), options);
    EXPECT_EQ(run.exit_code, 1) << prefix;
    EXPECT_THAT(run.err, HasSubstr("refusing to clean")) << prefix;
  }
  EXPECT_TRUE(exists(path("outside/app/keep.txt")));
  // Without CLEAN_ALLOWED_ROOT the temporary directory is not an allowed root.
  if (canonical(dir_.path()).rfind("/opt/", 0) != 0 && canonical(dir_.path()).rfind("/srv/", 0) != 0) {
    WrapperOptions options;
    options.env = {"APP_PREFIX=" + path("allowed/prefix")};
    EXPECT_EQ(script(example("clean_destination.sh"), options).exit_code, 1);
    EXPECT_TRUE(exists(path("allowed/prefix/app/keep.txt")));
  }
}

class InstallDependenciesTest : public HookExamplesTest {
 protected:
  // PATH holds only stubs: apt-get records its calls and "installs" python3 as a stub too.
  WrapperOptions stub_path(bool with_python) const {
    dir_.write("stubs/apt-get",
               "#!/bin/sh\necho \"apt-get $* DEBIAN_FRONTEND=$DEBIAN_FRONTEND\" >> \"$STUB_LOG\"\n"
               "if [ \"$1\" = install ]; then printf '#!/bin/sh\\n' > \"$STUB_DIR/python3\"; "
               "/bin/chmod 755 \"$STUB_DIR/python3\"; fi\n",
               0755);
    if (with_python) dir_.write("stubs/python3", "#!/bin/sh\n", 0755);
    WrapperOptions options;
    options.env = {"PATH=" + path("stubs"), "STUB_DIR=" + path("stubs"), "STUB_LOG=" + path("calls.log"),
                   "DEBIAN_FRONTEND="};
    return options;
  }
};

TEST_F(InstallDependenciesTest, DoesNothingWhenPython3IsPresent) {
  const WrapperRun run = script(example("install_dependencies.sh"), stub_path(true));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "dependencies present\n");
  EXPECT_EQ(read_text(path("calls.log")), "");
}

TEST_F(InstallDependenciesTest, InstallsPython3WithAptGetWhenMissing) {
  const WrapperRun run = script(example("install_dependencies.sh"), stub_path(false));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "dependencies installed\n");
  EXPECT_EQ(read_text(path("calls.log")),
            "apt-get update -qq DEBIAN_FRONTEND=\n"
            "apt-get install -y -qq python3 DEBIAN_FRONTEND=noninteractive\n");
  // Now present: a second run installs nothing.
  const WrapperRun again = script(example("install_dependencies.sh"), stub_path(false));
  EXPECT_EQ(again.out, "dependencies present\n");
}

TEST_F(InstallDependenciesTest, FailsClearlyWithoutAPackageManager) {
  dir_.write("empty/.keep", "");
  WrapperOptions options;
  options.env = {"PATH=" + path("empty")};
  const WrapperRun run = script(example("install_dependencies.sh"), options);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("no apt-get, dnf or yum"));
}

}  // namespace
}  // namespace cdrun::exec_test
