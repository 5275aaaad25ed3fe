// End to end: valid ECS appspecs in YAML and JSON, and an invalid one in the text and SARIF formats.
#include <gtest/gtest.h>

#include "validate_ecs_lambda_e2e_check.h"

namespace cdrun::e2e {
namespace {

// Every optional ECS property and every ECS hook that needs no test listener, all well written.
const std::string kCompleteEcs = kValidEcs +
                                 "        PlatformVersion: LATEST\n"
                                 "        NetworkConfiguration:\n"
                                 "          AwsvpcConfiguration:\n"
                                 "            Subnets:\n"
                                 "              - subnet-0abc\n"
                                 "              - subnet-0def\n"
                                 "            SecurityGroups:\n"
                                 "              - sg-0abc\n"
                                 "            AssignPublicIp: ENABLED\n"
                                 "        CapacityProviderStrategy:\n"
                                 "          - CapacityProvider: FARGATE\n"
                                 "            Base: 1\n"
                                 "            Weight: 1\n"
                                 "          - CapacityProvider: FARGATE_SPOT\n"
                                 "            Weight: 3\n"
                                 "Hooks:\n"
                                 "  - BeforeInstall: CodeDeployHook_BeforeInstall\n"
                                 "  - AfterInstall: \"CodeDeployHook_AfterInstall\"\n"
                                 "  - BeforeAllowTraffic: CodeDeployHook_BeforeAllowTraffic:live\n"
                                 "  - AfterAllowTraffic: "
                                 "arn:aws:lambda:us-east-1:111122223333:function:CodeDeployHook_AfterAllowTraffic\n";

// The same appspec as the ECS tutorial writes it, in JSON.
const std::string kEcsJson = R"({
  "version": 0.0,
  "Resources": [
    {
      "TargetService": {
        "Type": "AWS::ECS::Service",
        "Properties": {
          "TaskDefinition": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3",
          "LoadBalancerInfo": {
            "ContainerName": "web",
            "ContainerPort": 80
          }
        }
      }
    }
  ],
  "Hooks": [
    {"AfterAllowTraffic": "CodeDeployHook_AfterAllowTraffic"}
  ]
}
)";

void expect_valid_ecs(const JsonRun& run) {
  ASSERT_TRUE(run.report.is_object()) << run.stderr_text;
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.report["valid"], true);
  EXPECT_EQ(run.report["platform"], "ecs");
  EXPECT_EQ(run.report["summary"]["errors"], 0);
  EXPECT_EQ(codes_of(run.report), std::vector<std::string>{}) << run.report.dump(2);
  // The agent never reads ECS appspecs, so the report has no agent verdict.
  EXPECT_FALSE(run.report.contains("agent")) << run.report.dump(2);
}

TEST(ValidateEcsFormatsE2E, ValidYamlAppSpec) {
  TempDir dir;
  expect_valid_ecs(validate_appspec_text(dir, kCompleteEcs));
}

TEST(ValidateEcsFormatsE2E, ValidJsonAppSpec) {
  TempDir dir;
  expect_valid_ecs(validate_json(dir.write("appspec.json", kEcsJson)));
}

TEST(ValidateEcsFormatsE2E, JsonPositionsCountTheJsonText) {
  // "ContainerPort" sits on line 11 at column 13; its quoted value starts at column 30.
  TempDir dir;
  const std::string quoted_port = replaced(kEcsJson, "\"ContainerPort\": 80", "\"ContainerPort\": \"80\"");
  const JsonRun run = validate_json(dir.write("appspec.json", quoted_port));
  ASSERT_TRUE(run.report.is_object()) << run.stderr_text;
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.report["platform"], "ecs");
  const auto found = with_code(run.report, "CD447");
  ASSERT_EQ(found.size(), 1u) << run.report.dump(2);
  EXPECT_EQ(found[0]["line"], 11);
  EXPECT_EQ(found[0]["column"], 30);
  EXPECT_EQ(found[0]["message"], "ContainerPort is \"80\", a quoted string; AWS documents a number");
}

TEST(ValidateEcsFormatsE2E, TextFormatShowsLocationLineAndCaret) {
  TempDir dir;
  const std::string path = dir.write("appspec.yml", replaced(kValidEcs, "ContainerPort: 80", "ContainerPort: 70000"));
  const Outcome run = run_cdrun({"validate", "--format", "text", "--color", "never", path});
  EXPECT_EQ(run.exit_code, 1);
  const std::string expected = path +
                               ":9:26: error: ContainerPort is 70000; a port must be between 1 and 65535 [CD449]\n"
                               "          ContainerPort: 70000\n"
                               "                         ^\n";
  EXPECT_NE(run.out.find(expected), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(path + ": invalid (1 error, 0 warnings, 0 notes)\n"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("agent "), std::string::npos) << run.out;
}

TEST(ValidateEcsFormatsE2E, SarifResultCarriesRuleAndRegion) {
  TempDir dir;
  const std::string path = dir.write("appspec.yml", replaced(kValidEcs, "ContainerPort: 80", "ContainerPort: http"));
  const Outcome run = run_cdrun({"validate", "--format", "sarif", path});
  EXPECT_EQ(run.exit_code, 1);
  const nlohmann::json sarif = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(sarif.is_object()) << run.out;
  EXPECT_EQ(sarif["version"], "2.1.0");
  const auto& sarif_run = sarif["runs"][0];
  ASSERT_EQ(sarif_run["results"].size(), 1u) << run.out;
  const auto& result = sarif_run["results"][0];
  EXPECT_EQ(result["ruleId"], "CD448");
  EXPECT_EQ(result["level"], "error");
  EXPECT_EQ(result["message"]["text"].get<std::string>().rfind("ContainerPort is http; it must be a port number (1-65535)", 0),
            0u);
  const auto& location = result["locations"][0]["physicalLocation"];
  // The temporary path holds only characters a URI keeps as they are.
  EXPECT_EQ(location["artifactLocation"]["uri"], path);
  EXPECT_EQ(location["region"]["startLine"], 9);
  EXPECT_EQ(location["region"]["startColumn"], 26);
  EXPECT_EQ(sarif_run["tool"]["driver"]["rules"][result["ruleIndex"].get<std::size_t>()]["id"], "CD448");
}

}  // namespace
}  // namespace cdrun::e2e
