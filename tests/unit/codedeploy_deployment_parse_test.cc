// DeploymentInfo and DeploymentTarget read from answers shaped as the CodeDeploy API reference
// shows them, and from moto's (null times, empty errorInformation).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "aws/codedeploy/deployment_info.h"
#include "aws/codedeploy/deployment_target.h"

namespace cdrun::aws {
namespace {

TEST(DeploymentInfoParse, ReadsStatusCountsErrorRollbackAndEpochTimes) {
  const nlohmann::json info = nlohmann::json::parse(R"({
    "deploymentId": "d-A1B2C3D4E", "applicationName": "web", "deploymentGroupName": "prod",
    "computePlatform": "Server", "status": "Failed",
    "deploymentOverview": {"Pending": 1, "InProgress": 2, "Succeeded": 3, "Failed": 4, "Skipped": 5, "Ready": 6},
    "errorInformation": {"code": "HEALTH_CONSTRAINTS", "message": "too many failed"},
    "rollbackInfo": {"rollbackDeploymentId": "d-ROLLBACK1", "rollbackMessage": "rolled back"},
    "createTime": 1796000000.5, "completeTime": 1796000060})");
  const DeploymentInfo parsed = parse_deployment_info(info);
  EXPECT_EQ(parsed.deployment_id, "d-A1B2C3D4E");
  EXPECT_EQ(parsed.compute_platform, "Server");
  EXPECT_EQ(parsed.status, "Failed");
  EXPECT_EQ(parsed.overview.pending, 1);
  EXPECT_EQ(parsed.overview.in_progress, 2);
  EXPECT_EQ(parsed.overview.succeeded, 3);
  EXPECT_EQ(parsed.overview.failed, 4);
  EXPECT_EQ(parsed.overview.skipped, 5);
  EXPECT_EQ(parsed.overview.ready, 6);
  EXPECT_EQ(parsed.error_code, "HEALTH_CONSTRAINTS");
  EXPECT_EQ(parsed.rollback_deployment_id, "d-ROLLBACK1");
  EXPECT_EQ(parsed.rollback_message, "rolled back");
  EXPECT_EQ(parsed.create_time, "2026-11-30T00:53:20Z");
  EXPECT_EQ(parsed.complete_time, "2026-11-30T00:54:20Z");
  EXPECT_TRUE(deployment_ended(parsed.status));
}

TEST(DeploymentInfoParse, MotoNullsAndEmptyObjectsLeaveFieldsEmpty) {
  const nlohmann::json info = nlohmann::json::parse(R"({
    "deploymentId": "x", "status": "Created", "errorInformation": {}, "rollbackInfo": {},
    "createTime": "2026-12-07T04:54:13.123Z", "startTime": null, "completeTime": null})");
  const DeploymentInfo parsed = parse_deployment_info(info);
  EXPECT_EQ(parsed.status, "Created");
  EXPECT_EQ(parsed.error_code, "");
  EXPECT_EQ(parsed.rollback_deployment_id, "");
  EXPECT_EQ(parsed.create_time, "2026-12-07T04:54:13.123Z");
  EXPECT_EQ(parsed.complete_time, "");
  EXPECT_FALSE(deployment_ended(parsed.status));
}

TEST(DeploymentTargetParse, InstanceTargetWithLifecycleEventsAndDiagnostics) {
  const nlohmann::json target = nlohmann::json::parse(R"({
    "deploymentTargetType": "InstanceTarget",
    "instanceTarget": {"deploymentId": "d-1", "targetId": "i-0abc", "targetArn": "arn:aws:ec2:us-east-1:1:instance/i-0abc",
      "status": "Failed", "instanceLabel": "Blue", "lastUpdatedAt": 1796000000,
      "lifecycleEvents": [
        {"lifecycleEventName": "ApplicationStop", "status": "Succeeded"},
        {"lifecycleEventName": "AfterInstall", "status": "Failed", "startTime": 1796000000, "endTime": 1796000009,
         "diagnostics": {"errorCode": "ScriptTimedOut", "scriptName": "scripts/wait.sh",
                         "message": "Script at specified location: scripts/wait.sh failed to complete in 5 seconds",
                         "logTail": "waiting\n"}}]}})");
  const DeploymentTarget parsed = parse_deployment_target(target);
  EXPECT_EQ(parsed.type, "InstanceTarget");
  EXPECT_EQ(parsed.target_id, "i-0abc");
  EXPECT_EQ(parsed.status, "Failed");
  EXPECT_EQ(parsed.instance_label, "Blue");
  ASSERT_EQ(parsed.lifecycle_events.size(), 2u);
  const LifecycleEvent& failed = parsed.lifecycle_events[1];
  EXPECT_EQ(failed.name, "AfterInstall");
  EXPECT_EQ(failed.end_time, "2026-11-30T00:53:29Z");
  EXPECT_EQ(failed.diagnostics.error_code, "ScriptTimedOut");
  EXPECT_EQ(failed.diagnostics.script_name, "scripts/wait.sh");
  EXPECT_EQ(failed.diagnostics.log_tail, "waiting\n");
}

TEST(DeploymentTargetParse, LambdaAndEcsTargetsShareTheCommonMembers) {
  const DeploymentTarget lambda = parse_deployment_target(nlohmann::json::parse(R"({
    "deploymentTargetType": "LambdaTarget",
    "lambdaTarget": {"targetId": "my-function:live", "status": "Succeeded",
      "lifecycleEvents": [{"lifecycleEventName": "BeforeAllowTraffic", "status": "Succeeded"}]}})"));
  EXPECT_EQ(lambda.type, "LambdaTarget");
  EXPECT_EQ(lambda.target_id, "my-function:live");
  ASSERT_EQ(lambda.lifecycle_events.size(), 1u);
  EXPECT_EQ(lambda.lifecycle_events[0].name, "BeforeAllowTraffic");
  const DeploymentTarget ecs = parse_deployment_target(nlohmann::json::parse(R"({
    "deploymentTargetType": "ECSTarget",
    "ecsTarget": {"targetId": "cluster:service", "status": "InProgress", "lifecycleEvents": []}})"));
  EXPECT_EQ(ecs.type, "ECSTarget");
  EXPECT_EQ(ecs.status, "InProgress");
}

}  // namespace
}  // namespace cdrun::aws
