// Lambda Hooks: only BeforeAllowTraffic and AfterAllowTraffic (CD515-CD522).
#include "tests/unit/ecs_lambda_test_support.h"

namespace cdrun::ecs_lambda_test {
namespace {

// Lines 1-9 are a complete Lambda appspec and line 10 is "Hooks:"; the given lines start at line 11.
Diagnostics with_hooks(std::string_view lines) {
  return check_lambda(std::string(R"(version: 0.0
Resources:
  - fn:
      Type: AWS::Lambda::Function
      Properties:
        Name: fn
        Alias: live
        CurrentVersion: "1"
        TargetVersion: "2"
Hooks:
)") + std::string(lines));
}

TEST(LambdaHooks, EcsEventIsAnErrorNamingWhereItBelongs) {
  const Diagnostics found = with_hooks("  - BeforeInstall: CodeDeployHook_A\n");
  EXPECT_TRUE(has_finding(found, "CD519", Severity::error, 11, 5));
  EXPECT_NE(message_of(found, "CD519").find("ECS"), std::string::npos) << listing(found);
}

TEST(LambdaHooks, TestTrafficEventBelongsToEcs) {
  EXPECT_TRUE(
      has_finding(with_hooks("  - AfterAllowTestTraffic: CodeDeployHook_A\n"), "CD519", Severity::error, 11, 5));
}

TEST(LambdaHooks, Ec2EventIsAnError) {
  EXPECT_TRUE(has_finding(with_hooks("  - ValidateService: CodeDeployHook_A\n"), "CD519", Severity::error, 11, 5));
}

TEST(LambdaHooks, ReservedEventIsAnError) {
  EXPECT_TRUE(has_finding(with_hooks("  - AllowTraffic: CodeDeployHook_A\n"), "CD517", Severity::error, 11, 5));
  EXPECT_TRUE(has_finding(with_hooks("  - End: CodeDeployHook_A\n"), "CD517", Severity::error, 11, 5));
}

TEST(LambdaHooks, MisspelledEventSuggestsTheRightOne) {
  const Diagnostics found = with_hooks("  - BeforeAllowTrafic: CodeDeployHook_A\n");
  EXPECT_TRUE(has_finding(found, "CD518", Severity::error, 11, 5));
  EXPECT_NE(hint_of(found, "CD518").find("did you mean 'BeforeAllowTraffic'"), std::string::npos) << listing(found);
}

TEST(LambdaHooks, FunctionWithoutManagedPrefixNamesTheLambdaPolicy) {
  const Diagnostics found = with_hooks("  - AfterAllowTraffic: SmokeTest\n");
  EXPECT_TRUE(has_finding(found, "CD522", Severity::warning, 11, 24));
  EXPECT_NE(hint_of(found, "CD522").find("AWSCodeDeployRoleForLambda"), std::string::npos) << listing(found);
}

TEST(LambdaHooks, HooksAsAMappingIsAnError) {
  EXPECT_TRUE(has_finding(with_hooks("  BeforeAllowTraffic: CodeDeployHook_A\n"), "CD515", Severity::error, 11, 3));
}

TEST(LambdaHooks, RepeatedEventIsAWarning) {
  EXPECT_TRUE(
      has_finding(with_hooks("  - AfterAllowTraffic: CodeDeployHook_A\n  - AfterAllowTraffic: CodeDeployHook_A\n"),
                  "CD520", Severity::warning, 12, 5));
}

}  // namespace
}  // namespace cdrun::ecs_lambda_test
