// End to end: `cdrun validate --agent-version 1.8|2|all`, agent 2.x's verdict beside agent 1.8's
// (CD110-CD112), in the JSON and text reports.
#include <gtest/gtest.h>

#include <algorithm>

#include "validate_json.h"

namespace cdrun::e2e {
namespace {

const std::string kHead = "version: 0.0\nos: linux\n";
const std::string kTimeoutWords =
    kHead + "hooks:\n  ApplicationStart:\n    - location: s.sh\n      timeout: 30abc\n";
const std::string kOctalMode = kHead + "permissions:\n  - object: /a\n    mode: 0755\n";

std::vector<std::string> codes_of(const nlohmann::json& report) {
  std::vector<std::string> codes;
  for (const auto& d : report["diagnostics"]) codes.push_back(d["code"]);
  return codes;
}

// The one diagnostic with `code`: an error at line:column.
nlohmann::json only_error(const JsonRun& run, const std::string& code, int line, int column) {
  auto found = with_code(run.report, code);
  EXPECT_EQ(run.exit_code, 1);
  if (found.size() != 1u) {
    ADD_FAILURE() << code << " not found once in\n" << run.report.dump(2);
    return nlohmann::json::object();
  }
  EXPECT_EQ(found[0]["severity"], "error");
  EXPECT_EQ(found[0]["line"], line);
  EXPECT_EQ(found[0]["column"], column);
  return found[0];
}

TEST(ValidateAgent2E2E, ByDefaultBothAgentsAreListedAndAgentStaysAgent18) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, kHead);
  EXPECT_EQ(run.exit_code, 0);
  ASSERT_EQ(run.report["agents"].size(), 2u) << run.report.dump(2);
  EXPECT_EQ(run.report["agents"][0], nlohmann::json::parse(
                                         R"({"version":"1.8","os":"linux","accepts":true,"message":null,"crash":false})"));
  EXPECT_EQ(run.report["agents"][1], nlohmann::json::parse(
                                         R"({"version":"2","os":"linux","accepts":true,"message":null,"crash":false})"));
  EXPECT_EQ(run.report["agent"], run.report["agents"][0]);
}

TEST(ValidateAgent2E2E, TextReportHasOneLinePerAgent) {
  TempDir dir;
  const std::string path = dir.write("appspec.yml", kTimeoutWords);
  Outcome run = run_cdrun({"validate", "--color", "never", path});
  EXPECT_EQ(run.exit_code, 1);
  const std::string two =
      "agent 1.8 linux: accepts\nagent 2 linux: rejects: The deployment failed because of a YAML parsing error: "
      "hooks.ApplicationStart[0].timeout: invalid type: string \"30abc\", expected u32 at line 6 column 16\n";
  ASSERT_GE(run.out.size(), two.size());
  EXPECT_EQ(run.out.substr(run.out.size() - two.size()), two) << run.out;
}

TEST(ValidateAgent2E2E, AgentVersion2PutsAgent2FirstAndDropsAgent18Findings) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, kTimeoutWords, {"--agent-version", "2"});
  ASSERT_EQ(run.report["agents"].size(), 1u);
  EXPECT_EQ(run.report["agent"]["version"], "2");
  EXPECT_EQ(run.report["agent"]["accepts"], false);
  EXPECT_EQ(only_error(run, "CD110", 6, 16)["message"], run.report["agent"]["message"]);
  // CD204 (agent 1.8 reads "30abc" as 30) is about agent 1.8 only.
  EXPECT_EQ(codes_of(run.report), std::vector<std::string>{"CD110"});
}

TEST(ValidateAgent2E2E, AgentVersion2AcceptsAnUnquotedOctalMode) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, kOctalMode, {"--agent-version", "2"});
  EXPECT_EQ(run.exit_code, 0) << run.report.dump(2);
  EXPECT_EQ(run.report["valid"], true);
  EXPECT_TRUE(run.report["diagnostics"].empty()) << run.report.dump(2);  // no CD100, no CD209
}

TEST(ValidateAgent2E2E, AgentVersion18KeepsTodaysReport) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, kTimeoutWords, {"--agent-version", "1.8"});
  EXPECT_EQ(run.exit_code, 0);
  ASSERT_EQ(run.report["agents"].size(), 1u);
  EXPECT_EQ(run.report["agent"]["version"], "1.8");
  EXPECT_EQ(codes_of(run.report), std::vector<std::string>{"CD204"});
}

TEST(ValidateAgent2E2E, DisagreementsAreErrorsAtTheValue) {
  TempDir dir;
  EXPECT_EQ(only_error(validate_appspec_text(dir, kTimeoutWords), "CD111", 6, 16)["message"],
            "agent 1.8 accepts timeout: 30abc but agent 2.x rejects it: it reads timeout only as a whole number of seconds");
  TempDir other;
  EXPECT_EQ(only_error(validate_appspec_text(other, kOctalMode), "CD112", 5, 11)["hint"],
            "write mode: 755 (no leading zero); both agents read that alike");
}

TEST(ValidateAgent2E2E, JunitAndSarifCarryAgent2sRejection) {
  TempDir dir;
  const std::string path = dir.write("appspec.yml", kTimeoutWords);
  Outcome junit = run_cdrun({"validate", "--format", "junit", "--agent-version", "2", path});
  EXPECT_EQ(junit.exit_code, 1);
  EXPECT_NE(junit.out.find("classname=\"cdrun.CD110\""), std::string::npos) << junit.out;
  EXPECT_NE(junit.out.find("<failure"), std::string::npos) << junit.out;
  Outcome sarif = run_cdrun({"validate", "--format", "sarif", path});
  EXPECT_EQ(sarif.exit_code, 1);
  const nlohmann::json log = nlohmann::json::parse(sarif.out);
  std::vector<std::string> rules;
  for (const auto& result : log["runs"][0]["results"]) rules.push_back(result["ruleId"]);
  EXPECT_NE(std::find(rules.begin(), rules.end(), "CD111"), rules.end()) << sarif.out;
}

TEST(ValidateAgent2E2E, UnknownAgentVersionIsAUsageError) {
  TempDir dir;
  const std::string path = dir.write("appspec.yml", kHead);
  Outcome run = run_cdrun({"validate", "--agent-version", "3", path});
  EXPECT_EQ(run.exit_code, 2);
}

}  // namespace
}  // namespace cdrun::e2e
