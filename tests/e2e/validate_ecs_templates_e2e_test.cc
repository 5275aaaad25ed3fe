// End to end: ECS appspecs that are templates (a value wholly a placeholder is a note, whichever key
// holds it), an empty TaskDefinition, and a file whose YAML does not parse, which stays an ECS file.
// Positions are counted by hand from kValidEcs's annotated layout (validate_ecs_lambda_e2e_check.h).
#include <gtest/gtest.h>

#include "validate_ecs_lambda_e2e_check.h"

namespace cdrun::e2e {
namespace {

const std::string kOwnStepFills =
    ", which your own build step must fill in (CodePipeline's CodeDeployToECS action replaces only "
    "TaskDefinition: <TASK_DEFINITION>)";

std::string with_port(const std::string& value) { return replaced(kValidEcs, "ContainerPort: 80", "ContainerPort: " + value); }

TEST(ValidateEcsTemplatesE2E, CD442OtherTaskDefinitionPlaceholdersNeedTheUsersOwnStep) {
  const std::string own_step =
      ", which your own build step must fill in (CodePipeline's CodeDeployToECS action replaces only "
      "<TASK_DEFINITION>)";
  expect_ecs(replaced(kValidEcs, kEcsTaskDefinitionArn, "\"{{ task_definition }}\""),
             {"CD442", "note", 6, 25, "TaskDefinition is the placeholder {{ task_definition }}" + own_step});
  expect_ecs(replaced(kValidEcs, kEcsTaskDefinitionArn, "${TASK_DEFINITION_ARN}"),
             {"CD442", "note", 6, 25, "TaskDefinition is the placeholder ${TASK_DEFINITION_ARN}" + own_step});
  // Two placeholders inside one value are not one placeholder: the value is judged as text.
  expect_ecs(replaced(kValidEcs, kEcsTaskDefinitionArn, "\"<family>:<revision>\""),
             {"CD441", "warning", 6, 25, "TaskDefinition '<family>:<revision>' is not a task-definition revision ARN"});
}

// These were errors (CD448, a port that is no number) or warnings before; a template is no mistake.
TEST(ValidateEcsTemplatesE2E, CD428ContainerPortPlaceholderInEverySpelling) {
  expect_ecs(with_port("<CONTAINER_PORT>"),
             {"CD428", "note", 9, 26, "ContainerPort is the placeholder <CONTAINER_PORT>" + kOwnStepFills});
  expect_ecs(with_port("${CONTAINER_PORT}"),
             {"CD428", "note", 9, 26, "ContainerPort is the placeholder ${CONTAINER_PORT}" + kOwnStepFills});
  expect_ecs(with_port("\"{{ container_port }}\""),
             {"CD428", "note", 9, 26, "ContainerPort is the placeholder {{ container_port }}" + kOwnStepFills});
  // Unquoted, YAML reads {{port}} as a mapping inside a mapping; it is still the same placeholder.
  expect_ecs(with_port("{{port}}"), {"CD428", "note", 9, 26, "ContainerPort is the placeholder {{port}}" + kOwnStepFills});
}

TEST(ValidateEcsTemplatesE2E, CD428PlaceholdersElsewhereInProperties) {
  expect_ecs(replaced(kValidEcs, "ContainerName: web", "ContainerName: \"<CONTAINER_NAME>\""),
             {"CD428", "note", 8, 26, "ContainerName is the placeholder <CONTAINER_NAME>" + kOwnStepFills});
  // Line 10: "        PlatformVersion: " puts the value at column 26.
  expect_ecs(kValidEcs + "        PlatformVersion: ${PLATFORM_VERSION}\n",
             {"CD428", "note", 10, 26, "PlatformVersion is the placeholder ${PLATFORM_VERSION}" + kOwnStepFills});
  // Line 13: the subnet item's value starts at column 17.
  expect_ecs(kValidEcs +
                 "        NetworkConfiguration:\n"
                 "          AwsvpcConfiguration:\n"
                 "            Subnets:\n"
                 "              - ${SUBNET_ID}\n"
                 "            SecurityGroups:\n"
                 "              - sg-0abc\n"
                 "            AssignPublicIp: DISABLED\n",
             {"CD428", "note", 13, 17, "an item of Subnets is the placeholder ${SUBNET_ID}" + kOwnStepFills});
}

TEST(ValidateEcsTemplatesE2E, CD428HookFunctionPlaceholderIsNotJudgedAsAName) {
  const std::string appspec = kValidEcs + "Hooks:\n  - BeforeInstall: \"{{ before_install_hook }}\"\n";
  expect_ecs(appspec,
             {"CD428", "note", 11, 20,
              "the function of hook BeforeInstall is the placeholder {{ before_install_hook }}" + kOwnStepFills});
  TempDir dir;
  EXPECT_EQ(codes_of(validate_appspec_text(dir, appspec).report), std::vector<std::string>{"CD428"});
}

TEST(ValidateEcsTemplatesE2E, PlaceholderNotesDoNotFailStrict) {
  TempDir dir;
  const JsonRun run = validate_appspec_text(dir, with_port("<CONTAINER_PORT>"), {"--strict"});
  EXPECT_EQ(run.exit_code, 0) << run.report.dump(2);
}

TEST(ValidateEcsTemplatesE2E, CD440TaskDefinitionEmptyStringIsAsEmptyAsNoValue) {
  expect_ecs(replaced(kValidEcs, kEcsTaskDefinitionArn, "\"\""), {"CD440", "error", 6, 25, "TaskDefinition is empty"});
  expect_ecs(replaced(kValidEcs, kEcsTaskDefinitionArn, "''"), {"CD440", "error", 6, 25, "TaskDefinition is empty"});
}

// A tab in the indentation of line 11 (after two spaces, so at column 3) stops the YAML parser.
// The file names AWS::ECS::Service, so the error is reported on the ECS platform, alone.
TEST(ValidateEcsTemplatesE2E, BrokenYamlStaysAnEcsAppSpec) {
  const std::string broken = kValidEcs + "Hooks:\n  \t- BeforeInstall: CodeDeployHook_BeforeInstall\n";
  expect_ecs(broken, {"CD102", "error", 11, 3,
                      "(<unknown>): found character that cannot start any token while scanning for the next token at "
                      "line 11 column 3"});
  TempDir dir;
  const JsonRun run = validate_appspec_text(dir, broken);
  EXPECT_EQ(codes_of(run.report), std::vector<std::string>{"CD102"}) << run.report.dump(2);
  EXPECT_FALSE(run.report.contains("agent") && run.report["agent"].is_object()) << run.report.dump(2);
}

// Without the Type line, the ECS-only property names still tell the platform.
TEST(ValidateEcsTemplatesE2E, BrokenYamlWithoutATypeIsKnownByItsProperties) {
  const std::string broken = replaced(kValidEcs, "      Type: AWS::ECS::Service\n", "") + "Hooks:\n  \t- x\n";
  expect_ecs(broken, {"CD102", "error", 10, 3,
                      "(<unknown>): found character that cannot start any token while scanning for the next token at "
                      "line 10 column 3"});
}

// Only the service's YAML parser reads an ECS appspec, and it takes CRLF like LF: a note, not the
// warning an EC2 appspec gets.
TEST(ValidateEcsTemplatesE2E, CD107CrlfIsOnlyANoteOnEcs) {
  std::string crlf;
  for (char c : kValidEcs) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  expect_ecs(crlf, {"CD107", "note", 1, 1, "CRLF line endings"});
}

}  // namespace
}  // namespace cdrun::e2e
