#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "runner/report/report.h"

namespace cdrun {
namespace {

using nlohmann::json;

std::string json_text(const Report& report) {
  std::ostringstream out;
  write_json(out, report);
  return out.str();
}

TEST(ReportJson, ShapeAndTypes) {
  Report report;
  report.target = "app/appspec.yml";
  report.platform = "server";
  report.agents = {AgentReport{false, std::string("bad hook"), false, "linux", ""}};
  report.diagnostics.push_back(
      make_diagnostic(Severity::error, "CD101", "unknown key 'hookz'", "app/appspec.yml", {3, 1}, "use hooks"));
  report.diagnostics.push_back(make_diagnostic(Severity::note, "CD102", "no files section", "app/appspec.yml", {}));

  const std::string text = json_text(report);
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  EXPECT_NE(text.substr(text.size() - 2), "\n\n");
  EXPECT_EQ(text.rfind("{\n  \"target\": \"app/appspec.yml\",\n", 0), 0u) << "2-space indent, target first";

  const json parsed = json::parse(text);
  EXPECT_EQ(parsed.size(), 8u);  // issue 11 added "agents" beside "agent"
  EXPECT_EQ(parsed["target"], "app/appspec.yml");
  EXPECT_EQ(parsed["valid"], false);
  EXPECT_TRUE(parsed["valid"].is_boolean());
  EXPECT_EQ(parsed["platform"], "server");
  EXPECT_EQ(parsed["strict"], false);
  EXPECT_EQ(parsed["agent"], json::parse(R"({"os":"linux","accepts":false,"message":"bad hook","crash":false})"));
  EXPECT_EQ(parsed["agents"], json::array({parsed["agent"]}));

  ASSERT_EQ(parsed["diagnostics"].size(), 2u);
  // Sorted: line 0 (whole file) comes before line 3.
  EXPECT_EQ(parsed["diagnostics"][0], json::parse(R"({"severity":"note","code":"CD102",
      "message":"no files section","file":"app/appspec.yml","line":0,"column":0,"hint":""})"));
  const json& error = parsed["diagnostics"][1];
  EXPECT_EQ(error["severity"], "error");
  EXPECT_TRUE(error["line"].is_number_integer());
  EXPECT_EQ(error["line"], 3);
  EXPECT_EQ(error["column"], 1);
  EXPECT_EQ(error["hint"], "use hooks");
  EXPECT_EQ(parsed["summary"], json::parse(R"({"errors":1,"warnings":0,"notes":1})"));
}

TEST(ReportJson, AgentKeyAbsentWithoutAgentAndNullMessage) {
  Report report;
  report.target = "t";
  report.platform = "ecs";
  json parsed = json::parse(json_text(report));
  EXPECT_FALSE(parsed.contains("agent"));
  EXPECT_EQ(parsed["valid"], true);
  EXPECT_TRUE(parsed["diagnostics"].is_array());
  EXPECT_TRUE(parsed["diagnostics"].empty());

  report.agents = {AgentReport{false, std::nullopt, true, "windows", ""}};
  parsed = json::parse(json_text(report));
  EXPECT_TRUE(parsed["agent"]["message"].is_null());
  EXPECT_EQ(parsed["agent"]["crash"], true);
  EXPECT_EQ(parsed["agent"]["os"], "windows");
}

TEST(ReportJson, StrictWarningMakesInvalid) {
  Report report;
  report.target = "t";
  report.strict = true;
  report.diagnostics.push_back(make_diagnostic(Severity::warning, "W", "w", "f", {1, 2}));
  const json parsed = json::parse(json_text(report));
  EXPECT_EQ(parsed["strict"], true);
  EXPECT_EQ(parsed["valid"], false);
  EXPECT_EQ(parsed["summary"]["warnings"], 1);
}

TEST(ReportJson, InvalidUtf8IsReplacedNotThrown) {
  Report report;
  report.target = "t\xFF";
  report.diagnostics.push_back(make_diagnostic(Severity::error, "E", "key 'a\xC3'", "f", {1, 1}));
  std::string text;
  ASSERT_NO_THROW(text = json_text(report));
  const json parsed = json::parse(text);
  EXPECT_EQ(parsed["target"], "t\xEF\xBF\xBD");                     // U+FFFD
  EXPECT_EQ(parsed["diagnostics"][0]["message"], "key 'a\xEF\xBF\xBD'");
}

}  // namespace
}  // namespace cdrun
