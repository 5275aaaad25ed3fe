// `cdrun watch` against moto with signature and IAM checks on. moto creates the deployment (awscli);
// its progression is scripted through moto_deployment_shim.py, since no fleet runs here: what the
// tests see is what they scripted, with shapes from the CodeDeploy API reference.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/aws/onprem_e2e_support.h"

namespace cdrun::testing {
namespace {

using ::testing::HasSubstr;
using nlohmann::json;

const char kLogTail[] = "[stderr]E: Could not get lock /var/lib/dpkg/lock-frontend\n[stderr]install failed";
const char kScriptMessage[] = "Script at specified location: scripts/install_deps.sh run as user root failed with exit code 100";

json event(const std::string& name, const std::string& status) {
  json e{{"lifecycleEventName", name}, {"status", status}};
  if (status == "Succeeded" || status == "Failed") {
    e["startTime"] = 1796000000.125;  // epoch seconds, as the JSON protocol sends timestamps
    e["endTime"] = 1796000003.5;
  }
  return e;
}

// `events` as a vector: a braced list of one json would otherwise become that element, not an array.
json instance(const std::string& id, const std::string& status, const std::vector<json>& events) {
  return {{"deploymentTargetType", "InstanceTarget"},
          {"instanceTarget", {{"targetId", id}, {"targetArn", "arn:aws:ec2:us-east-1:123456789012:instance/" + id},
                              {"status", status}, {"lifecycleEvents", json(events)}}}};
}

json failed_install() {
  json failed = event("BeforeInstall", "Failed");
  failed["diagnostics"] = {{"errorCode", "ScriptFailed"},
                           {"scriptName", "scripts/install_deps.sh"},
                           {"message", kScriptMessage},
                           {"logTail", kLogTail}};
  return failed;
}

// Two polls: in progress, then failed on i-0aaa's BeforeInstall with a rollback started.
json failing_script() {
  json first{{"deployment", {{"status", "InProgress"}, {"deploymentOverview", {{"InProgress", 2}}}}},
             {"targets", {instance("i-0aaa", "InProgress", {event("ApplicationStop", "Succeeded"),
                                                           event("DownloadBundle", "InProgress")}),
                          instance("i-0bbb", "Pending", {event("ApplicationStop", "Pending")})}}};
  json last{{"deployment",
             {{"status", "Failed"},
              {"deploymentOverview", {{"Failed", 1}, {"Skipped", 1}}},
              {"errorInformation", {{"code", "HEALTH_CONSTRAINTS"}, {"message", "Too many instances failed."}}},
              {"rollbackInfo", {{"rollbackDeploymentId", "d-ROLLBACK7"}}}}},
            {"targets", {instance("i-0aaa", "Failed", {event("ApplicationStop", "Succeeded"),
                                                       event("DownloadBundle", "Succeeded"), failed_install(),
                                                       event("AfterInstall", "Skipped")}),
                         instance("i-0bbb", "Skipped", {event("ApplicationStop", "Skipped")})}}};
  return {{"steps", {first, last}}};
}

// `count` instances, each through three events, listed `page_size` ids a page.
json succeeding_script(int count, int page_size) {
  json running = json::array();
  json done = json::array();
  for (int i = 0; i < count; ++i) {
    const std::string id = "i-" + std::to_string(1000 + i);
    running.push_back(instance(id, "InProgress", {event("ApplicationStop", "Succeeded"), event("Install", "InProgress"),
                                                  event("ValidateService", "Pending")}));
    done.push_back(instance(id, "Succeeded", {event("ApplicationStop", "Succeeded"), event("Install", "Succeeded"),
                                              event("ValidateService", "Succeeded")}));
  }
  return {{"pageSize", page_size},
          {"steps",
           {{{"deployment", {{"status", "InProgress"}, {"deploymentOverview", {{"InProgress", count}}}}},
             {"targets", running}},
            {{"deployment", {{"status", "Succeeded"}, {"deploymentOverview", {{"Succeeded", count}}}}},
             {"targets", done}}}}};
}

class WatchE2E : public OnPremE2E {
 protected:
  std::vector<std::string> extra_user_actions() const override {
    return {"codedeploy:GetDeployment", "codedeploy:ListDeploymentTargets", "codedeploy:BatchGetDeploymentTargets"};
  }

  // A deployment made through moto's own CreateApplication/CreateDeploymentGroup/CreateDeployment.
  std::string create_deployment() const {
    moto.relax_auth();
    aws_ok(moto, {"deploy", "create-application", "--application-name", "web"});
    aws_ok(moto, {"deploy", "create-deployment-group", "--application-name", "web", "--deployment-group-name",
                  "prod", "--service-role-arn", "arn:aws:iam::123456789012:role/CodeDeployService"});
    const std::string created = aws_ok(moto, {"deploy", "create-deployment", "--application-name", "web",
                                              "--deployment-group-name", "prod", "--revision",
                                              "revisionType=S3,s3Location={bucket=b,key=k.zip,bundleType=zip}"});
    moto.enforce_auth();
    return json::parse(created).at("deploymentId").get<std::string>();
  }

