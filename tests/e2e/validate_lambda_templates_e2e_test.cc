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

struct PlaceholderCase {
  std::string line;         // the line of kValidLambda to change
  std::string placeholder;  // as written in the appspec
  std::string shown;        // as the message shows it
  int line_number;
  int column;
};

// Each property of a Lambda appspec, in each spelling. A version placeholder was an error (CD544,
// not a published version number) before.
TEST(ValidateLambdaTemplatesE2E, CD528PlaceholderInEveryPropertyAndSpelling) {
  const std::vector<PlaceholderCase> cases{
      {"CurrentVersion: 1", "{{current_version}}", "{{current_version}}", 8, 25},
      {"CurrentVersion: 1", "\"<CURRENT_VERSION>\"", "<CURRENT_VERSION>", 8, 25},
      {"TargetVersion: 2", "${TARGET_VERSION}", "${TARGET_VERSION}", 9, 24},
      {"Name: my-function", "${FUNCTION_NAME}", "${FUNCTION_NAME}", 6, 15},
      {"Alias: live", "'{{ alias }}'", "{{ alias }}", 7, 16},
  };
  for (const PlaceholderCase& c : cases) {
    const std::string key = c.line.substr(0, c.line.find(':'));
    expect_lambda(replaced(kValidLambda, c.line, key + ": " + c.placeholder),
                  {"CD528", "note", c.line_number, c.column, key + " is the placeholder " + c.shown + kOwnStepFills});
  }
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
