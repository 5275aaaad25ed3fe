// End to end: hook processes under `cdrun deploy` — timeouts, TERM-ignoring and daemonising
// scripts, output held open by a background child, runas.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "deploy_fixture.h"

namespace cdrun::e2e {
namespace {

std::string hook_appspec(const std::string& script, int timeout, const std::string& extra = "") {
  return "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: " + script + "\n      timeout: " +
         std::to_string(timeout) + "\n" + extra;
}

bool alive(const std::string& pid_text) {
  const int pid = std::atoi(pid_text.c_str());
  return pid > 0 && ::kill(pid, 0) == 0;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(DeployProcessE2E, TimeoutEndsAScriptThatIgnoresTerm) {
  DeployFixture f;
  const std::string pidfile = f.dir().path() + "/pid";
  const std::string script = "#!/bin/sh\ntrap '' TERM\necho $$ > " + pidfile + "\nwhile :; do sleep 1; done\n";
  const auto start = std::chrono::steady_clock::now();
  Outcome run = f.deploy(f.write_bundle("v1", hook_appspec("stubborn.sh", 2), {{"stubborn.sh", script}}));
  const double took = seconds_since(start);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("Script at specified location: stubborn.sh failed to complete in 2 seconds"), std::string::npos) << run.err;
  // The agent sends one SIGTERM and waits for ever; cdrun kills after a short grace.
  EXPECT_LT(took, 15.0) << "hang guard";
  EXPECT_FALSE(alive(f.read(pidfile)));
}

TEST(DeployProcessE2E, TimeoutEndsADaemonisedChildToo) {
  DeployFixture f;
  const std::string pidfile = f.dir().path() + "/daemon.pid";
  const std::string script = "#!/bin/sh\nsetsid sh -c 'echo $$ > " + pidfile + "; exec sleep 60' > /dev/null 2>&1 < /dev/null &\nsleep 30\n";
  Outcome run = f.deploy(f.write_bundle("v1", hook_appspec("daemon.sh", 2), {{"daemon.sh", script}}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("failed to complete in 2 seconds"), std::string::npos) << run.err;
  EXPECT_FALSE(alive(f.read(pidfile))) << "no hook process outlives a failed hook";
}

TEST(DeployProcessE2E, BackgroundChildHoldingStdoutIsNamedAndTheVerdictIsTheAgents) {
  DeployFixture f;
  const std::string script = "#!/bin/sh\nsleep 30 &\necho started\n";
  const auto start = std::chrono::steady_clock::now();
  Outcome run = f.deploy(f.write_bundle("v1", hook_appspec("bg.sh", 2), {{"bg.sh", script}}));
  EXPECT_LT(seconds_since(start), 15.0) << "hang guard";
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("still holds its stdout/stderr"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("(sleep 30)"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("Script at specified location: bg.sh failed to close STDOUT"), std::string::npos) << run.err;
}

TEST(DeployProcessE2E, BackgroundChildThatFinishesInTimeLetsTheHookSucceed) {
  DeployFixture f;
  Outcome run = f.deploy(f.write_bundle("v1", hook_appspec("short.sh", 10), {{"short.sh", "#!/bin/sh\nsleep 1 &\n"}}));
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST(DeployProcessE2E, ProperlyDetachedDaemonSurvivesASuccessfulHook) {
  DeployFixture f;
  const std::string pidfile = f.dir().path() + "/daemon.pid";
  const std::string script = "#!/bin/sh\nsetsid sleep 30 > /dev/null 2>&1 < /dev/null &\necho $! > " + pidfile + "\n";
  Outcome run = f.deploy(f.write_bundle("v1", hook_appspec("start.sh", 10), {{"start.sh", script}}));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::string pid = f.read(pidfile);
  EXPECT_TRUE(alive(pid));
  if (alive(pid)) ::kill(std::atoi(pid.c_str()), SIGKILL);
}

TEST(DeployProcessE2E, ScriptsRunWithTheAgentsEnvironmentAndProcessSetup) {
  DeployFixture f;
  const std::string out = f.dir().path() + "/env.txt";
  const std::string script = "#!/bin/sh\n{ echo \"$LIFECYCLE_EVENT|$DEPLOYMENT_GROUP_NAME|$DEPLOYMENT_GROUP_ID|$APPLICATION_NAME\";"
                             " read x && echo stdin-open || echo stdin-eof;"
                             " [ \"$(ps -o pgid= -p $$ | tr -d ' ')\" = \"$$\" ] && echo group-leader; } > " + out + "\n";
  Outcome run = f.deploy(f.write_bundle("v1", hook_appspec("env.sh", 10), {{"env.sh", script}}), {"-a", "myapp", "-d", "web"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(f.read(out), "AfterInstall|web|default-local-deployment-group|myapp\nstdin-eof\ngroup-leader\n");
}

TEST(DeployProcessE2E, RunasGoesThroughSu) {
  if (::geteuid() != 0) GTEST_SKIP() << "runas needs root (su)";
  if (std::system("id cdrun-e2e > /dev/null 2>&1 || useradd -M -s /bin/sh cdrun-e2e > /dev/null 2>&1") != 0) GTEST_SKIP() << "cannot create a user";
  DeployFixture f;
  // The user must reach the scripts under the fixture and write its output there.
  ::chmod(f.dir().path().c_str(), 0777);
  const std::string out = f.dir().path() + "/who.txt";
  const std::string script = "#!/bin/sh\nid -un > " + out + "\n";
  Outcome run = f.deploy(f.write_bundle("v1", hook_appspec("who.sh", 10, "      runas: cdrun-e2e\n"), {{"who.sh", script}}));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(f.read(out), "cdrun-e2e\n");
  Outcome missing = f.deploy(f.write_bundle("v2", hook_appspec("who.sh", 10, "      runas: no-such-user-x\n"), {{"who.sh", script}}));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("run as user no-such-user-x failed with exit code"), std::string::npos) << missing.err;
}

TEST(DeployProcessE2E, TimeoutUnderRunasEndsTheUsersSessionToo) {
  if (::geteuid() != 0) GTEST_SKIP() << "runas needs root (su)";
  if (std::system("id cdrun-e2e > /dev/null 2>&1 || useradd -M -s /bin/sh cdrun-e2e > /dev/null 2>&1") != 0) GTEST_SKIP() << "cannot create a user";
  DeployFixture f;
  ::chmod(f.dir().path().c_str(), 0777);
  const std::string pidfile = f.dir().path() + "/pid";
  // su starts a new session for the user: the script is outside the process group cdrun started.
  const std::string script = "#!/bin/sh\necho $$ > " + pidfile + "\nexec sleep 60\n";
  Outcome run = f.deploy(f.write_bundle("v1", hook_appspec("slow.sh", 2, "      runas: cdrun-e2e\n"), {{"slow.sh", script}}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("Script at specified location: slow.sh failed to complete in 2 seconds"), std::string::npos) << run.err;
  EXPECT_FALSE(alive(f.read(pidfile))) << "the runas user's script outlived the failed hook";
}

}  // namespace
}  // namespace cdrun::e2e
