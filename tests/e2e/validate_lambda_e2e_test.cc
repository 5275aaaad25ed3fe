// End to end: the document-level rules of Lambda appspecs (CD500-CD527) through the built binary.
// Positions are counted by hand from kValidLambda's annotated layout (validate_ecs_lambda_e2e_check.h).
#include <gtest/gtest.h>

#include "validate_ecs_lambda_e2e_check.h"

namespace cdrun::e2e {
namespace {

const std::vector<std::string> kForceLambda{"--platform", "lambda"};

std::string without_version() { return kValidLambda.substr(kValidLambda.find('\n') + 1); }

std::string with_hooks(const std::string& lines) { return kValidLambda + "Hooks:\n" + lines; }

TEST(ValidateLambdaE2E, CD500DocumentIsNotAMapping) {
  const std::string start = "the appspec must be a mapping of version, Resources and Hooks, found ";
  expect_lambda("- version: 0.0\n", {"CD500", "error", 1, 1, start + "a list"}, kForceLambda);
  expect_lambda("0.0\n", {"CD500", "error", 1, 1, start + "0.0"}, kForceLambda);
  expect_lambda("~\n", {"CD500", "error", 1, 1, start + "null (~)"}, kForceLambda);
}

TEST(ValidateLambdaE2E, CD501VersionMissing) {
  expect_lambda(without_version(), {"CD501", "error", 1, 1, "version is missing"});
}

TEST(ValidateLambdaE2E, CD502VersionOtherThanZeroPointZero) {
  expect_lambda("version: 1.0\n" + without_version(),
                {"CD502", "error", 1, 10, "version is 1.0; the only accepted value is 0.0"});
  expect_lambda("version: '0'\n" + without_version(),
                {"CD502", "error", 1, 10, "version is \"0\"; the only accepted value is 0.0"});
}

TEST(ValidateLambdaE2E, CD503KeyOrEventInAnUndocumentedCase) {
  // Both Resources and resources are documented for Lambda; RESOURCES is neither.
  expect_lambda(replaced(kValidLambda, "Resources:", "RESOURCES:"),
                {"CD503", "warning", 2, 1, "key 'RESOURCES' is not written as documented ('Resources')"});
  expect_lambda(replaced(kValidLambda, "TargetVersion:", "targetVersion:"),
                {"CD503", "warning", 9, 9, "key 'targetVersion' is not written as documented ('TargetVersion')"});
  expect_lambda(with_hooks("  - beforeallowtraffic: CodeDeployHook_PreTraffic\n"),
                {"CD503", "warning", 11, 5,
                 "hook event 'beforeallowtraffic' is not written as documented ('BeforeAllowTraffic')"});
}

// The "AppSpec File structure" page writes "resources:" and "hooks:" in lowercase for Lambda too.
TEST(ValidateLambdaE2E, TopLevelKeysSpelledAsTheStructurePageHaveNoCaseFinding) {
  expect_clean_of("lambda",
                  replaced(kValidLambda, "Resources:", "resources:") + "hooks:\n  - BeforeAllowTraffic: CodeDeployHook_PreTraffic\n",
                  "CD503");
}

TEST(ValidateLambdaE2E, CD504UnknownKey) {
  expect_lambda(kValidLambda + "        Version: 3\n", {"CD504", "warning", 10, 9, "unknown key 'Version' in Properties"});
  const auto d = expect_lambda(kValidLambda + "Hook:\n  - BeforeAllowTraffic: CodeDeployHook_PreTraffic\n",
                               {"CD504", "warning", 10, 1, "unknown key 'Hook' in the top level"});
  EXPECT_EQ(d.value("hint", ""), "did you mean 'Hooks'?");
}

TEST(ValidateLambdaE2E, CD505KeyRepeatedInAnyCase) {
  TempDir dir;
  const std::string appspec = replaced(kValidLambda, "        Alias: live\n", "        Alias: live\n        alias: beta\n");
  expect_lambda(appspec, {"CD505", "warning", 8, 9, "key 'alias' repeats 'Alias' from line 7, column 9"});
  // The lowercase spelling is the reference page's, so only the repetition is reported.
  EXPECT_EQ(codes_of(validate_appspec_text(dir, appspec).report), std::vector<std::string>{"CD505"});
}

TEST(ValidateLambdaE2E, CD506ResourcesMissing) {
  expect_lambda("version: 0.0\nHooks:\n  - BeforeAllowTraffic: CodeDeployHook_PreTraffic\n",
                {"CD506", "error", 1, 1, "Resources is missing"}, kForceLambda);
}

TEST(ValidateLambdaE2E, CD507ResourcesNotAList) {
  expect_lambda(
      "version: 0.0\n"
      "Resources:\n"
      "  MyFunction:\n"
      "    Type: AWS::Lambda::Function\n"
      "    Properties:\n"
      "      Name: my-function\n"
      "      Alias: live\n"
      "      CurrentVersion: 1\n"
      "      TargetVersion: 2\n",
      {"CD507", "error", 3, 3, "Resources must be a list, found a mapping"});
}

TEST(ValidateLambdaE2E, CD508ResourcesMustHoldExactlyOneEntry) {
  expect_lambda(kValidLambda + "  - OtherFunction:\n      Type: AWS::Lambda::Function\n",
                {"CD508", "error", 10, 5,
                 "Resources has 2 entries; Resources must hold exactly one AWS::Lambda::Function entry"});
  // Nothing names a type or a task definition, so the appspec is taken for Lambda.
  expect_lambda("version: 0.0\nResources: []\n",
                {"CD508", "error", 2, 12,
                 "Resources is an empty list; Resources must hold exactly one AWS::Lambda::Function entry"});
}

TEST(ValidateLambdaE2E, CD509ResourcesItemWithoutALogicalName) {
  expect_lambda(
      "version: 0.0\n"
      "Resources:\n"
      "  - Type: AWS::Lambda::Function\n"
      "    Properties:\n"
      "      Name: my-function\n"
      "      Alias: live\n"
      "      CurrentVersion: 1\n"
      "      TargetVersion: 2\n",
      {"CD509", "error", 3, 5, "the Resources entry has Type/Properties directly, without a logical name above them"});
}

TEST(ValidateLambdaE2E, CD510ResourceBodyNotAMapping) {
  expect_lambda("version: 0.0\nResources:\n  - MyFunction: my-function\n",
                {"CD510", "error", 3, 17,
                 "resource 'MyFunction' must be a mapping of Type and Properties, found my-function"});
}

TEST(ValidateLambdaE2E, CD511TypeMissing) {
  expect_lambda(replaced(kValidLambda, "      Type: AWS::Lambda::Function\n", ""),
                {"CD511", "error", 4, 7, "resource 'MyFunction' has no Type"});
}

TEST(ValidateLambdaE2E, CD512TypeIsNotTheLambdaFunctionType) {
  expect_lambda(replaced(kValidLambda, "AWS::Lambda::Function", "AWS::Serverless::Function"),
                {"CD512", "error", 4, 13, "Type is AWS::Serverless::Function; a Lambda appspec needs AWS::Lambda::Function"});
  expect_lambda(replaced(kValidLambda, "AWS::Lambda::Function", "aws::lambda::function"),
                {"CD512", "error", 4, 13, "Type is aws::lambda::function; the resource type is case-sensitive"});
  expect_lambda(replaced(kValidLambda, "AWS::Lambda::Function", "AWS::ECS::Service"),
                {"CD512", "error", 4, 13, "Type is AWS::ECS::Service; a Lambda appspec needs AWS::Lambda::Function"},
                kForceLambda);
}

TEST(ValidateLambdaE2E, CD513PropertiesMissing) {
  expect_lambda("version: 0.0\nResources:\n  - MyFunction:\n      Type: AWS::Lambda::Function\n",
                {"CD513", "error", 4, 7, "resource 'MyFunction' has no Properties"});
}

TEST(ValidateLambdaE2E, CD514ValueOfTheWrongKind) {
  expect_lambda(replaced(kValidLambda, "Name: my-function", "Name: [my-function]"),
                {"CD514", "error", 6, 15, "Name must be a string, found a list"});
}

TEST(ValidateLambdaE2E, CD515HooksNotAListButItsEventsAreStillChecked) {
  const std::string mapping = kValidLambda + "Hooks:\n  BeforeAllowTraffic: PreTraffic\n";
  expect_lambda(mapping, {"CD515", "error", 11, 3, "Hooks must be a list of single-key mappings, found a mapping"});
  expect_lambda(mapping, {"CD522", "warning", 11, 23, "hook function 'PreTraffic' does not start with CodeDeployHook_", 1});
}

TEST(ValidateLambdaE2E, CD516HooksItemIsNotOneEventFunctionPair) {
  expect_lambda(with_hooks("  - BeforeAllowTraffic: CodeDeployHook_PreTraffic\n"
                           "    AfterAllowTraffic: CodeDeployHook_PostTraffic\n"),
                {"CD516", "error", 11, 5, "a Hooks entry holds 2 events; it must hold one"});
  expect_lambda(with_hooks("  - []\n"), {"CD516", "error", 11, 5, "a Hooks entry must be 'Event: function', found a list"});
}

TEST(ValidateLambdaE2E, CD517ReservedEvent) {
  expect_lambda(with_hooks("  - AllowTraffic: CodeDeployHook_AllowTraffic\n"),
                {"CD517", "error", 11, 5,
                 "'AllowTraffic' is reserved for CodeDeploy in Lambda deployments; no function can run in it"});
}

TEST(ValidateLambdaE2E, CD518UnknownEventWithSuggestion) {
  const auto d = expect_lambda(with_hooks("  - BeforeAllowTrafic: CodeDeployHook_PreTraffic\n"),
                               {"CD518", "error", 11, 5, "unknown Lambda hook event 'BeforeAllowTrafic'"});
  EXPECT_EQ(d.value("hint", "").rfind("did you mean 'BeforeAllowTraffic'?", 0), 0u) << d.dump();
}

TEST(ValidateLambdaE2E, CD519EventOfAnotherPlatform) {
  expect_lambda(with_hooks("  - BeforeInstall: CodeDeployHook_BeforeInstall\n"),
                {"CD519", "error", 11, 5,
                 "'BeforeInstall' is a lifecycle event of ECS and EC2/on-premises deployments only; Lambda deployments "
                 "never run it"});
  expect_lambda(with_hooks("  - AfterAllowTestTraffic: CodeDeployHook_TestTraffic\n"),
                {"CD519", "error", 11, 5,
                 "'AfterAllowTestTraffic' is a lifecycle event of ECS deployments only; Lambda deployments never run it"});
  expect_lambda(with_hooks("  - ValidateService: CodeDeployHook_Validate\n"),
                {"CD519", "error", 11, 5,
                 "'ValidateService' is a lifecycle event of EC2/on-premises deployments only; Lambda deployments never "
                 "run it"});
}

TEST(ValidateLambdaE2E, CD520EventListedTwice) {
  expect_lambda(with_hooks("  - AfterAllowTraffic: CodeDeployHook_PostTraffic\n"
                           "  - AfterAllowTraffic: CodeDeployHook_PostTrafficAgain\n"),
                {"CD520", "warning", 12, 5, "hook AfterAllowTraffic is listed again (first at line 11, column 5)"});
}

TEST(ValidateLambdaE2E, CD521HookNamesNoFunction) {
  expect_lambda(with_hooks("  - BeforeAllowTraffic: ''\n"),
                {"CD521", "error", 11, 25, "hook BeforeAllowTraffic names no function"});
  expect_lambda(with_hooks("  - AfterAllowTraffic: ~\n"), {"CD521", "error", 11, 5, "hook AfterAllowTraffic names no function"});
}

TEST(ValidateLambdaE2E, CD522FunctionOutsideTheManagedPolicy) {
  const auto d = expect_lambda(with_hooks("  - BeforeAllowTraffic: PreTrafficCheck\n"),
                               {"CD522", "warning", 11, 25,
                                "hook function 'PreTrafficCheck' does not start with CodeDeployHook_"});
  EXPECT_NE(d.value("hint", "").find("AWSCodeDeployRoleForLambda"), std::string::npos) << d.dump();
  expect_lambda(with_hooks("  - BeforeAllowTraffic: 111122223333:function:PreTrafficCheck\n"),
                {"CD522", "warning", 11, 25, "hook function 'PreTrafficCheck' does not start with CodeDeployHook_"});
}

TEST(ValidateLambdaE2E, CD523NeitherAFunctionNameNorAnArn) {
  expect_lambda(with_hooks("  - BeforeAllowTraffic: \"pre traffic\"\n"),
                {"CD523", "warning", 11, 25,
                 "the function of hook BeforeAllowTraffic, 'pre traffic', is neither a Lambda function name nor a "
                 "function ARN"});
  // 65 characters, one over Lambda's limit; the message shows the first 60.
  const std::string too_long = "CodeDeployHook_" + std::string(50, 'x');
  expect_lambda(with_hooks("  - BeforeAllowTraffic: " + too_long + "\n"),
                {"CD523", "warning", 11, 25,
                 "the function of hook BeforeAllowTraffic, 'CodeDeployHook_" + std::string(45, 'x') +
                     "...', is neither a Lambda function name nor a function ARN"});
}

TEST(ValidateLambdaE2E, CD523NotForASixtyFourCharacterName) {
  TempDir dir;
  const std::string longest = "CodeDeployHook_" + std::string(49, 'x');  // 64 characters
  const JsonRun run = validate_appspec_text(dir, with_hooks("  - BeforeAllowTraffic: " + longest + "\n"));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(codes_of(run.report), std::vector<std::string>{});
}

TEST(ValidateLambdaE2E, CD524AliasWithoutAnEarlierAnchor) {
  expect_lambda(replaced(replaced(kValidLambda, "Name: my-function", "Name: *fn"), "Alias: live", "Alias: &fn live"),
                {"CD524", "error", 6, 15, "alias *fn refers to no anchor defined before it"});
}

TEST(ValidateLambdaE2E, CD525HooksWithoutValue) {
  expect_lambda(kValidLambda + "Hooks:\n", {"CD525", "warning", 10, 1, "Hooks has no value"});
}

TEST(ValidateLambdaE2E, CD526StringWrittenAsBooleanOrNumber) {
  expect_lambda(replaced(kValidLambda, "Alias: live", "Alias: yes"),
                {"CD526", "warning", 7, 16, "Alias is yes, which YAML reads as a boolean, not a string"});
  expect_lambda(replaced(kValidLambda, "Name: my-function", "Name: 12345"),
                {"CD526", "warning", 6, 15, "Name is 12345, which YAML reads as a number, not a string"});
}

TEST(ValidateLambdaE2E, CD527FindingsBeyondTwoHundredAreCounted) {
  TempDir dir;
  const JsonRun run =
      validate_appspec_text(dir, with_hooks(repeated("  - AfterAllowTraffic: CodeDeployHook_PostTraffic\n", 251)));
  ASSERT_TRUE(run.report.is_object()) << run.stderr_text;
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.report["platform"], "lambda");
  EXPECT_EQ(with_code(run.report, "CD520").size(), 200u);
  const auto note = with_code(run.report, "CD527");
  ASSERT_EQ(note.size(), 1u) << run.report["summary"].dump();
  EXPECT_EQ(note[0]["severity"], "note");
  EXPECT_EQ(note[0]["message"], "50 further findings were not shown");
  EXPECT_EQ(note[0]["line"], 0);
  EXPECT_EQ(note[0]["column"], 0);
}

}  // namespace
}  // namespace cdrun::e2e
