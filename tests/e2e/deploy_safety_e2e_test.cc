// End to end: two deployments into one root, and a deployment killed in the middle of Install.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "deploy_fixture.h"

namespace cdrun::e2e {
namespace {

TEST(DeploySafetyE2E, ASecondDeploymentIntoTheSameRootIsRefusedWithStateIntact) {
  DeployFixture f;
  const std::string marker = f.dir().path() + "/started";
  const std::string appspec = "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: slow.sh\n      timeout: 30\n";
  const std::string bundle = f.write_bundle("v1", appspec, {{"slow.sh", "#!/bin/sh\ntouch " + marker + "\nsleep 3\n"}});
  Outcome first;
  std::thread runner([&] { first = f.deploy(bundle); });
  for (int i = 0; i < 1000 && f.read(marker).empty() && ::access(marker.c_str(), F_OK) != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  Outcome second = f.deploy(bundle);
  runner.join();
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.out.find("another deployment (cdrun pid"), std::string::npos) << second.out;
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(f.instruction("_last_successful_install"),
            f.root() + "/default-local-deployment-group/" + DeployFixture::deployment_id(first));
  EXPECT_EQ(f.deploy(bundle).exit_code, 0) << "the root is usable again";
}

TEST(DeploySafetyE2E, KilledDuringInstallThenRedeployedLeavesExactlyTheNewRevision) {
  DeployFixture f;
  const std::string appspec = "version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: @DEST@\n";
  ASSERT_EQ(f.deploy(f.write_bundle("v1", appspec, {{"app/v1-only.txt", "1"}})).exit_code, 0);
  const std::string v1_dir = f.instruction("_last_successful_install");
  std::vector<std::pair<std::string, std::string>> files;
  for (int i = 0; i < 20000; ++i) files.emplace_back("app/d" + std::to_string(i % 50) + "/f" + std::to_string(i) + ".txt", "x");
  const std::string v2 = f.write_bundle("v2", appspec, files);

  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::execl(CDRUN_BINARY, CDRUN_BINARY, "deploy", "--root-dir", f.root().c_str(), "-l", v2.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Kill it as soon as Install has started writing v2's files: the new cleanup list names them.
  bool killed_mid_install = false;
  for (int i = 0; i < 20000 && !killed_mid_install; ++i) {
    if (f.instruction("-cleanup").find("/f") != std::string::npos && f.instruction("_last_successful_install") == v1_dir) {
      ::kill(child, SIGKILL);
      killed_mid_install = true;
    } else {
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(killed_mid_install) << "Install finished before the test could interrupt it";
  EXPECT_EQ(f.instruction("_last_successful_install"), v1_dir) << "a partial install is never recorded as good";

  Outcome again = f.deploy(v2);
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(f.read(f.dest() + "/v1-only.txt"), "");
  EXPECT_EQ(f.read(f.dest() + "/d7/f19957.txt"), "x");
}

}  // namespace
}  // namespace cdrun::e2e
