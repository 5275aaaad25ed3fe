// End to end: `cdrun deploy` runs the lifecycle events as codedeploy-local does.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "deploy_fixture.h"

namespace cdrun::e2e {
namespace {

const char* const kAllHooks =
    "version: 0.0\nos: linux\nhooks:\n"
    "  BeforeBlockTraffic:\n    - location: hook.sh\n  AfterBlockTraffic:\n    - location: hook.sh\n"
    "  ApplicationStop:\n    - location: hook.sh\n  BeforeInstall:\n    - location: hook.sh\n"
    "  AfterInstall:\n    - location: hook.sh\n  ApplicationStart:\n    - location: hook.sh\n"
    "  ValidateService:\n    - location: hook.sh\n  BeforeAllowTraffic:\n    - location: hook.sh\n"
    "  AfterAllowTraffic:\n    - location: hook.sh\n";

TEST(DeployLifecycleE2E, FirstDeploymentSkipsThePreviousRevisionEvents) {
  DeployFixture f;
  const std::string trace = f.dir().path() + "/trace.log";
  Outcome run = f.deploy(f.write_bundle("v1", kAllHooks, {{"hook.sh", traced_script(trace, "v1")}}));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const std::string id = DeployFixture::deployment_id(run);
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(f.read(trace), "BeforeInstall v1 " + id + "\nAfterInstall v1 " + id + "\nApplicationStart v1 " + id +
                               "\nValidateService v1 " + id + "\nBeforeAllowTraffic v1 " + id + "\nAfterAllowTraffic v1 " +
                               id + "\n");
  const std::string dir = f.root() + "/default-local-deployment-group/" + id;
  EXPECT_EQ(run.out, "Starting to execute deployment from within folder " + dir + "\nSee the deployment log at " + dir +
                         "/logs/scripts.log for more details\nAppSpec file valid. Local deployment successful\n");
  EXPECT_EQ(f.instruction("_last_successful_install"), dir);
  EXPECT_EQ(f.instruction("_most_recent_install"), dir);
}

TEST(DeployLifecycleE2E, SecondDeploymentRunsThePreviousRevisionsStopScripts) {
  DeployFixture f;
  const std::string trace = f.dir().path() + "/trace.log";
  Outcome first = f.deploy(f.write_bundle("v1", kAllHooks, {{"hook.sh", traced_script(trace, "v1")}}));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::remove(trace.c_str());
  Outcome second = f.deploy(f.write_bundle("v2", kAllHooks, {{"hook.sh", traced_script(trace, "v2")}}));
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const std::string id = DeployFixture::deployment_id(second);
  const std::string t = f.read(trace);
  EXPECT_EQ(t.substr(0, t.find("BeforeInstall")), "BeforeBlockTraffic v1 " + id + "\nAfterBlockTraffic v1 " + id +
                                                       "\nApplicationStop v1 " + id + "\n");
  EXPECT_NE(t.find("BeforeInstall v2 " + id), std::string::npos);
}

TEST(DeployLifecycleE2E, AFailedAfterInstallIsStillTheLastSuccessfulInstall) {
  DeployFixture f;
  const std::string trace = f.dir().path() + "/trace.log";
  const std::string appspec = "version: 0.0\nos: linux\nhooks:\n  ApplicationStop:\n    - location: stop.sh\n"
                              "  AfterInstall:\n    - location: fail.sh\n  ApplicationStart:\n    - location: stop.sh\n";
  ASSERT_EQ(f.deploy(f.write_bundle("v1", appspec, {{"stop.sh", traced_script(trace, "v1")}, {"fail.sh", "#!/bin/sh\n"}})).exit_code, 0);
  Outcome failed = f.deploy(f.write_bundle("v2", appspec, {{"stop.sh", traced_script(trace, "v2")},
                                                           {"fail.sh", "#!/bin/sh\necho broken >&2\nexit 3\n"}}));
  EXPECT_EQ(failed.exit_code, 1);
  const std::string id2 = DeployFixture::deployment_id(failed);
  const std::string dir2 = f.root() + "/default-local-deployment-group/" + id2;
  EXPECT_NE(failed.out.find("Your local deployment failed while trying to execute your script at " + dir2 +
                            "/deployment-archive/fail.sh\n"),
            std::string::npos);
  EXPECT_NE(failed.err.find("Script at specified location: fail.sh failed with exit code 3"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("[stderr]broken"), std::string::npos) << failed.err;
  // The agent writes last_successful at the end of Install, so v2 counts although it failed.
  EXPECT_EQ(f.instruction("_last_successful_install"), dir2);
  std::remove(trace.c_str());
  Outcome third = f.deploy(f.write_bundle("v3", appspec, {{"stop.sh", traced_script(trace, "v3")}, {"fail.sh", "#!/bin/sh\n"}}));
  EXPECT_EQ(third.exit_code, 0) << third.err;
  EXPECT_EQ(f.read(trace).rfind("ApplicationStop v2 ", 0), 0u) << f.read(trace);
}

TEST(DeployLifecycleE2E, AFailedBeforeInstallLeavesTheOldRevisionInstalled) {
  DeployFixture f;
  const std::string appspec = "version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: @DEST@\n"
                              "hooks:\n  BeforeInstall:\n    - location: before.sh\n";
  ASSERT_EQ(f.deploy(f.write_bundle("v1", appspec, {{"before.sh", "#!/bin/sh\n"}, {"app/v1.txt", "1"}})).exit_code, 0);
  const std::string last = f.instruction("_last_successful_install");
  Outcome failed = f.deploy(f.write_bundle("v2", appspec, {{"before.sh", "#!/bin/sh\nexit 1\n"}, {"app/v2.txt", "2"}}));
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_EQ(f.instruction("_last_successful_install"), last);
  EXPECT_EQ(f.read(f.dest() + "/v1.txt"), "1");
  EXPECT_EQ(f.read(f.dest() + "/v2.txt"), "");
}

TEST(DeployLifecycleE2E, ABrokenPreviousRevisionFailsApplicationStopUntilIgnored) {
  DeployFixture f;
  const std::string appspec = "version: 0.0\nos: linux\nhooks:\n  ApplicationStop:\n    - location: stop.sh\n";
  ASSERT_EQ(f.deploy(f.write_bundle("v1", appspec, {{"stop.sh", "#!/bin/sh\nexit 1\n"}})).exit_code, 0);
  Outcome blocked = f.deploy(f.write_bundle("v2", appspec, {{"stop.sh", "#!/bin/sh\nexit 0\n"}}));
  EXPECT_EQ(blocked.exit_code, 1);
  EXPECT_NE(blocked.err.find("from the previous revision"), std::string::npos) << blocked.err;
  Outcome ignored = f.deploy(f.bundle("v2"), {"--ignore-application-stop-failures"});
  EXPECT_EQ(ignored.exit_code, 0) << ignored.err;
  EXPECT_NE(ignored.err.find("ApplicationStop failed and is ignored"), std::string::npos);
  // Once a deployment with the fixed script succeeded, its script is the one used.
  EXPECT_EQ(f.deploy(f.bundle("v2")).exit_code, 0);
}

TEST(DeployLifecycleE2E, EventsOptionPrependsDownloadBundleAndInstall) {
  DeployFixture f;
  const std::string trace = f.dir().path() + "/trace.log";
  const std::string appspec = "version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: @DEST@\nhooks:\n"
                              "  BeforeInstall:\n    - location: probe.sh\n  AfterInstall:\n    - location: probe.sh\n";
  const std::string probe = "#!/bin/sh\nif [ -e " + f.dest() + "/a.txt ]; then s=installed; else s=empty; fi\necho \"$LIFECYCLE_EVENT $s\" >> " + trace + "\n";
  Outcome run = f.deploy(f.write_bundle("v1", appspec, {{"probe.sh", probe}, {"app/a.txt", "a"}}), {"--events", "BeforeInstall,AfterInstall"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(f.read(trace), "BeforeInstall installed\nAfterInstall installed\n");
  Outcome refused = f.deploy(f.bundle("v1"), {"--events", "AfterInstall,DownloadBundle"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(refused.out,
            "ERROR: The only events that can be specified before DownloadBundle are BeforeBlockTraffic,AfterBlockTraffic,"
            "ApplicationStop. Please fix the order of your specified events: AfterInstall,DownloadBundle\n");
}

TEST(DeployLifecycleE2E, JsonFormatDescribesEveryEventAndScript) {
  DeployFixture f;
  const std::string appspec = "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: 30\n";
  Outcome run = f.deploy(f.write_bundle("v1", appspec, {{"a.sh", "#!/bin/sh\necho hi\nexit 4\n"}}), {"--format", "json"});
  EXPECT_EQ(run.exit_code, 1);
  nlohmann::json j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j["status"], "script-failed");
  const auto& events = j["events"];
  // BeforeBlockTraffic, AfterBlockTraffic, ApplicationStop (skipped: first deployment),
  // DownloadBundle, BeforeInstall (no scripts), Install, AfterInstall (fails; nothing after it runs).
  ASSERT_EQ(events.size(), 7u);
  EXPECT_EQ(events[0]["event"], "BeforeBlockTraffic");
  EXPECT_EQ(events[0]["outcome"], "skipped");
  EXPECT_EQ(events[3]["event"], "DownloadBundle");
  EXPECT_EQ(events[3]["outcome"], "succeeded");
  EXPECT_EQ(events[4]["outcome"], "skipped");
  const auto& after = events[6];
  EXPECT_EQ(after["event"], "AfterInstall");
  EXPECT_EQ(after["outcome"], "failed");
  EXPECT_EQ(after["previous_revision"], false);
  EXPECT_EQ(after["scripts"][0]["exit_code"], 4);
  EXPECT_EQ(after["scripts"][0]["timeout"], 30);
  EXPECT_EQ(after["scripts"][0]["reason"], "Script at specified location: a.sh failed with exit code 4");
  EXPECT_EQ(after["scripts"][0]["output_tail"], "[stdout]hi\n");
}

TEST(DeployLifecycleE2E, InvokedAsCodedeployLocalItBehavesAsDeploy) {
  DeployFixture f;
  Outcome help = run_cdrun({"deploy", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--bundle-location"), std::string::npos);
  // The build links codedeploy-local to cdrun; called by that name it takes deploy's options and
  // refuses an unknown one in docopt's words (cdrun deploy uses cdrun's: see cli_e2e_test.cc).
  const std::string binary = CDRUN_BINARY;
  const std::string alias = binary.substr(0, binary.rfind('/')) + "/codedeploy-local";
  Outcome bogus = run_program(alias, {"--bogus"});
  EXPECT_EQ(bogus.exit_code, 1);
  EXPECT_EQ(bogus.out.rfind("--bogus is not recognized\nUsage:\n", 0), 0u) << bogus.out;
  const std::string appspec = "version: 0.0\nos: linux\n";
  Outcome run = run_program(alias, {"--root-dir", f.root(), "--bundle-location", f.write_bundle("v1", appspec, {})});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("AppSpec file valid. Local deployment successful"), std::string::npos);
}

}  // namespace
}  // namespace cdrun::e2e
