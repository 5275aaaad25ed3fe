// Appspecs written the way the AWS ECS documentation writes them produce no findings.
#include "tests/unit/ecs_lambda_test_support.h"

namespace cdrun::ecs_lambda_test {
namespace {

TEST(EcsValid, MinimalYamlHasNoFindings) {
  EXPECT_TRUE(is_clean(check_ecs(R"(version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
        LoadBalancerInfo:
          ContainerName: "web"
          ContainerPort: 8080
Hooks:
  - BeforeInstall: "CodeDeployHook_Before"
  - AfterAllowTraffic: "arn:aws:lambda:us-east-1:111122223333:function:CodeDeployHook_After"
)")));
}

TEST(EcsValid, QuotedVersionStringIsAccepted) {
  EXPECT_TRUE(is_clean(check_ecs(R"(version: "0.0"
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: arn:aws:ecs:eu-west-1:111122223333:task-definition/api_v2:12
        LoadBalancerInfo:
          ContainerName: api
          ContainerPort: 443
)")));
}

TEST(EcsValid, JsonHasNoFindings) {
  EXPECT_TRUE(is_clean(check_ecs(R"({
  "version": 0.0,
  "Resources": [
    {
      "TargetService": {
        "Type": "AWS::ECS::Service",
        "Properties": {
          "TaskDefinition": "arn:aws:ecs:us-west-2:111122223333:task-definition/web:7",
          "LoadBalancerInfo": {"ContainerName": "web", "ContainerPort": 80},
          "PlatformVersion": "1.4.0"
        }
      }
    }
  ],
  "Hooks": [
    {"BeforeInstall": "CodeDeployHook_Before"},
    {"BeforeAllowTraffic": "CodeDeployHook_Smoke"}
  ]
})")));
}

TEST(EcsValid, FargateWithNetworkAndCapacityProvidersHasNoFindings) {
  EXPECT_TRUE(is_clean(check_ecs(R"(version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
        LoadBalancerInfo:
          ContainerName: "web"
          ContainerPort: 8080
        PlatformVersion: "LATEST"
        NetworkConfiguration:
          AwsvpcConfiguration:
            Subnets: ["subnet-1234abcd", "subnet-5678abcd"]
            SecurityGroups: ["sg-12345678"]
            AssignPublicIp: "ENABLED"
        CapacityProviderStrategy:
          - Base: 1
            CapacityProvider: "FARGATE_SPOT"
            Weight: 2
          - Base: 0
            CapacityProvider: "FARGATE"
            Weight: 1
)")));
}

TEST(EcsValid, CodePipelinePlaceholderIsOnlyANote) {
  const Diagnostics found = check_ecs(R"(version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: <TASK_DEFINITION>
        LoadBalancerInfo:
          ContainerName: "web"
          ContainerPort: 80
)");
  EXPECT_FALSE(has_errors(found));
  EXPECT_FALSE(has_warnings(found));
  EXPECT_TRUE(has_finding(found, "CD442", Severity::note, 6, 25));
}

TEST(EcsValid, AnchoredValuesAreFollowed) {
  // A merge key supplies LoadBalancerInfo's fields; nothing is missing.
  EXPECT_TRUE(is_clean(check_ecs(R"(version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: &td "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
        LoadBalancerInfo:
          <<: {ContainerName: web, ContainerPort: 80}
)")));
}

}  // namespace
}  // namespace cdrun::ecs_lambda_test
