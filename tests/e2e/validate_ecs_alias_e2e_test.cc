// End to end: a value reached through a YAML alias is reported where the alias is written.
#include <gtest/gtest.h>

#include "validate_json.h"

namespace cdrun::e2e {
namespace {

TEST(ValidateEcsAliasE2E, FindingsThroughAnAliasPointAtTheAlias) {
  TempDir dir;
  const std::string appspec =
      "version: 0.0\n"
      "Resources:\n"
      "  - TargetService:\n"
      "      Type: AWS::ECS::Service\n"
      "      Properties:\n"
      "        TaskDefinition: \"<TASK_DEFINITION>\"\n"
      "        LoadBalancerInfo:\n"
      "          ContainerName: &n http\n"
      "          ContainerPort: *n\n";
  JsonRun run = validate_appspec_text(dir, appspec);
  auto found = with_code(run.report, "CD448");
  ASSERT_EQ(found.size(), 1u) << run.report.dump(2);
  EXPECT_EQ(found[0]["line"], 9);
  EXPECT_EQ(found[0]["column"], 26);
  EXPECT_EQ(run.exit_code, 1);
}

}  // namespace
}  // namespace cdrun::e2e