  void script(const std::string& deployment_id, const json& document) const {
    const auto answer = loopback_http("POST", moto.endpoint() + "/cdrun-test/deployments/" + deployment_id + "/script",
                                      {{"Content-Type", "application/json"}}, document.dump(), 10);
    ASSERT_TRUE(answer.has_value());
    ASSERT_EQ(answer->status, 200) << answer->body;
  }

  cdrun::e2e::Outcome watch(const std::string& deployment_id, const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> args{"watch", deployment_id, "--interval", "0.2s", "--region", "us-east-1",
                                  "--endpoint-url", moto.endpoint()};
    args.insert(args.end(), extra.begin(), extra.end());
    return cdrun::e2e::run_cdrun(args, user_env());
  }
};

TEST_F(WatchE2E, SucceedingDeploymentListsEveryEventOfEveryTargetAndExitsZero) {
  const std::string id = create_deployment();
  script(id, succeeding_script(27, 10));  // three pages of ids, two BatchGetDeploymentTargets calls
  const cdrun::e2e::Outcome run = watch(id);
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("deployment " + id + " (web / prod): InProgress (succeeded 0, failed 0, in progress 27"));
  for (int i = 0; i < 27; ++i) {
    const std::string target = "i-" + std::to_string(1000 + i);
    for (const char* name : {"ApplicationStop", "Install", "ValidateService"})
      EXPECT_THAT(run.out, HasSubstr("  " + target + " " + name + " Succeeded (3s)\n"));
    EXPECT_THAT(run.out, HasSubstr("target " + target + ": Succeeded\n"));
  }
  EXPECT_THAT(run.out, HasSubstr("deployment " + id + " (web / prod): Succeeded (succeeded 27, failed 0"));
  EXPECT_THAT(run.out, HasSubstr("\nresult: Succeeded\n"));
}

TEST_F(WatchE2E, FailingDeploymentPrintsTheDiagnosticsAndTheRollbackAndExitsOne) {
  const std::string id = create_deployment();
  script(id, failing_script());
  const cdrun::e2e::Outcome run = watch(id);
  ASSERT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("  i-0aaa BeforeInstall Failed (3s)\n"
                                 "    error code: ScriptFailed\n"
                                 "    script: scripts/install_deps.sh\n"
                                 "    message: " + std::string(kScriptMessage) + "\n"
                                 "    log tail:\n"
                                 "      [stderr]E: Could not get lock /var/lib/dpkg/lock-frontend\n"
                                 "      [stderr]install failed\n"));
  EXPECT_THAT(run.out, HasSubstr("  i-0aaa AfterInstall Skipped\n"));
  EXPECT_THAT(run.out, HasSubstr("target i-0aaa: Failed\n"));
  EXPECT_THAT(run.out, HasSubstr("rollback deployment d-ROLLBACK7 started\n"));
  EXPECT_THAT(run.out, HasSubstr("\nresult: Failed [HEALTH_CONSTRAINTS] Too many instances failed. (rollback d-ROLLBACK7)\n"));
}

TEST_F(WatchE2E, ThrottledPollsBackOffAndStillFinish) {
  const std::string id = create_deployment();
  json document = succeeding_script(1, 100);
  document["throttle"] = 3;
  script(id, document);
  const cdrun::e2e::Outcome run = watch(id);
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  std::size_t throttled = 0;
  for (std::size_t at = run.out.find("throttled (ThrottlingException)"); at != std::string::npos;
       at = run.out.find("throttled (ThrottlingException)", at + 1))
    ++throttled;
  EXPECT_EQ(throttled, 3u) << run.out;
  EXPECT_THAT(run.out, HasSubstr("target i-1000: Succeeded\n"));
}

