#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "runner/report/report.h"

namespace cdrun {
namespace {

using nlohmann::json;

json sarif_of(const Report& report) {
  std::ostringstream out;
  write_sarif(out, report);
  return json::parse(out.str());
}

Report sample_report() {
  Report report;
  report.target = "appspec.yml";
  report.diagnostics.push_back(
      make_diagnostic(Severity::error, "CD101", "unknown key 'hookz'", "appspec.yml", {3, 1}, "use hooks"));
  report.diagnostics.push_back(make_diagnostic(Severity::error, "CD101", "unknown key 'filez'", "appspec.yml", {7, 1}));
  report.diagnostics.push_back(make_diagnostic(Severity::warning, "CD205", "no files", "appspec.yml", {0, 0}));
  report.diagnostics.push_back(make_diagnostic(Severity::note, "CD300", "runs as root", "scripts/my start.sh", {2, 0}));
  return report;
}

TEST(ReportSarif, TopLevelAndDriver) {
  const json sarif = sarif_of(sample_report());
  EXPECT_EQ(sarif["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(sarif["version"], "2.1.0");
  ASSERT_EQ(sarif["runs"].size(), 1u);
  const json& driver = sarif["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["name"], "cdrun");
  EXPECT_FALSE(driver.contains("informationUri"));  // no project home page to point at yet
  EXPECT_EQ(driver["version"], "0.1.0");
}

TEST(ReportSarif, OneRulePerDistinctCodeWithTheRulesOwnDescription) {
  const json rules = sarif_of(sample_report())["runs"][0]["tool"]["driver"]["rules"];
  // Sorted by file then position: CD205 (line 0), CD101 (line 3), CD101 (line 7), then scripts/... CD300.
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0], json::parse(R"({"id":"CD205","shortDescription":{"text":"Traffic event that runs only with a load balancer"},
      "defaultConfiguration":{"level":"warning"}})"));
  EXPECT_EQ(rules[1]["id"], "CD101");
  EXPECT_EQ(rules[1]["shortDescription"]["text"], "The agent's appspec parser crashes with an internal Ruby error");
  EXPECT_EQ(rules[1]["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(rules[2]["id"], "CD300");
  EXPECT_EQ(rules[2]["shortDescription"]["text"], "CD300");  // a code cdrun does not define describes itself
  EXPECT_EQ(rules[2]["defaultConfiguration"]["level"], "note");
}

TEST(ReportSarif, ResultsCarryLevelMessageAndLocation) {
  const json results = sarif_of(sample_report())["runs"][0]["results"];
  ASSERT_EQ(results.size(), 4u);

  EXPECT_EQ(results[0]["ruleId"], "CD205");
  EXPECT_EQ(results[0]["level"], "warning");
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"],
            json::parse(R"({"artifactLocation":{"uri":"appspec.yml"}})"))
      << "line 0 has no region";

  EXPECT_EQ(results[1]["ruleId"], "CD101");
  EXPECT_EQ(results[1]["level"], "error");
  EXPECT_EQ(results[1]["message"]["text"], "unknown key 'hookz' \xE2\x80\x94 use hooks");
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["region"], json::parse(R"({"startLine":3,"startColumn":1})"));

  EXPECT_EQ(results[2]["message"]["text"], "unknown key 'filez'");

  EXPECT_EQ(results[3]["level"], "note");
  EXPECT_EQ(results[3]["locations"][0]["physicalLocation"],
            json::parse(R"({"artifactLocation":{"uri":"scripts/my%20start.sh"},"region":{"startLine":2}})"));
}

TEST(ReportSarif, UrisUseForwardSlashesAndEscapeUnsafeCharacters) {
  Report report;
  report.diagnostics.push_back(make_diagnostic(Severity::error, "E", "m", ".\\dir\\a#b?c%d:e.yml", {1, 1}));
  report.diagnostics.push_back(make_diagnostic(Severity::error, "E", "m", "bundle.zip!scripts/\xC3\xA9.sh", {1, 1}));
  const json results = sarif_of(report)["runs"][0]["results"];
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "dir/a%23b%3Fc%25d%3Ae.yml");
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "bundle.zip!scripts/%C3%A9.sh");
}

TEST(ReportSarif, InvalidUtf8DoesNotThrow) {
  Report report;
  report.diagnostics.push_back(make_diagnostic(Severity::error, "E", "bad \xFF byte", "f", {1, 1}));
  std::ostringstream out;
  ASSERT_NO_THROW(write_sarif(out, report));
  EXPECT_EQ(json::parse(out.str())["runs"][0]["results"][0]["message"]["text"], "bad \xEF\xBF\xBD byte");
}

TEST(ReportSarif, EmptyReportHasEmptyRulesAndResults) {
  Report report;
  const json run = sarif_of(report)["runs"][0];
  EXPECT_TRUE(run["results"].is_array());
  EXPECT_TRUE(run["results"].empty());
  EXPECT_TRUE(run["tool"]["driver"]["rules"].is_array());
  EXPECT_TRUE(run["tool"]["driver"]["rules"].empty());
}

}  // namespace
}  // namespace cdrun
