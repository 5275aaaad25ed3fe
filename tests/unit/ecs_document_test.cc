// Rules shared by ECS and Lambda appspecs (version, keys, Resources, Type, Properties), exercised
// through the ECS checker: codes CD400-CD427.
#include "tests/unit/ecs_lambda_test_support.h"

namespace cdrun::ecs_lambda_test {
namespace {

// Everything an ECS appspec needs below the top level, for tests about the top level.
constexpr std::string_view kResources = R"(Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 80
)";

Diagnostics with_version_line(std::string_view line) {
  return check_ecs(std::string(line) + "\n" + std::string(kResources));
}

TEST(EcsDocument, MissingVersionIsAnErrorAtTheRoot) {
  const Diagnostics found = check_ecs(kResources);
  EXPECT_TRUE(has_finding(found, "CD401", Severity::error, 1, 1));
}

TEST(EcsDocument, VersionOneIsRejected) {
  EXPECT_TRUE(has_finding(with_version_line("version: 1.0"), "CD402", Severity::error, 1, 10));
}

TEST(EcsDocument, VersionZeroIntegerIsRejected) {
  EXPECT_TRUE(has_finding(with_version_line("version: 0"), "CD402", Severity::error, 1, 10));
}

TEST(EcsDocument, QuotedWrongVersionIsRejected) {
  EXPECT_TRUE(has_finding(with_version_line("version: \"1.0\""), "CD402", Severity::error, 1, 10));
}

TEST(EcsDocument, EmptyVersionPointsAtTheKey) {
  EXPECT_TRUE(has_finding(with_version_line("version:"), "CD402", Severity::error, 1, 1));
}

TEST(EcsDocument, CapitalisedVersionKeyIsAcceptedWithACaseWarning) {
  const Diagnostics found = with_version_line("Version: 0.0");
  EXPECT_TRUE(has_finding(found, "CD403", Severity::warning, 1, 1));
  EXPECT_TRUE(has_no_finding(found, "CD401"));
  EXPECT_FALSE(has_errors(found));
}

// The "AppSpec File structure" page writes the top-level keys in lowercase: no case finding.
TEST(EcsDocument, LowercaseResourcesKeyIsDocumentedForEcs) {
  const Diagnostics found = check_ecs(R"(version: 0.0
resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 80
)");
  EXPECT_TRUE(has_no_finding(found, "CD403"));
  EXPECT_TRUE(has_no_finding(found, "CD406"));
}

TEST(EcsDocument, UnknownTopLevelKeySuggestsTheClosestOne) {
  const Diagnostics found =
      check_ecs("version: 0.0\n" + std::string(kResources) + "Hoks:\n  - BeforeInstall: CodeDeployHook_A\n");
  EXPECT_TRUE(has_finding(found, "CD404", Severity::warning, 10, 1));
  EXPECT_NE(hint_of(found, "CD404").find("Hooks"), std::string::npos) << hint_of(found, "CD404");
}

TEST(EcsDocument, RepeatedKeyInAnotherCaseIsAWarningOnTheSecond) {
  const Diagnostics found = check_ecs("version: 0.0\n" + std::string(kResources) + "resources:\n  - Other: {}\n");
  EXPECT_TRUE(has_finding(found, "CD405", Severity::warning, 10, 1));
}

TEST(EcsDocument, MissingResourcesIsAnError) {
  EXPECT_TRUE(has_finding(check_ecs("version: 0.0\nHooks:\n  - BeforeInstall: CodeDeployHook_A\n"), "CD406",
                          Severity::error, 1, 1));
}

TEST(EcsDocument, ResourcesWrittenAsAMappingIsAnError) {
  const Diagnostics found = check_ecs(R"(version: 0.0
Resources:
  TargetService:
    Type: AWS::ECS::Service
    Properties:
      TaskDefinition: "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
      LoadBalancerInfo:
        ContainerName: web
        ContainerPort: 80
)");
  EXPECT_TRUE(has_finding(found, "CD407", Severity::error, 3, 3));
  EXPECT_EQ(found.size(), 1u) << listing(found);
}

TEST(EcsDocument, EmptyResourcesListIsAnError) {
  EXPECT_TRUE(has_finding(check_ecs("version: 0.0\nResources: []\n"), "CD408", Severity::error, 2, 12));
}

TEST(EcsDocument, TwoResourcesAreAnErrorAtTheSecond) {
  const Diagnostics found =
      check_ecs("version: 0.0\n" + std::string(kResources) + "  - OtherService:\n      Type: AWS::ECS::Service\n");
  EXPECT_TRUE(has_finding(found, "CD408", Severity::error, 10, 5));
}

TEST(EcsDocument, ResourceWithoutLogicalNameIsAnError) {
  const Diagnostics found = check_ecs(R"(version: 0.0
Resources:
  - Type: AWS::ECS::Service
    Properties:
      TaskDefinition: "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
      LoadBalancerInfo:
        ContainerName: web
        ContainerPort: 80
)");
  EXPECT_TRUE(has_finding(found, "CD409", Severity::error, 3, 5));
  EXPECT_TRUE(has_no_finding(found, "CD411"));
}

TEST(EcsDocument, ResourceBodyThatIsAScalarIsAnError) {
  EXPECT_TRUE(
      has_finding(check_ecs("version: 0.0\nResources:\n  - TargetService: web\n"), "CD410", Severity::error, 3, 20));
}

TEST(EcsDocument, EmptyResourceBodyIsAnError) {
  EXPECT_TRUE(has_finding(check_ecs("version: 0.0\nResources:\n  - TargetService:\n"), "CD410", Severity::error, 3, 5));
}

TEST(EcsDocument, MissingTypeIsAnError) {
  const Diagnostics found = check_ecs(R"(version: 0.0
Resources:
  - TargetService:
      Properties:
        TaskDefinition: "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 80
)");
  EXPECT_TRUE(has_finding(found, "CD411", Severity::error, 4, 7));
}

TEST(EcsDocument, LambdaTypeInAnEcsAppspecIsAnError) {
  const Diagnostics found = check_ecs(R"(version: 0.0
Resources:
  - TargetService:
      Type: AWS::Lambda::Function
      Properties:
        TaskDefinition: "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 80
)");
  EXPECT_TRUE(has_finding(found, "CD412", Severity::error, 4, 13));
}

TEST(EcsDocument, TypeInTheWrongCaseIsAnError) {
  const Diagnostics found = check_ecs("version: 0.0\nResources:\n  - TargetService:\n      Type: aws::ecs::service\n");
  EXPECT_TRUE(has_finding(found, "CD412", Severity::error, 4, 13));
  EXPECT_NE(message_of(found, "CD412").find("case-sensitive"), std::string::npos) << listing(found);
}

TEST(EcsDocument, MissingPropertiesIsAnError) {
  EXPECT_TRUE(has_finding(check_ecs("version: 0.0\nResources:\n  - TargetService:\n      Type: AWS::ECS::Service\n"),
                          "CD413", Severity::error, 4, 7));
}

TEST(EcsDocument, PropertiesAsAListIsAnError) {
  const Diagnostics found = check_ecs(R"(version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        - TaskDefinition: "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
)");
  EXPECT_TRUE(has_finding(found, "CD414", Severity::error, 6, 9));
}

TEST(EcsDocument, RootThatIsAListIsAnError) {
  EXPECT_TRUE(has_finding(check_ecs("- version: 0.0\n"), "CD400", Severity::error, 1, 1));
}

TEST(EcsDocument, AliasWithoutAnchorIsAnError) {
  const Diagnostics found = check_ecs(R"(version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
        LoadBalancerInfo:
          ContainerName: *name
          ContainerPort: 80
)");
  EXPECT_TRUE(has_finding(found, "CD424", Severity::error, 8, 26));
}

}  // namespace
}  // namespace cdrun::ecs_lambda_test