TEST_F(WatchE2E, JunitHasOneTestcasePerTargetAndEventWithTheFailureText) {
  const std::string id = create_deployment();
  script(id, failing_script());
  const cdrun::e2e::Outcome run = watch(id, {"--format", "junit"});
  ASSERT_EQ(run.exit_code, 1) << run.out << run.err;
  cdrun::e2e::TempDir dir;
  const std::string report = dir.write("report.xml", run.out);
  auto xpath = [&](const std::string& expression) {
    std::string value = cdrun::e2e::run_program("/usr/bin/xmllint", {"--xpath", expression, report}).out;
    if (!value.empty() && value.back() == '\n') value.pop_back();
    return value;
  };
  EXPECT_EQ(xpath("count(//testsuite)"), "1");
  EXPECT_EQ(xpath("count(//testcase)"), "5");  // i-0aaa: 4 events, i-0bbb: 1
  EXPECT_EQ(xpath("count(//testcase[@classname='i-0aaa'])"), "4");
  EXPECT_EQ(xpath("string(//testsuite/@failures)"), "1");
  EXPECT_EQ(xpath("string(//testsuite/@skipped)"), "2");
  EXPECT_EQ(xpath("count(//testcase[@name='AfterInstall']/skipped)"), "1");
  EXPECT_EQ(xpath("string(//testcase[@classname='i-0aaa' and @name='BeforeInstall']/failure/@type)"), "ScriptFailed");
  const std::string failure = xpath("string(//testcase[@name='BeforeInstall']/failure)");
  EXPECT_THAT(failure, HasSubstr("script: scripts/install_deps.sh\n"));
  EXPECT_THAT(failure, HasSubstr(kScriptMessage));
  EXPECT_THAT(failure, HasSubstr(kLogTail));
}

TEST_F(WatchE2E, JsonIsOneDocumentWithTheTargetsEventsAndRollback) {
  const std::string id = create_deployment();
  script(id, failing_script());
  const cdrun::e2e::Outcome run = watch(id, {"--format", "json"});
  ASSERT_EQ(run.exit_code, 1) << run.out << run.err;
  const json document = json::parse(run.out);
  EXPECT_EQ(document.at("deploymentId"), id);
  EXPECT_EQ(document.at("status"), "Failed");
  EXPECT_EQ(document.at("result"), "Failed");
  EXPECT_EQ(document.at("exitStatus"), 1);
  EXPECT_EQ(document.at("rollbackDeploymentId"), "d-ROLLBACK7");
  EXPECT_EQ(document.at("errorInformation").at("code"), "HEALTH_CONSTRAINTS");
  ASSERT_EQ(document.at("targets").size(), 2u);
  EXPECT_EQ(document.at("targets").at(1).at("lifecycleEvents").at(0).at("status"), "Skipped");
  const json& failed = document.at("targets").at(0).at("lifecycleEvents").at(2);
  EXPECT_EQ(failed.at("name"), "BeforeInstall");
  EXPECT_EQ(failed.at("status"), "Failed");
  EXPECT_EQ(failed.at("startTime"), "2026-11-30T00:53:20Z");
  EXPECT_EQ(failed.at("diagnostics").at("scriptName"), "scripts/install_deps.sh");
  EXPECT_EQ(failed.at("diagnostics").at("logTail"), kLogTail);
}

TEST_F(WatchE2E, ADeploymentThatNeverEndsTimesOutWithStatusFour) {
  const std::string id = create_deployment();  // no script: moto keeps it "Created"
  const cdrun::e2e::Outcome run = watch(id, {"--timeout", "1s"});
  EXPECT_EQ(run.exit_code, 4) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("; the deployment is still Created\n"));
}

TEST_F(WatchE2E, AnUnknownDeploymentCannotBeWatched) {
  const cdrun::e2e::Outcome run = watch("d-NOSUCH123");
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_THAT(run.err, HasSubstr("cdrun watch: cannot watch d-NOSUCH123: "));
  EXPECT_THAT(run.err, HasSubstr("DeploymentDoesNotExistException"));
}

TEST_F(WatchE2E, KeysMotoDoesNotKnowCannotWatch) {
  const std::string id = create_deployment();
  std::vector<std::string> env = isolated_files_env();
  env.push_back("AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE");
  env.push_back("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  const cdrun::e2e::Outcome run = cdrun::e2e::run_cdrun(
      {"watch", id, "--region", "us-east-1", "--endpoint-url", moto.endpoint()}, env);
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_THAT(run.err, HasSubstr("cdrun watch: cannot watch " + id + ": "));
}

// A user allowed GetDeployment but not ListDeploymentTargets: moto's IAM check refuses the second
// call, and watch says which permission is missing instead of looping or reporting no targets.
class WatchDeniedE2E : public WatchE2E {
 protected:
  std::vector<std::string> extra_user_actions() const override { return {"codedeploy:GetDeployment"}; }
};

TEST_F(WatchDeniedE2E, AMissingPermissionIsNamedAndExitsTwo) {
  const std::string id = create_deployment();
  script(id, succeeding_script(2, 100));
  const cdrun::e2e::Outcome run = watch(id);
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_THAT(run.err, HasSubstr("cdrun watch: cannot watch " + id + ": "));
  EXPECT_THAT(run.err, HasSubstr("codedeploy:ListDeploymentTargets on deployment " + id));
  EXPECT_THAT(run.err, HasSubstr("is not allowed codedeploy:ListDeploymentTargets"));
  EXPECT_THAT(run.err, HasSubstr("AccessDenied"));
  expect_no_secrets(run);
}

}  // namespace
}  // namespace cdrun::testing
