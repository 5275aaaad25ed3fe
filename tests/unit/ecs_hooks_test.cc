// ECS Hooks: events, their shape and the functions they name (CD403, CD415-CD425, CD459).
#include "tests/unit/ecs_lambda_test_support.h"

namespace cdrun::ecs_lambda_test {
namespace {

// Lines 1-9 are a complete ECS appspec and line 10 is "Hooks:"; the given lines start at line 11.
Diagnostics with_hooks(std::string_view lines) {
  return check_ecs(std::string(R"(version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 80
Hooks:
)") + std::string(lines));
}

TEST(EcsHooks, ReservedEventIsAnError) {
  EXPECT_TRUE(has_finding(with_hooks("  - Install: CodeDeployHook_A\n"), "CD417", Severity::error, 11, 5));
}

TEST(EcsHooks, AllowTestTrafficIsReserved) {
  EXPECT_TRUE(has_finding(with_hooks("  - AllowTestTraffic: CodeDeployHook_A\n"), "CD417", Severity::error, 11, 5));
}

TEST(EcsHooks, MisspelledEventSuggestsTheRightOne) {
  const Diagnostics found = with_hooks("  - BeforeInstal: CodeDeployHook_A\n");
  EXPECT_TRUE(has_finding(found, "CD418", Severity::error, 11, 5));
  EXPECT_NE(hint_of(found, "CD418").find("did you mean 'BeforeInstall'"), std::string::npos) << listing(found);
}

TEST(EcsHooks, Ec2OnlyEventIsAnErrorNamingThePlatform) {
  const Diagnostics found = with_hooks("  - ApplicationStop: CodeDeployHook_A\n");
  EXPECT_TRUE(has_finding(found, "CD419", Severity::error, 11, 5));
  EXPECT_NE(message_of(found, "CD419").find("EC2/on-premises"), std::string::npos) << listing(found);
}

TEST(EcsHooks, DownloadBundleIsEc2Only) {
  EXPECT_TRUE(has_finding(with_hooks("  - DownloadBundle: CodeDeployHook_A\n"), "CD419", Severity::error, 11, 5));
}

TEST(EcsHooks, RepeatedEventIsAWarningOnTheSecond) {
  const Diagnostics found = with_hooks("  - BeforeInstall: CodeDeployHook_A\n  - BeforeInstall: CodeDeployHook_B\n");
  EXPECT_TRUE(has_finding(found, "CD420", Severity::warning, 12, 5));
}

TEST(EcsHooks, EventWithoutFunctionIsAnError) {
  EXPECT_TRUE(has_finding(with_hooks("  - BeforeInstall:\n"), "CD421", Severity::error, 11, 5));
}

TEST(EcsHooks, EventWithEmptyFunctionIsAnError) {
  EXPECT_TRUE(has_finding(with_hooks("  - BeforeInstall: \"\"\n"), "CD421", Severity::error, 11, 20));
}

// Only AWSCodeDeployRoleForECSLimited restricts hook names (AWSCodeDeployRoleForECS invokes any).
TEST(EcsHooks, FunctionWithoutManagedPrefixIsANote) {
  const Diagnostics found = with_hooks("  - BeforeInstall: ValidateTask\n");
  EXPECT_TRUE(has_finding(found, "CD422", Severity::note, 11, 20));
  EXPECT_NE(hint_of(found, "CD422").find("AWSCodeDeployRoleForECSLimited"), std::string::npos) << listing(found);
}

TEST(EcsHooks, ArnWhoseFunctionLacksThePrefixIsANote) {
  const Diagnostics found =
      with_hooks("  - AfterInstall: arn:aws:lambda:us-east-1:111122223333:function:ValidateTask\n");
  EXPECT_TRUE(has_finding(found, "CD422", Severity::note, 11, 19));
}

TEST(EcsHooks, QualifiedArnWithThePrefixIsClean) {
  EXPECT_TRUE(
      is_clean(with_hooks("  - AfterInstall: arn:aws:lambda:us-east-1:111122223333:function:CodeDeployHook_A:live\n")));
}

TEST(EcsHooks, ArnOfAnotherServiceIsAWarning) {
  EXPECT_TRUE(
      has_finding(with_hooks("  - AfterInstall: arn:aws:s3:::hooks-bucket\n"), "CD423", Severity::warning, 11, 19));
}

TEST(EcsHooks, HooksWrittenAsAMappingIsAnError) {
  const Diagnostics found = with_hooks("  BeforeInstall: CodeDeployHook_A\n");
  EXPECT_TRUE(has_finding(found, "CD415", Severity::error, 11, 3));
  EXPECT_EQ(found.size(), 1u) << listing(found);
}

TEST(EcsHooks, HooksWrittenAsAStringIsAnError) {
  const Diagnostics found = check_ecs(R"(version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 80
Hooks: CodeDeployHook_A
)");
  EXPECT_TRUE(has_finding(found, "CD415", Severity::error, 10, 8));
}

TEST(EcsHooks, HookItemThatIsAStringIsAnError) {
  EXPECT_TRUE(has_finding(with_hooks("  - BeforeInstall\n"), "CD416", Severity::error, 11, 5));
}

TEST(EcsHooks, HookItemWithTwoEventsIsAnError) {
  const Diagnostics found = with_hooks("  - BeforeInstall: CodeDeployHook_A\n    AfterInstall: CodeDeployHook_B\n");
  EXPECT_TRUE(has_finding(found, "CD416", Severity::error, 11, 5));
}

TEST(EcsHooks, EmptyHooksIsAWarning) { EXPECT_TRUE(has_finding(with_hooks(""), "CD425", Severity::warning, 10, 1)); }

TEST(EcsHooks, AfterAllowTestTrafficGetsANoteAboutTheTestListener) {
  const Diagnostics found = with_hooks("  - AfterAllowTestTraffic: CodeDeployHook_Test\n");
  EXPECT_TRUE(has_finding(found, "CD459", Severity::note, 11, 5));
  EXPECT_FALSE(has_warnings(found)) << listing(found);
}

TEST(EcsHooks, EventInTheWrongCaseIsAWarning) {
  const Diagnostics found = with_hooks("  - beforeInstall: CodeDeployHook_A\n");
  EXPECT_TRUE(has_finding(found, "CD403", Severity::warning, 11, 5));
  EXPECT_FALSE(has_errors(found)) << listing(found);
}

}  // namespace
}  // namespace cdrun::ecs_lambda_test
