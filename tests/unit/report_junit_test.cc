#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <stdlib.h>

#include <gtest/gtest.h>

#include "runner/report/report.h"

namespace cdrun {
namespace {

namespace fs = std::filesystem;

std::string junit_of(const Report& report) {
  std::ostringstream out;
  write_junit(out, report);
  return out.str();
}

TEST(ReportJunit, ValidReportHasOnePassingCase) {
  Report report;
  report.target = "appspec.yml";
  EXPECT_EQ(junit_of(report),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"cdrun validate\" tests=\"1\" failures=\"0\" errors=\"0\">\n"
            "  <testsuite name=\"appspec.yml\" tests=\"1\" failures=\"0\" errors=\"0\">\n"
            "    <testcase classname=\"cdrun.validate\" name=\"appspec.yml is valid\"/>\n"
            "  </testsuite>\n"
            "</testsuites>\n");
}

TEST(ReportJunit, ErrorsFailWarningsCarryTheirHintAsOutput) {
  Report report;
  report.target = "appspec.yml";
  report.diagnostics.push_back(
      make_diagnostic(Severity::error, "CD101", "unknown key", "appspec.yml", {3, 1}, "use hooks"));
  report.diagnostics.push_back(make_diagnostic(Severity::warning, "CD201", "odd mode", "appspec.yml", {5, 0}, "use 755"));
  report.diagnostics.push_back(make_diagnostic(Severity::note, "CD301", "fyi", "appspec.yml", {0, 0}));
  EXPECT_EQ(junit_of(report),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"cdrun validate\" tests=\"3\" failures=\"1\" errors=\"0\">\n"
            "  <testsuite name=\"appspec.yml\" tests=\"3\" failures=\"1\" errors=\"0\">\n"
            "    <testcase classname=\"cdrun.CD301\" name=\"appspec.yml fyi\"/>\n"
            "    <testcase classname=\"cdrun.CD101\" name=\"appspec.yml:3:1 unknown key\">\n"
            "      <failure message=\"unknown key\" type=\"error\">"
            "appspec.yml:3:1: error: unknown key [CD101]\nhint: use hooks</failure>\n"
            "    </testcase>\n"
            "    <testcase classname=\"cdrun.CD201\" name=\"appspec.yml:5 odd mode\">\n"
            "      <system-out>use 755</system-out>\n"
            "    </testcase>\n"
            "  </testsuite>\n"
            "</testsuites>\n");
}

TEST(ReportJunit, StrictMakesWarningsFailures) {
  Report report;
  report.target = "t";
  report.strict = true;
  report.diagnostics.push_back(make_diagnostic(Severity::warning, "W1", "w", "f", {1, 1}));
  const std::string xml = junit_of(report);
  EXPECT_NE(xml.find("tests=\"1\" failures=\"1\""), std::string::npos);
  EXPECT_NE(xml.find("<failure message=\"w\" type=\"warning\">f:1:1: warning: w [W1]</failure>"), std::string::npos);
}

TEST(ReportJunit, EscapesMarkupAndDropsCharactersXmlCannotHold) {
  Report report;
  report.target = "a&b";
  // Markup characters, a BEL, an ESC, a stray 0xFF and a tab inside the message.
  report.diagnostics.push_back(
      make_diagnostic(Severity::error, "E1", "k <&>\"' \x07\x1b\xFFz\tend", "f", {0, 0}, "x\x01y"));
  const std::string xml = junit_of(report);
  EXPECT_NE(xml.find("<testsuite name=\"a&amp;b\""), std::string::npos);
  EXPECT_NE(xml.find("name=\"f k &lt;&amp;&gt;&quot;&apos; z&#9;end\""), std::string::npos);
  EXPECT_NE(xml.find(">f: error: k &lt;&amp;&gt;&quot;&apos; z\tend [E1]\nhint: xy</failure>"), std::string::npos);
  for (const char bad : {'\x07', '\x1b', '\xFF', '\x01'}) {
    EXPECT_EQ(xml.find(bad), std::string::npos) << static_cast<int>(static_cast<unsigned char>(bad));
  }
}

TEST(ReportJunit, OutputIsWellFormedXmlPerXmllint) {
  if (std::system("command -v xmllint >/dev/null 2>&1") != 0) GTEST_SKIP() << "xmllint not installed";
  Report report;
  report.target = "bundle <1>.zip";
  report.diagnostics.push_back(make_diagnostic(Severity::error, "E&1", "k <&>\"' \x07\x1b\xFF\xC3(\xEF\xBF\xBE end",
                                               "dir/\"q\".yml", {2, 3}, "fix ]]> this\r\n"));
  report.diagnostics.push_back(make_diagnostic(Severity::warning, "W<", "\xE2\x86\x92 ok", "f", {1, 1}, "<b>"));

  std::string pattern = (fs::temp_directory_path() / "cdrun_junit_XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  const fs::path dir = pattern;
  const fs::path file = dir / "report.xml";
  {
    std::ofstream out(file, std::ios::binary);
    write_junit(out, report);
  }
  const std::string command = "xmllint --noout '" + file.string() + "' 2>'" + (dir / "err.txt").string() + "'";
  const int status = std::system(command.c_str());
  std::ifstream err(dir / "err.txt");
  const std::string errors((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
  fs::remove_all(dir);
  EXPECT_EQ(status, 0) << errors;
}

}  // namespace
}  // namespace cdrun
