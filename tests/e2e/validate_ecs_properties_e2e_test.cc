// End to end: the ECS Properties rules (CD440-CD459) through the built binary. Positions are
// counted by hand from kValidEcs's layout and the blocks below, which continue it from line 10.
#include <gtest/gtest.h>

#include "validate_ecs_lambda_e2e_check.h"

namespace cdrun::e2e {
namespace {

const std::string kTaskDefinitionLine = "        TaskDefinition: " + kEcsTaskDefinitionArn + "\n";
const std::string kLoadBalancerInfo =
    "        LoadBalancerInfo:\n          ContainerName: web\n          ContainerPort: 80\n";

// Lines 10-16 after kValidEcs.
const std::string kNetwork =
    "        NetworkConfiguration:\n"      // 10
    "          AwsvpcConfiguration:\n"     // 11: key at 11
    "            Subnets:\n"               // 12: key at 13
    "              - subnet-0abc\n"        // 13: item at 17
    "            SecurityGroups:\n"        // 14
    "              - sg-0abc\n"            // 15: item at 17
    "            AssignPublicIp: DISABLED\n";  // 16: value at 29

// Lines 10-15 after kValidEcs.
const std::string kStrategy =
    "        CapacityProviderStrategy:\n"          // 10: key at 9
    "          - CapacityProvider: FARGATE\n"      // 11: item at 13, value at 31
    "            Base: 1\n"                        // 12: value at 19
    "            Weight: 1\n"                      // 13: value at 21
    "          - CapacityProvider: FARGATE_SPOT\n" // 14
    "            Weight: 3\n";                     // 15: value at 21

TEST(ValidateEcsPropertiesE2E, CD440TaskDefinitionMissingOrEmpty) {
  // Properties then starts with LoadBalancerInfo on line 6.
  expect_ecs(replaced(kValidEcs, kTaskDefinitionLine, ""), {"CD440", "error", 6, 9, "Properties has no TaskDefinition"});
  expect_ecs(replaced(kValidEcs, kTaskDefinitionLine, "        TaskDefinition:\n"),
             {"CD440", "error", 6, 9, "TaskDefinition has no value"});
}

TEST(ValidateEcsPropertiesE2E, CD441TaskDefinitionIsNotARevisionArn) {
  expect_ecs(replaced(kValidEcs, kEcsTaskDefinitionArn, "web:3"),
             {"CD441", "warning", 6, 25, "TaskDefinition 'web:3' is not a task-definition revision ARN"});
  expect_ecs(replaced(kValidEcs, "task-definition/web:3", "task-definition/web"),
             {"CD441", "warning", 6, 25,
              "TaskDefinition 'arn:aws:ecs:us-east-1:111122223333:task-definition/web' is not a task-definition "
              "revision ARN"});
}

TEST(ValidateEcsPropertiesE2E, CD442PlaceholderForCodePipeline) {
  expect_ecs(replaced(kValidEcs, kEcsTaskDefinitionArn, "<TASK_DEFINITION>"),
             {"CD442", "note", 6, 25,
              "TaskDefinition is the placeholder <TASK_DEFINITION>, which CodePipeline's CodeDeployToECS action "
              "replaces with the ARN of the task definition it registers"});
}

TEST(ValidateEcsPropertiesE2E, CD443LoadBalancerInfoMissingOrEmpty) {
  expect_ecs(replaced(kValidEcs, kLoadBalancerInfo, ""), {"CD443", "error", 6, 9, "Properties has no LoadBalancerInfo"});
  expect_ecs(replaced(kValidEcs, kLoadBalancerInfo, "        LoadBalancerInfo:\n"),
             {"CD443", "error", 7, 9, "LoadBalancerInfo has no value"});
}

TEST(ValidateEcsPropertiesE2E, CD444LoadBalancerInfoListAndItsItemIsStillChecked) {
  const std::string listed = replaced(
      kValidEcs, kLoadBalancerInfo, "        LoadBalancerInfo:\n          - ContainerName: web\n            ContainerPort: 0\n");
  expect_ecs(listed, {"CD444", "error", 8, 11,
                      "LoadBalancerInfo is a list; AWS rejects it with \"The AppSpec file must be valid JSON or YAML... "
                      "not well-formed\""});
  expect_ecs(listed, {"CD449", "error", 9, 28, "ContainerPort is 0; a port must be between 1 and 65535"});
}

TEST(ValidateEcsPropertiesE2E, CD445ContainerNameMissingOrEmpty) {
  expect_ecs(replaced(kValidEcs, "          ContainerName: web\n", ""),
             {"CD445", "error", 8, 11, "LoadBalancerInfo has no ContainerName"});
  expect_ecs(replaced(kValidEcs, "ContainerName: web", "ContainerName: \"\""),
             {"CD445", "error", 8, 26, "ContainerName is empty"});
  expect_ecs(replaced(kValidEcs, "ContainerName: web", "ContainerName:"),
             {"CD445", "error", 8, 11, "ContainerName has no value"});
}

TEST(ValidateEcsPropertiesE2E, CD446ContainerPortMissingOrEmpty) {
  expect_ecs(replaced(kValidEcs, "          ContainerPort: 80\n", ""),
             {"CD446", "error", 8, 11, "LoadBalancerInfo has no ContainerPort"});
  expect_ecs(replaced(kValidEcs, "ContainerPort: 80", "ContainerPort:"),
             {"CD446", "error", 9, 11, "ContainerPort has no value"});
}

TEST(ValidateEcsPropertiesE2E, CD447NumberWrittenAsQuotedString) {
  expect_ecs(replaced(kValidEcs, "ContainerPort: 80", "ContainerPort: \"4000\""),
             {"CD447", "warning", 9, 26, "ContainerPort is \"4000\", a quoted string; AWS documents a number"});
  expect_ecs(replaced(kValidEcs + kStrategy, "Weight: 3", "Weight: '3'"),
             {"CD447", "warning", 15, 21, "Weight is \"3\", a quoted string; AWS documents a number"});
}

TEST(ValidateEcsPropertiesE2E, CD448ContainerPortNotAWholeNumber) {
  expect_ecs(replaced(kValidEcs, "ContainerPort: 80", "ContainerPort: http"),
             {"CD448", "error", 9, 26, "ContainerPort is http; it must be a port number (1-65535)"});
  expect_ecs(replaced(kValidEcs, "ContainerPort: 80", "ContainerPort: 80.5"),
             {"CD448", "error", 9, 26, "ContainerPort is 80.5; it must be a port number (1-65535)"});
}

TEST(ValidateEcsPropertiesE2E, CD449ContainerPortOutOfRange) {
  expect_ecs(replaced(kValidEcs, "ContainerPort: 80", "ContainerPort: 70000"),
             {"CD449", "error", 9, 26, "ContainerPort is 70000; a port must be between 1 and 65535"});
  expect_ecs(replaced(kValidEcs, "ContainerPort: 80", "ContainerPort: \"65536\""),
             {"CD449", "error", 9, 26, "ContainerPort is \"65536\"; a port must be between 1 and 65535"});
}

TEST(ValidateEcsPropertiesE2E, CD450AwsvpcConfigurationAllOrNone) {
  expect_ecs(kValidEcs + "        NetworkConfiguration:\n          AwsvpcConfiguration:\n            Subnets:\n"
                         "              - subnet-0abc\n",
             {"CD450", "error", 11, 11,
              "AwsvpcConfiguration gives Subnets but not SecurityGroups, AssignPublicIp; it takes all three or none"});
  expect_ecs(replaced(kValidEcs + kNetwork, "            Subnets:\n              - subnet-0abc\n", ""),
             {"CD450", "error", 11, 11,
              "AwsvpcConfiguration gives SecurityGroups, AssignPublicIp but not Subnets; it takes all three or none"});
}

TEST(ValidateEcsPropertiesE2E, CD451AssignPublicIpValue) {
  expect_ecs(replaced(kValidEcs + kNetwork, "AssignPublicIp: DISABLED", "AssignPublicIp: yes"),
             {"CD451", "error", 16, 29, "AssignPublicIp is yes; it must be ENABLED or DISABLED"});
  expect_ecs(replaced(kValidEcs + kNetwork, "AssignPublicIp: DISABLED", "AssignPublicIp: enabled"),
             {"CD451", "error", 16, 29, "AssignPublicIp is enabled; it must be ENABLED or DISABLED"});
}

TEST(ValidateEcsPropertiesE2E, CD452SubnetsOrSecurityGroupsEmptyOrNotStrings) {
  expect_ecs(replaced(kValidEcs + kNetwork, "Subnets:\n              - subnet-0abc\n", "Subnets: []\n"),
             {"CD452", "error", 12, 22, "Subnets is an empty list"});
  expect_ecs(replaced(kValidEcs + kNetwork, "Subnets:\n              - subnet-0abc\n", "Subnets:\n"),
             {"CD452", "error", 12, 13, "Subnets has no value"});
  expect_ecs(replaced(kValidEcs + kNetwork, "- subnet-0abc", "- ~"),
             {"CD452", "error", 13, 17, "an item of Subnets is null (~), not an id"});
  expect_ecs(replaced(kValidEcs + kNetwork, "- sg-0abc", "- {GroupId: sg-0abc}"),
             {"CD452", "error", 15, 17, "an item of SecurityGroups is a mapping, not an id"});
  // A value that is no list at all is the general wrong-kind rule.
  expect_ecs(replaced(kValidEcs + kNetwork, "Subnets:\n              - subnet-0abc\n", "Subnets: subnet-0abc\n"),
             {"CD414", "error", 12, 22, "Subnets must be a list, found subnet-0abc"});
}

TEST(ValidateEcsPropertiesE2E, CD453IdsWithoutTheirPrefix) {
  expect_ecs(replaced(kValidEcs + kNetwork, "subnet-0abc", "private-a"),
             {"CD453", "warning", 13, 17, "'private-a' in Subnets does not look like an id (subnet-...)"});
  expect_ecs(replaced(kValidEcs + kNetwork, "sg-0abc", "web-sg"),
             {"CD453", "warning", 15, 17, "'web-sg' in SecurityGroups does not look like an id (sg-...)"});
}

TEST(ValidateEcsPropertiesE2E, CD454NetworkConfigurationWithoutAwsvpcConfiguration) {
  expect_ecs(kValidEcs + "        NetworkConfiguration:\n          Subnets:\n            - subnet-0abc\n",
             {"CD454", "error", 11, 11, "NetworkConfiguration has no AwsvpcConfiguration"});
  expect_ecs(kValidEcs + "        NetworkConfiguration:\n          AwsvpcConfiguration:\n",
             {"CD454", "error", 11, 11, "AwsvpcConfiguration has no value"});
}

TEST(ValidateEcsPropertiesE2E, CD455StrategyItemWithoutCapacityProvider) {
  expect_ecs(replaced(kValidEcs + kStrategy, "- CapacityProvider: FARGATE\n            Base: 1\n", "- Base: 1\n"),
             {"CD455", "error", 11, 13, "a CapacityProviderStrategy item has no CapacityProvider"});
  expect_ecs(replaced(kValidEcs + kStrategy, "CapacityProvider: FARGATE\n", "CapacityProvider: \"\"\n"),
             {"CD455", "error", 11, 31, "CapacityProvider is empty"});
}

TEST(ValidateEcsPropertiesE2E, CD456BaseOrWeightNotAWholeNumberOfZeroOrMore) {
  expect_ecs(replaced(kValidEcs + kStrategy, "Base: 1", "Base: -1"),
             {"CD456", "error", 12, 19, "Base is -1; it must be 0 or more"});
  expect_ecs(replaced(kValidEcs + kStrategy, "Weight: 3", "Weight: three"),
             {"CD456", "error", 15, 21, "Weight is three; it must be a whole number of 0 or more"});
  expect_ecs(replaced(kValidEcs + kStrategy, "Weight: 1", "Weight: 1.5"),
             {"CD456", "error", 13, 21, "Weight is 1.5; it must be a whole number of 0 or more"});
}

TEST(ValidateEcsPropertiesE2E, CD457SecondProviderWithABase) {
  expect_ecs(replaced(kValidEcs + kStrategy, "            Weight: 3\n", "            Base: 2\n            Weight: 3\n"),
             {"CD457", "error", 15, 19, "a second capacity provider sets Base above 0 (the first at line 12, column 19)"});
}

TEST(ValidateEcsPropertiesE2E, CD458NoProviderWithWeight) {
  expect_ecs(kValidEcs + "        CapacityProviderStrategy:\n          - CapacityProvider: FARGATE\n            Weight: 0\n"
                         "          - CapacityProvider: FARGATE_SPOT\n",
             {"CD458", "error", 10, 9, "none of the 2 capacity providers has a Weight above 0"});
}

TEST(ValidateEcsPropertiesE2E, CD458NotForASingleProvider) {
  // One provider with weight 0 still gets the tasks: nothing to report.
  TempDir dir;
  const JsonRun run =
      validate_appspec_text(dir, kValidEcs + "        CapacityProviderStrategy:\n          - CapacityProvider: FARGATE\n");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(codes_of(run.report), std::vector<std::string>{});
}

TEST(ValidateEcsPropertiesE2E, CD459AfterAllowTestTrafficNeedsATestListener) {
  expect_ecs(kValidEcs + "Hooks:\n  - AfterAllowTestTraffic: CodeDeployHook_AfterAllowTestTraffic\n",
             {"CD459", "note", 11, 5,
              "AfterAllowTestTraffic runs only when the deployment group's load balancer has a test listener"});
}

}  // namespace
}  // namespace cdrun::e2e
