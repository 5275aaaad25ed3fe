// ECS Properties: TaskDefinition, LoadBalancerInfo, ContainerName, ContainerPort (CD440-CD449).
#include "tests/unit/ecs_lambda_test_support.h"

namespace cdrun::ecs_lambda_test {
namespace {

// Lines 1-5 of an ECS appspec; the given Properties lines start at line 6, indented by 8 spaces.
Diagnostics with_properties(std::string_view lines) {
  return check_ecs(std::string(R"(version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
)") + std::string(lines));
}

constexpr std::string_view kTaskDefinition =
    "        TaskDefinition: \"arn:aws:ecs:us-east-1:111122223333:task-definition/web:3\"\n";

TEST(EcsProperties, MissingTaskDefinitionIsAnErrorAtProperties) {
  const Diagnostics found = with_properties(R"(        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 80
)");
  EXPECT_TRUE(has_finding(found, "CD440", Severity::error, 6, 9));
}

TEST(EcsProperties, TaskDefinitionThatIsNoArnIsAWarning) {
  const Diagnostics found = with_properties(R"(        TaskDefinition: web:3
        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 80
)");
  EXPECT_TRUE(has_finding(found, "CD441", Severity::warning, 6, 25));
}

TEST(EcsProperties, TaskDefinitionArnWithoutRevisionIsAWarning) {
  const Diagnostics found =
      with_properties(R"(        TaskDefinition: arn:aws:ecs:us-east-1:111122223333:task-definition/web
        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 80
)");
  EXPECT_TRUE(has_finding(found, "CD441", Severity::warning, 6, 25));
}

TEST(EcsProperties, TaskDefinitionAsAMappingIsAnError) {
  const Diagnostics found = with_properties(R"(        TaskDefinition:
          Family: web
        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 80
)");
  EXPECT_TRUE(has_finding(found, "CD414", Severity::error, 7, 11));
}

TEST(EcsProperties, MissingLoadBalancerInfoIsAnError) {
  EXPECT_TRUE(has_finding(with_properties(kTaskDefinition), "CD443", Severity::error, 6, 9));
}

TEST(EcsProperties, LoadBalancerInfoAsAListIsAnErrorQuotingAws) {
  const Diagnostics found = with_properties(std::string(kTaskDefinition) + R"(        LoadBalancerInfo:
          - ContainerName: web
            ContainerPort: 80
)");
  EXPECT_TRUE(has_finding(found, "CD444", Severity::error, 8, 11));
  EXPECT_NE(message_of(found, "CD444").find("not well-formed"), std::string::npos) << listing(found);
  // The item itself is complete, so nothing else is reported.
  EXPECT_EQ(found.size(), 1u) << listing(found);
}

TEST(EcsProperties, MissingContainerNameIsAnErrorAtLoadBalancerInfo) {
  const Diagnostics found = with_properties(std::string(kTaskDefinition) + R"(        LoadBalancerInfo:
          ContainerPort: 80
)");
  EXPECT_TRUE(has_finding(found, "CD445", Severity::error, 8, 11));
}

TEST(EcsProperties, MissingContainerPortIsAnError) {
  const Diagnostics found = with_properties(std::string(kTaskDefinition) + R"(        LoadBalancerInfo:
          ContainerName: web
)");
  EXPECT_TRUE(has_finding(found, "CD446", Severity::error, 8, 11));
}

TEST(EcsProperties, QuotedContainerPortIsAWarning) {
  const Diagnostics found = with_properties(std::string(kTaskDefinition) + R"(        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: "4000"
)");
  EXPECT_TRUE(has_finding(found, "CD447", Severity::warning, 9, 26));
  EXPECT_FALSE(has_errors(found)) << listing(found);
}

TEST(EcsProperties, QuotedContainerPortInJsonIsAWarning) {
  const Diagnostics found = check_ecs(R"({"version": "0.0",
 "Resources": [{"TargetService": {"Type": "AWS::ECS::Service", "Properties": {
   "TaskDefinition": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3",
   "LoadBalancerInfo": {"ContainerName": "web", "ContainerPort": "80"}}}}]})");
  EXPECT_TRUE(has_finding(found, "CD447", Severity::warning, 4, 66));
}

TEST(EcsProperties, NonNumericContainerPortIsAnError) {
  const Diagnostics found = with_properties(std::string(kTaskDefinition) + R"(        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: http
)");
  EXPECT_TRUE(has_finding(found, "CD448", Severity::error, 9, 26));
}

TEST(EcsProperties, FractionalContainerPortIsAnError) {
  const Diagnostics found = with_properties(std::string(kTaskDefinition) + R"(        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 80.5
)");
  EXPECT_TRUE(has_finding(found, "CD448", Severity::error, 9, 26));
}

TEST(EcsProperties, ContainerPortAboveRangeIsAnError) {
  const Diagnostics found = with_properties(std::string(kTaskDefinition) + R"(        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 70000
)");
  EXPECT_TRUE(has_finding(found, "CD449", Severity::error, 9, 26));
}

TEST(EcsProperties, ContainerPortZeroIsAnError) {
  const Diagnostics found = with_properties(std::string(kTaskDefinition) + R"(        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 0
)");
  EXPECT_TRUE(has_finding(found, "CD449", Severity::error, 9, 26));
}

TEST(EcsProperties, NumericContainerNameIsAWarning) {
  const Diagnostics found = with_properties(std::string(kTaskDefinition) + R"(        LoadBalancerInfo:
          ContainerName: 8080
          ContainerPort: 8080
)");
  EXPECT_TRUE(has_finding(found, "CD426", Severity::warning, 8, 26));
}

TEST(EcsProperties, MisspelledPropertyIsAnUnknownKey) {
  const Diagnostics found = with_properties(std::string(kTaskDefinition) + R"(        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 80
        PlatformVer: "1.4.0"
)");
  EXPECT_TRUE(has_finding(found, "CD404", Severity::warning, 10, 9));
  EXPECT_NE(hint_of(found, "CD404").find("PlatformVersion"), std::string::npos) << listing(found);
}

TEST(EcsProperties, KeyInTheWrongCaseIsAWarning) {
  const Diagnostics found = with_properties(std::string(kTaskDefinition) + R"(        loadBalancerInfo:
          containerName: web
          ContainerPort: 80
)");
  EXPECT_TRUE(has_finding(found, "CD403", Severity::warning, 7, 9));
  EXPECT_TRUE(has_finding(found, "CD403", Severity::warning, 8, 11));
  EXPECT_FALSE(has_errors(found)) << listing(found);
}

}  // namespace
}  // namespace cdrun::ecs_lambda_test
