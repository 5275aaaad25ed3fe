// End to end: Lambda appspecs that are templates (a value wholly a placeholder is a note, with the
// same wording as on ECS), and a file whose YAML does not parse, which stays a Lambda file.
// Positions are counted by hand from kValidLambda's annotated layout (validate_ecs_lambda_e2e_check.h).
#include <gtest/gtest.h>

#include "validate_ecs_lambda_e2e_check.h"

namespace cdrun::e2e {
namespace {

const std::string kOwnStepFills =
    ", which your own build step must fill in (CodePipeline's CodeDeployToECS action replaces only "
    "TaskDefinition: <TASK_DEFINITION>)";

// CurrentVersion as a placeholder was an error (CD544, not a published version number) before.
TEST(ValidateLambdaTemplatesE2E, CD528VersionPlaceholdersInEverySpelling) {
  expect_lambda(replaced(kValidLambda, "CurrentVersion: 1", "CurrentVersion: {{current_version}}"),
                {"CD528", "note", 8, 25, "CurrentVersion is the placeholder {{current_version}}" + kOwnStepFills});
  expect_lambda(replaced(kValidLambda, "CurrentVersion: 1", "CurrentVersion: \"<CURRENT_VERSION>\""),
                {"CD528", "note", 8, 25, "CurrentVersion is the placeholder <CURRENT_VERSION>" + kOwnStepFills});
  expect_lambda(replaced(kValidLambda, "TargetVersion: 2", "TargetVersion: ${TARGET_VERSION}"),
                {"CD528", "note", 9, 24, "TargetVersion is the placeholder ${TARGET_VERSION}" + kOwnStepFills});
}

TEST(ValidateLambdaTemplatesE2E, CD528NameAndAliasPlaceholders) {
  expect_lambda(replaced(kValidLambda, "Name: my-function", "Name: ${FUNCTION_NAME}"),
                {"CD528", "note", 6, 15, "Name is the placeholder ${FUNCTION_NAME}" + kOwnStepFills});
  expect_lambda(replaced(kValidLambda, "Alias: live", "Alias: '{{ alias }}'"),
                {"CD528", "note", 7, 16, "Alias is the placeholder {{ alias }}" + kOwnStepFills});
}

// Two equal placeholders say nothing about the versions they will become: no CD546.
TEST(ValidateLambdaTemplatesE2E, EqualVersionPlaceholdersAreNotEqualVersions) {
  std::string appspec = replaced(kValidLambda, "CurrentVersion: 1", "CurrentVersion: <VERSION>");
  appspec = replaced(appspec, "TargetVersion: 2", "TargetVersion: <VERSION>");
  TempDir dir;
  const JsonRun run = validate_appspec_text(dir, appspec, {"--strict"});
  EXPECT_EQ(run.exit_code, 0) << run.report.dump(2);
  EXPECT_EQ(codes_of(run.report), (std::vector<std::string>{"CD528", "CD528"})) << run.report.dump(2);
}

// A tab in the indentation of line 11 (after two spaces, so at column 3) stops the YAML parser.
TEST(ValidateLambdaTemplatesE2E, BrokenYamlStaysALambdaAppSpec) {
  const std::string broken = kValidLambda + "Hooks:\n  \t- BeforeAllowTraffic: CodeDeployHook_PreTraffic\n";
  expect_lambda(broken, {"CD102", "error", 11, 3,
                         "(<unknown>): found character that cannot start any token while scanning for the next token "
                         "at line 11 column 3"});
}

}  // namespace
}  // namespace cdrun::e2e
