// End to end: `cdrun push --deployment-group G --wait` against moto with signature and policy checks
// on. moto creates the deployment; no fleet runs here, so its progress is what the test scripts
// through moto_deployment_shim.py's "next deployment" endpoint before pushing (shapes from the
// CodeDeploy API reference). What is checked: push follows the deployment it created to its end,
// prints its events and exits with watch's status.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "tests/aws/push_e2e_support.h"

namespace cdrun::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

Json event(const std::string& name, const std::string& status) {
  return {{"lifecycleEventName", name}, {"status", status}, {"startTime", 1796000000.0}, {"endTime", 1796000002.0}};
}

Json instance(const std::string& id, const std::string& status, const std::vector<Json>& events) {
  return {{"deploymentTargetType", "InstanceTarget"},
          {"instanceTarget", {{"targetId", id}, {"status", status}, {"lifecycleEvents", Json(events)}}}};
}

// One instance: in progress at the first poll, then `end` (its ApplicationStart failing when "Failed").
Json one_instance_script(const std::string& end) {
  Json last_event = event("ApplicationStart", end);
  if (end == "Failed")
    last_event["diagnostics"] = {{"errorCode", "ScriptFailed"},
                                 {"scriptName", "scripts/start.sh"},
                                 {"message", "Script at specified location: scripts/start.sh failed with exit code 1"},
                                 {"logTail", "[stderr]port 80 in use"}};
  Json deployment_end{{"status", end}, {"deploymentOverview", {{end, 1}}}};
  if (end == "Failed") deployment_end["errorInformation"] = {{"code", "HEALTH_CONSTRAINTS"}, {"message", "none left"}};
  return {{"steps",
           {{{"deployment", {{"status", "InProgress"}, {"deploymentOverview", {{"InProgress", 1}}}}},
             {"targets", {instance("i-0web", "InProgress", {event("Install", "Succeeded")})}}},
            {{"deployment", deployment_end},
             {"targets", {instance("i-0web", end, {event("Install", "Succeeded"), last_event})}}}}}};
}

class PushWaitE2E : public PushE2E {
 protected:
  void SetUp() override {
    PushE2E::SetUp();
    aws_user({"deploy", "create-deployment-group", "--application-name", kApplication, "--deployment-group-name",
              "prod", "--service-role-arn", "arn:aws:iam::123456789012:role/CodeDeployService"});
  }

  // The progress of the next deployment created.
  void script_next_deployment(const Json& document) const {
    const auto answer = loopback_http("POST", moto.endpoint() + "/cdrun-test/deployments/next/script",
                                      {{"Content-Type", "application/json"}}, document.dump(), 10);
    ASSERT_TRUE(answer.has_value());
    ASSERT_EQ(answer->status, 200) << answer->body;
  }

  cdrun::e2e::Outcome push_and_wait(const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> args{bundle_dir, "--application-name", kApplication, "--s3-location", "s3://releases/web/",
                                  "--deployment-group", "prod", "--wait", "--interval", "0.2s"};
    args.insert(args.end(), extra.begin(), extra.end());
    return push(args);
  }
};

std::string created_id(const std::string& out) {
  std::smatch match;
  const std::regex watching("Watching (\\S+) until it ends");  // moto makes UUIDs, not d-XXXXXXXXX
  return std::regex_search(out, match, watching) ? match[1].str() : "";
}

TEST_F(PushWaitE2E, SucceedingDeploymentIsFollowedToItsEndAndExitsZero) {
  script_next_deployment(one_instance_script("Succeeded"));
  const cdrun::e2e::Outcome run = push_and_wait();
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const std::string id = created_id(run.out);
  ASSERT_FALSE(id.empty()) << run.out;
  // The deployment watched is the one push created, and CodeDeploy knows it.
  EXPECT_EQ(aws_user({"deploy", "get-deployment", "--deployment-id", id})["deploymentInfo"]["deploymentGroupName"],
            "prod");
  EXPECT_THAT(run.out, HasSubstr("  i-0web ApplicationStart Succeeded (2s)\n"));
  EXPECT_THAT(run.out, HasSubstr("target i-0web: Succeeded\n"));
  EXPECT_THAT(run.out, HasSubstr("\nresult: Succeeded\n"));
}

TEST_F(PushWaitE2E, FailingDeploymentShowsTheScriptAndExitsOne) {
  script_next_deployment(one_instance_script("Failed"));
  const cdrun::e2e::Outcome run = push_and_wait();
  ASSERT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("  i-0web ApplicationStart Failed (2s)\n"
                                 "    error code: ScriptFailed\n"
                                 "    script: scripts/start.sh\n"));
  EXPECT_THAT(run.out, HasSubstr("\nresult: Failed [HEALTH_CONSTRAINTS] none left\n"));
}

TEST_F(PushWaitE2E, JsonIsOneDocumentWithTheWatchInside) {
  script_next_deployment(one_instance_script("Failed"));
  const cdrun::e2e::Outcome run = push_and_wait({"--format", "json"});
  ASSERT_EQ(run.exit_code, 1) << run.out << run.err;
  const Json document = Json::parse(run.out);  // throws, failing the test, unless it is one document
  const std::string id = document.value("deploymentId", "");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(document["watch"]["deploymentId"], id);
  EXPECT_EQ(document["watch"]["result"], "Failed");
  EXPECT_EQ(document["watch"]["exitStatus"], 1);
  EXPECT_EQ(document["watch"]["targets"][0]["lifecycleEvents"][1]["diagnostics"]["scriptName"], "scripts/start.sh");
}

TEST_F(PushWaitE2E, ADeploymentThatNeverEndsTimesOutWithStatusFour) {
  // No script: moto's deployment stays "Created".
  const cdrun::e2e::Outcome run = push_and_wait({"--timeout", "1s"});
  EXPECT_EQ(run.exit_code, 4) << run.out << run.err;
  EXPECT_FALSE(created_id(run.out).empty()) << run.out;
}

TEST_F(PushWaitE2E, WaitNeedsADeploymentGroupAndTimeoutNeedsWait) {
  cdrun::e2e::Outcome run =
      push({bundle_dir, "--application-name", kApplication, "--s3-location", "s3://releases/web/", "--wait"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("--wait requires --deployment-group"));
  run = push({bundle_dir, "--application-name", kApplication, "--s3-location", "s3://releases/web/",
              "--deployment-group", "prod", "--timeout", "5m"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("--timeout requires --wait"));
  run = push({bundle_dir, "--application-name", kApplication, "--s3-location", "s3://releases/web/",
              "--deployment-group", "prod", "--wait", "--timeout", "soon"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("--timeout soon is not a duration"));
  EXPECT_THAT(object_keys(), Not(::testing::Contains(HasSubstr("web/"))));  // nothing uploaded by any of them
}

}  // namespace
}  // namespace cdrun::testing
