// Lambda appspecs: valid forms and the Properties rules (CD503, CD512, CD540-CD546).
#include "tests/unit/ecs_lambda_test_support.h"

namespace cdrun::ecs_lambda_test {
namespace {

// Lines 1-5 of a Lambda appspec; the given Properties lines start at line 6, indented by 8 spaces.
Diagnostics with_properties(std::string_view lines) {
  return check_lambda(std::string(R"(version: 0.0
Resources:
  - myLambdaFunction:
      Type: AWS::Lambda::Function
      Properties:
)") + std::string(lines));
}

TEST(LambdaValid, CapitalisedKeysHaveNoFindings) {
  EXPECT_TRUE(is_clean(check_lambda(R"(version: 0.0
Resources:
  - myLambdaFunction:
      Type: AWS::Lambda::Function
      Properties:
        Name: "myLambdaFunction"
        Alias: "myLambdaFunctionAlias"
        CurrentVersion: "1"
        TargetVersion: "2"
Hooks:
  - BeforeAllowTraffic: "CodeDeployHook_LambdaFunctionToValidateBeforeTrafficShift"
  - AfterAllowTraffic: "CodeDeployHook_LambdaFunctionToValidateAfterTrafficShift"
)")));
}

TEST(LambdaValid, LowercaseKeysOfTheReferencePageHaveNoFindings) {
  EXPECT_TRUE(is_clean(check_lambda(R"(version: 0.0
resources:
  - myLambdaFunction:
      type: AWS::Lambda::Function
      properties:
        name: myLambdaFunction
        alias: live
        currentversion: 1
        targetversion: 2
Hooks:
  - BeforeAllowTraffic: CodeDeployHook_Before
)")));
}

TEST(LambdaValid, JsonHasNoFindings) {
  EXPECT_TRUE(is_clean(check_lambda(R"({"version": 0.0,
 "Resources": [{"fn": {"Type": "AWS::Lambda::Function",
   "Properties": {"Name": "fn", "Alias": "live", "CurrentVersion": "4", "TargetVersion": "5"}}}],
 "Hooks": [{"AfterAllowTraffic": "arn:aws:lambda:eu-central-1:111122223333:function:CodeDeployHook_After"}]})")));
}

TEST(LambdaProperties, MissingNameIsAnError) {
  EXPECT_TRUE(has_finding(with_properties("        Alias: live\n        CurrentVersion: 1\n        TargetVersion: 2\n"),
                          "CD540", Severity::error, 6, 9));
}

TEST(LambdaProperties, MissingAliasIsAnError) {
  EXPECT_TRUE(has_finding(with_properties("        Name: fn\n        CurrentVersion: 1\n        TargetVersion: 2\n"),
                          "CD541", Severity::error, 6, 9));
}

TEST(LambdaProperties, MissingCurrentVersionIsOnlyAWarning) {
  const Diagnostics found = with_properties("        Name: fn\n        Alias: live\n        TargetVersion: 2\n");
  EXPECT_TRUE(has_finding(found, "CD542", Severity::warning, 6, 9));
  EXPECT_FALSE(has_errors(found)) << listing(found);
}

TEST(LambdaProperties, MissingTargetVersionIsAnError) {
  EXPECT_TRUE(has_finding(with_properties("        Name: fn\n        Alias: live\n        CurrentVersion: 1\n"),
                          "CD543", Severity::error, 6, 9));
}

// Name, Alias and CurrentVersion on lines 6-8; TargetVersion's value starts at line 9, column 24.
Diagnostics with_target_version(std::string_view value) {
  return with_properties(
      "        Name: fn\n        Alias: live\n        CurrentVersion: \"1\"\n        TargetVersion: " +
      std::string(value) + "\n");
}

TEST(LambdaProperties, VersionsThatAreNotPositiveIntegersAreErrors) {
  for (const char* value : {"0", "-1", "1.5", "abc", "\"01\"", "[2]"}) {
    EXPECT_TRUE(has_finding(with_target_version(value), "CD544", Severity::error, 9, 24)) << value;
  }
}

TEST(LambdaProperties, LatestIsAnErrorWithItsOwnCode) {
  const Diagnostics found = with_target_version("$LATEST");
  EXPECT_TRUE(has_finding(found, "CD545", Severity::error, 9, 24));
  EXPECT_TRUE(has_no_finding(found, "CD544"));
}

TEST(LambdaProperties, SameCurrentAndTargetVersionIsAWarning) {
  EXPECT_TRUE(has_finding(with_target_version("1"), "CD546", Severity::warning, 9, 24));
}

TEST(LambdaProperties, AliasedVersionIsFollowed) {
  const Diagnostics found = with_properties(
      "        Name: fn\n        Alias: live\n        CurrentVersion: &v \"3\"\n        TargetVersion: *v\n");
  EXPECT_TRUE(has_finding(found, "CD546", Severity::warning, 9, 24));
}

TEST(LambdaProperties, MixedCaseKeyIsAWarning) {
  const Diagnostics found =
      with_properties("        Name: fn\n        Alias: live\n        CurrentVersion: 1\n        targetVersion: 2\n");
  EXPECT_TRUE(has_finding(found, "CD503", Severity::warning, 9, 9));
  EXPECT_FALSE(has_errors(found)) << listing(found);
}

TEST(LambdaProperties, EcsTypeInALambdaAppspecIsAnError) {
  const Diagnostics found = check_lambda(R"(version: 0.0
Resources:
  - fn:
      Type: AWS::ECS::Service
      Properties:
        Name: fn
        Alias: live
        CurrentVersion: 1
        TargetVersion: 2
)");
  EXPECT_TRUE(has_finding(found, "CD512", Severity::error, 4, 13));
}

TEST(LambdaProperties, VersionOneIsAnErrorInTheLambdaRange) {
  const Diagnostics found = check_lambda(R"(version: 1.0
Resources:
  - fn:
      Type: AWS::Lambda::Function
      Properties: {Name: fn, Alias: live, CurrentVersion: 1, TargetVersion: 2}
)");
  EXPECT_TRUE(has_finding(found, "CD502", Severity::error, 1, 10));
}

}  // namespace
}  // namespace cdrun::ecs_lambda_test
