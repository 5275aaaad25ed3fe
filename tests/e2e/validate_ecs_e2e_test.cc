// End to end: the document-level rules of ECS appspecs (CD400-CD427) through the built binary.
// Positions are counted by hand from kValidEcs's annotated layout (validate_ecs_lambda_e2e_check.h).
#include <gtest/gtest.h>

#include "validate_ecs_lambda_e2e_check.h"

namespace cdrun::e2e {
namespace {

const std::vector<std::string> kForceEcs{"--platform", "ecs"};

std::string without_version() { return kValidEcs.substr(kValidEcs.find('\n') + 1); }

std::string with_hooks(const std::string& lines) { return kValidEcs + "Hooks:\n" + lines; }

TEST(ValidateEcsE2E, CD400DocumentIsNotAMapping) {
  // A list or a scalar has no keys, so only --platform makes it an ECS appspec.
  expect_ecs("- version: 0.0\n- Resources: []\n",
             {"CD400", "error", 1, 1, "the appspec must be a mapping of version, Resources and Hooks, found a list"},
             kForceEcs);
  expect_ecs("TargetService\n",
             {"CD400", "error", 1, 1, "the appspec must be a mapping of version, Resources and Hooks, found TargetService"},
             kForceEcs);
}

TEST(ValidateEcsE2E, CD401VersionMissingPointsAtTheDocument) {
  expect_ecs(without_version(), {"CD401", "error", 1, 1, "version is missing"});
}

TEST(ValidateEcsE2E, CD402VersionOtherThanZeroPointZero) {
  expect_ecs("version: 1.0\n" + without_version(),
             {"CD402", "error", 1, 10, "version is 1.0; the only accepted value is 0.0"});
  expect_ecs("version: \"1.0\"\n" + without_version(),
             {"CD402", "error", 1, 10, "version is \"1.0\"; the only accepted value is 0.0"});
  expect_ecs("version: 0\n" + without_version(), {"CD402", "error", 1, 10, "version is 0; the only accepted value is 0.0"});
  expect_ecs("version:\n" + without_version(), {"CD402", "error", 1, 1, "version has no value"});
}

TEST(ValidateEcsE2E, CD403KeyOrEventInAnUndocumentedCase) {
  expect_ecs(replaced(kValidEcs, "Resources:", "RESOURCES:"),
             {"CD403", "warning", 2, 1, "key 'RESOURCES' is not written as documented ('Resources')"});
  expect_ecs(replaced(kValidEcs, "TaskDefinition:", "taskDefinition:"),
             {"CD403", "warning", 6, 9, "key 'taskDefinition' is not written as documented ('TaskDefinition')"});
  expect_ecs(with_hooks("  - beforeInstall: CodeDeployHook_BeforeInstall\n"),
             {"CD403", "warning", 11, 5, "hook event 'beforeInstall' is not written as documented ('BeforeInstall')"});
}

// The "AppSpec File structure" page writes "version:", "resources:" and "hooks:" in lowercase.
TEST(ValidateEcsE2E, TopLevelKeysSpelledAsTheStructurePageHaveNoCaseFinding) {
  expect_clean_of("ecs", replaced(kValidEcs, "Resources:", "resources:") + "hooks:\n  - BeforeInstall: CodeDeployHook_BeforeInstall\n",
                  "CD403");
}

TEST(ValidateEcsE2E, CD404UnknownKeyWithSuggestion) {
  const auto d = expect_ecs(kValidEcs + "Hoks:\n  - BeforeInstall: CodeDeployHook_BeforeInstall\n",
                            {"CD404", "warning", 10, 1, "unknown key 'Hoks' in the top level"});
  EXPECT_EQ(d.value("hint", ""), "did you mean 'Hooks'?");
  expect_ecs(replaced(kValidEcs, "        LoadBalancerInfo:\n", "        DesiredCount: 2\n        LoadBalancerInfo:\n"),
             {"CD404", "warning", 7, 9, "unknown key 'DesiredCount' in Properties"});
  expect_ecs(replaced(kValidEcs, "      Properties:\n", "      Condition: IsProduction\n      Properties:\n"),
             {"CD404", "warning", 5, 7, "unknown key 'Condition' in resource 'TargetService'"});
}

TEST(ValidateEcsE2E, CD405KeyRepeatedInAnyCase) {
  expect_ecs(kValidEcs + "          containerport: 8080\n",
             {"CD405", "warning", 10, 11, "key 'containerport' repeats 'ContainerPort' from line 9, column 11"});
}

TEST(ValidateEcsE2E, CD406ResourcesMissing) {
  expect_ecs("version: 0.0\nHooks:\n  - BeforeInstall: CodeDeployHook_BeforeInstall\n",
             {"CD406", "error", 1, 1, "Resources is missing"}, kForceEcs);
}

TEST(ValidateEcsE2E, CD407ResourcesNotAListAndTheEntryIsStillChecked) {
  const std::string mapping =
      "version: 0.0\n"
      "Resources:\n"
      "  TargetService:\n"
      "    Type: AWS::ECS::Service\n"
      "    Properties:\n"
      "      TaskDefinition: " + kEcsTaskDefinitionArn + "\n"
      "      LoadBalancerInfo:\n"
      "        ContainerName: web\n"
      "        ContainerPort: 70000\n";
  expect_ecs(mapping, {"CD407", "error", 3, 3, "Resources must be a list, found a mapping"});
  expect_ecs(mapping, {"CD449", "error", 9, 24, "ContainerPort is 70000; a port must be between 1 and 65535"});
  expect_ecs("version: 0.0\nResources: TargetService\n",
             {"CD407", "error", 2, 12, "Resources must be a list, found TargetService"}, kForceEcs);
}

TEST(ValidateEcsE2E, CD408ResourcesMustHoldExactlyOneEntry) {
  expect_ecs(kValidEcs + "  - OtherService:\n      Type: AWS::ECS::Service\n",
             {"CD408", "error", 10, 5,
              "Resources has 2 entries; Resources must hold exactly one AWS::ECS::Service entry"});
  expect_ecs("version: 0.0\nResources: []\n",
             {"CD408", "error", 2, 12,
              "Resources is an empty list; Resources must hold exactly one AWS::ECS::Service entry"},
             kForceEcs);
  expect_ecs("version: 0.0\nResources:\n",
             {"CD408", "error", 2, 1, "Resources is empty; Resources must hold exactly one AWS::ECS::Service entry"},
             kForceEcs);
}

TEST(ValidateEcsE2E, CD409ResourcesItemWithoutOneLogicalName) {
  const std::string unnamed =
      "version: 0.0\n"
      "Resources:\n"
      "  - Type: AWS::ECS::Service\n"
      "    Properties:\n"
      "      TaskDefinition: " + kEcsTaskDefinitionArn + "\n"
      "      LoadBalancerInfo:\n"
      "        ContainerName: web\n"
      "        ContainerPort: 80\n";
  expect_ecs(unnamed, {"CD409", "error", 3, 5,
                       "the Resources entry has Type/Properties directly, without a logical name above them"});
  expect_ecs(kValidEcs + "    OtherService:\n      Type: AWS::ECS::Service\n",
             {"CD409", "error", 3, 5, "a Resources entry must have exactly one key (the logical name), found 2"});
  expect_ecs("version: 0.0\nResources:\n  - TargetService\n",
             {"CD409", "error", 3, 5, "a Resources entry must map a logical name to the resource, found TargetService"},
             kForceEcs);
}

TEST(ValidateEcsE2E, CD410ResourceBodyEmptyOrNotAMapping) {
  expect_ecs("version: 0.0\nResources:\n  - TargetService: web\n",
             {"CD410", "error", 3, 20, "resource 'TargetService' must be a mapping of Type and Properties, found web"},
             kForceEcs);
  expect_ecs("version: 0.0\nResources:\n  - TargetService:\n", {"CD410", "error", 3, 5, "resource 'TargetService' is empty"},
             kForceEcs);
}

TEST(ValidateEcsE2E, CD411TypeMissing) {
  // Without Type, the TaskDefinition key is what makes this an ECS appspec.
  expect_ecs(replaced(kValidEcs, "      Type: AWS::ECS::Service\n", ""),
             {"CD411", "error", 4, 7, "resource 'TargetService' has no Type"});
  expect_ecs(replaced(kValidEcs, "Type: AWS::ECS::Service", "Type:"),
             {"CD411", "error", 4, 7, "resource 'TargetService' has no Type"});
}

TEST(ValidateEcsE2E, CD412TypeIsNotTheEcsServiceType) {
  expect_ecs(replaced(kValidEcs, "AWS::ECS::Service", "AWS::ECS::service"),
             {"CD412", "error", 4, 13, "Type is AWS::ECS::service; the resource type is case-sensitive"});
  expect_ecs(replaced(kValidEcs, "AWS::ECS::Service", "AWS::Lambda::Function"),
             {"CD412", "error", 4, 13, "Type is AWS::Lambda::Function; an ECS appspec needs AWS::ECS::Service"},
             kForceEcs);
}

TEST(ValidateEcsE2E, CD413PropertiesMissingOrEmpty) {
  const std::string head = "version: 0.0\nResources:\n  - TargetService:\n      Type: AWS::ECS::Service\n";
  expect_ecs(head, {"CD413", "error", 4, 7, "resource 'TargetService' has no Properties"});
  expect_ecs(head + "      Properties:\n", {"CD413", "error", 5, 7, "resource 'TargetService' has no Properties"});
}

TEST(ValidateEcsE2E, CD414ValueOfTheWrongKind) {
  expect_ecs("version: 0.0\nResources:\n  - TargetService:\n      Type: AWS::ECS::Service\n      Properties: [web]\n",
             {"CD414", "error", 5, 19, "Properties must be a mapping, found a list"});
  expect_ecs(replaced(kValidEcs, "ContainerName: web", "ContainerName: [web]"),
             {"CD414", "error", 8, 26, "ContainerName must be a string, found a list"});
  expect_ecs(replaced(kValidEcs, "LoadBalancerInfo:\n          ContainerName: web\n          ContainerPort: 80\n",
                      "LoadBalancerInfo: web:80\n"),
             {"CD414", "error", 7, 27, "LoadBalancerInfo must be a mapping, found web:80"});
}

TEST(ValidateEcsE2E, CD415HooksNotAList) {
  expect_ecs(kValidEcs + "Hooks:\n  BeforeInstall: CodeDeployHook_BeforeInstall\n",
             {"CD415", "error", 11, 3, "Hooks must be a list of single-key mappings, found a mapping"});
  expect_ecs(kValidEcs + "Hooks: CodeDeployHook_BeforeInstall\n",
             {"CD415", "error", 10, 8, "Hooks must be a list of single-key mappings, found CodeDeployHook_BeforeInstall"});
}

TEST(ValidateEcsE2E, CD416HooksItemIsNotOneEventFunctionPair) {
  expect_ecs(with_hooks("  - BeforeInstall: CodeDeployHook_BeforeInstall\n    AfterInstall: CodeDeployHook_AfterInstall\n"),
             {"CD416", "error", 11, 5, "a Hooks entry holds 2 events; it must hold one"});
  expect_ecs(with_hooks("  - CodeDeployHook_BeforeInstall\n"),
             {"CD416", "error", 11, 5, "a Hooks entry must be 'Event: function', found CodeDeployHook_BeforeInstall"});
}

TEST(ValidateEcsE2E, CD417ReservedEvent) {
  expect_ecs(with_hooks("  - Install: CodeDeployHook_Install\n"),
             {"CD417", "error", 11, 5, "'Install' is reserved for CodeDeploy in ECS deployments; no function can run in it"});
  expect_ecs(with_hooks("  - allowTraffic: CodeDeployHook_AllowTraffic\n"),
             {"CD417", "error", 11, 5,
              "'AllowTraffic' is reserved for CodeDeploy in ECS deployments; no function can run in it"});
}

TEST(ValidateEcsE2E, CD418UnknownEventWithSuggestion) {
  const auto d = expect_ecs(with_hooks("  - BeforeInstal: CodeDeployHook_BeforeInstall\n"),
                            {"CD418", "error", 11, 5, "unknown ECS hook event 'BeforeInstal'"});
  EXPECT_EQ(d.value("hint", "").rfind("did you mean 'BeforeInstall'?", 0), 0u) << d.dump();
}

TEST(ValidateEcsE2E, CD419EventOfAnotherPlatform) {
  expect_ecs(with_hooks("  - ApplicationStop: CodeDeployHook_ApplicationStop\n"),
             {"CD419", "error", 11, 5,
              "'ApplicationStop' is a lifecycle event of EC2/on-premises deployments only; ECS deployments never run it"});
}

TEST(ValidateEcsE2E, CD420EventListedTwice) {
  expect_ecs(with_hooks("  - BeforeInstall: CodeDeployHook_BeforeInstall\n"
                        "  - AfterInstall: CodeDeployHook_AfterInstall\n"
                        "  - BeforeInstall: CodeDeployHook_Again\n"),
             {"CD420", "warning", 13, 5, "hook BeforeInstall is listed again (first at line 11, column 5)"});
}

TEST(ValidateEcsE2E, CD421HookNamesNoFunction) {
  expect_ecs(with_hooks("  - BeforeInstall:\n"), {"CD421", "error", 11, 5, "hook BeforeInstall names no function"});
  expect_ecs(with_hooks("  - AfterInstall: \"\"\n"), {"CD421", "error", 11, 19, "hook AfterInstall names no function"});
}

// Only the AWSCodeDeployRoleForECSLimited policy restricts hook names; AWSCodeDeployRoleForECS
// invokes any function, so the name alone changes nothing: a note.
TEST(ValidateEcsE2E, CD422FunctionOutsideTheLimitedPolicyIsANote) {
  const auto d = expect_ecs(with_hooks("  - BeforeInstall: ValidateTask\n"),
                            {"CD422", "note", 11, 20, "hook function 'ValidateTask' does not start with CodeDeployHook_"});
  EXPECT_NE(d.value("hint", "").find("AWSCodeDeployRoleForECSLimited"), std::string::npos) << d.dump();
  expect_ecs(with_hooks("  - AfterAllowTraffic: arn:aws:lambda:us-east-1:111122223333:function:SmokeTest:live\n"),
             {"CD422", "note", 11, 24, "hook function 'SmokeTest' does not start with CodeDeployHook_"});
}

TEST(ValidateEcsE2E, CD423NeitherAFunctionNameNorAnArn) {
  expect_ecs(with_hooks("  - AfterInstall: arn:aws:s3:::hooks-bucket\n"),
             {"CD423", "warning", 11, 19,
              "the function of hook AfterInstall, 'arn:aws:s3:::hooks-bucket', is neither a Lambda function name nor a "
              "function ARN"});
}

TEST(ValidateEcsE2E, CD424AliasWithoutAnEarlierAnchor) {
  expect_ecs(replaced(kValidEcs, "ContainerName: web", "ContainerName: *name"),
             {"CD424", "error", 8, 26, "alias *name refers to no anchor defined before it"});
  // An anchor defined after its alias does not count.
  expect_ecs(replaced(replaced(kValidEcs, "ContainerName: web", "ContainerName: *web"), "ContainerPort: 80",
                      "ContainerPort: &web 80"),
             {"CD424", "error", 8, 26, "alias *web refers to no anchor defined before it"});
}

TEST(ValidateEcsE2E, CD425HooksWithoutValue) {
  expect_ecs(kValidEcs + "Hooks:\n", {"CD425", "warning", 10, 1, "Hooks has no value"});
}

TEST(ValidateEcsE2E, CD426StringWrittenAsNumberOrBoolean) {
  expect_ecs(replaced(kValidEcs, "ContainerName: web", "ContainerName: 8080"),
             {"CD426", "warning", 8, 26, "ContainerName is 8080, which YAML reads as a number, not a string"});
  expect_ecs(replaced(kValidEcs, "ContainerName: web", "ContainerName: yes"),
             {"CD426", "warning", 8, 26, "ContainerName is yes, which YAML reads as a boolean, not a string"});
  expect_ecs(kValidEcs + "        PlatformVersion: 1.4\n",
             {"CD426", "warning", 10, 26, "PlatformVersion is 1.4, which YAML reads as a number, not a string"});
}

TEST(ValidateEcsE2E, CD427FindingsBeyondTwoHundredAreCounted) {
  // 251 identical hooks: the 250 repeats are CD420 warnings, of which 200 are shown.
  TempDir dir;
  const JsonRun run =
      validate_appspec_text(dir, with_hooks(repeated("  - BeforeInstall: CodeDeployHook_BeforeInstall\n", 251)));
  ASSERT_TRUE(run.report.is_object()) << run.stderr_text;
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.report["platform"], "ecs");
  EXPECT_EQ(with_code(run.report, "CD420").size(), 200u);
  const auto note = with_code(run.report, "CD427");
  ASSERT_EQ(note.size(), 1u) << run.report["summary"].dump();
  EXPECT_EQ(note[0]["severity"], "note");
  EXPECT_EQ(note[0]["message"], "50 further findings were not shown");
  EXPECT_EQ(note[0]["line"], 0);
  EXPECT_EQ(note[0]["column"], 0);
}

}  // namespace
}  // namespace cdrun::e2e
