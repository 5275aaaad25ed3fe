// End to end: the agent verdict (CD100-CD108) as `cdrun validate` reports it.
#include <gtest/gtest.h>

#include "validate_json.h"

namespace cdrun::e2e {
namespace {

void expect_one(const nlohmann::json& report, const std::string& code, int line, int column, const std::string& message) {
  auto found = with_code(report, code);
  ASSERT_EQ(found.size(), 1u) << report.dump(2);
  EXPECT_EQ(found[0]["line"], line) << found[0].dump();
  EXPECT_EQ(found[0]["column"], column) << found[0].dump();
  EXPECT_EQ(found[0]["message"], message) << found[0].dump();
}

TEST(ValidateAgentE2E, AcceptedAppSpecIsValidAndSaysSo) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, "version: 0.0\nos: linux\n");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.report["valid"], true);
  EXPECT_EQ(run.report["platform"], "server");
  EXPECT_EQ(run.report["agent"]["accepts"], true);
  EXPECT_TRUE(run.report["agent"]["message"].is_null());
  EXPECT_EQ(run.report["agent"]["crash"], false);
}

TEST(ValidateAgentE2E, CD100RejectionCarriesTheAgentsExactMessage) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, "version: 1.0\nos: linux\n");
  EXPECT_EQ(run.exit_code, 1);
  const std::string message =
      "The deployment failed because an invalid version value (1.0) was entered in the application specification "
      "file. Make sure your AppSpec file specifies \"0.0\" as the version, and then try again.";
  EXPECT_EQ(run.report["agent"]["message"], message);
  expect_one(run.report, "CD100", 1, 10, message);
}

TEST(ValidateAgentE2E, CD101CrashIsExplainedInCdrunsWords) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, "version: 0.0\nos: linux\nhooks:\n  ApplicationStart:\n    - a.sh\n");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.report["agent"]["crash"], true);
  EXPECT_TRUE(run.report["agent"]["message"].is_null());
  expect_one(run.report, "CD101", 5, 7,
             "the agent's parser crashes with NoMethodError: each script of ApplicationStart must be a mapping such as "
             "{location: scripts/start.sh}");
}

TEST(ValidateAgentE2E, CD102SyntaxErrorPointsAtTheProblem) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, "version: 0.0\nos: linux\nhooks:\n  ApplicationStart:\n  \t- location: a.sh\n");
  EXPECT_EQ(run.exit_code, 1);
  expect_one(run.report, "CD102", 5, 3,
             "(<unknown>): found character that cannot start any token while scanning for the next token at line 5 column 3");
}

TEST(ValidateAgentE2E, CD103AliasesDependOnTheAgentsRuby) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, "version: 0.0\nos: linux\nx: &a 1\ny: *a\n");
  expect_one(run.report, "CD103", 4, 4, "Unknown alias: a");
  EXPECT_NE(with_code(run.report, "CD103")[0]["hint"].get<std::string>().find("Ruby version"), std::string::npos);
}

TEST(ValidateAgentE2E, CD104DatesAreRefused) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, "version: 0.0\nos: linux\nreleased: 2026-11-22\n");
  expect_one(run.report, "CD104", 3, 11, "Tried to load unspecified class: Date");
}

TEST(ValidateAgentE2E, CD106ByteOrderMarkDropsLaterKeys) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, "\xEF\xBB\xBFversion: 0.0\nos: linux\nhooks: {}\n");
  EXPECT_EQ(run.exit_code, 1);
  expect_one(run.report, "CD106", 1, 1, "UTF-8 byte order mark: the agent's parser drops hooks, os");
}

// AWS's own SampleApp_Windows appspec has CRLF line endings and deploys: a note, so --strict passes.
TEST(ValidateAgentE2E, CD107CrlfIsANote) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, "version: 0.0\r\nos: linux\r\n", {"--strict"});
  EXPECT_EQ(run.exit_code, 0);
  expect_one(run.report, "CD107", 1, 1, "CRLF line endings");
  EXPECT_EQ(run.report["diagnostics"][0]["severity"], "note");
}

TEST(ValidateAgentE2E, CD108SecondDocumentIsIgnored) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, "version: 0.0\nos: linux\n---\nhooks: {}\n");
  expect_one(run.report, "CD108", 3, 1, "text after the first YAML document is ignored");
}

TEST(ValidateAgentE2E, AgentOsDefaultsToTheAppSpecsOs) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, "version: 0.0\nos: windows\n");
  EXPECT_EQ(run.report["agent"]["os"], "windows");
  EXPECT_EQ(run.report["agent"]["accepts"], true);
  JsonRun linux = validate_appspec_text(dir, "version: 0.0\nos: windows\n", {"--agent-os", "linux"});
  EXPECT_EQ(linux.report["agent"]["accepts"], false);
}

TEST(ValidateAgentE2E, HostileInputNeverCrashesCdrun) {
  TempDir dir;
  std::string deep(100000, '[');
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>(i * 37 % 256);
  for (const std::string& text : {deep, binary, std::string("\xff\xfe\x00\x01", 4), std::string(1 << 20, 'a')}) {
    JsonRun run = validate_appspec_text(dir, text);
    EXPECT_EQ(run.exit_code, 1) << run.stderr_text;
    EXPECT_TRUE(run.report.is_object());
  }
}

TEST(ValidateAgentE2E, MissingPathIsAUsageError) {
  Outcome run = run_cdrun({"validate", "/nonexistent/cdrun/bundle"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("cannot read /nonexistent/cdrun/bundle"), std::string::npos);
}

}  // namespace
}  // namespace cdrun::e2e
