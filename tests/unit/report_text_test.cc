#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "runner/report/report.h"

namespace cdrun {
namespace {

std::string text_of(const Report& report, bool color = false) {
  std::ostringstream out;
  write_text(out, report, TextStyle{color});
  return out.str();
}

Report one_error_report() {
  Report report;
  report.target = "appspec.yml";
  report.platform = "server";
  report.diagnostics.push_back(make_diagnostic(Severity::error, "CD101", "unknown key 'hookz'", "appspec.yml",
                                               {3, 1}, "did you mean 'hooks'?"));
  report.sources["appspec.yml"] = "version: 0.0\nos: linux\nhookz:\n";
  return report;
}

TEST(ReportValid, ErrorsAlwaysFailWarningsOnlyUnderStrictNotesNever) {
  Report report;
  report.diagnostics.push_back(make_diagnostic(Severity::note, "CD900", "n", "a", {1, 1}));
  EXPECT_TRUE(report.valid());
  report.strict = true;
  EXPECT_TRUE(report.valid());
  report.diagnostics.push_back(make_diagnostic(Severity::warning, "CD901", "w", "a", {2, 1}));
  EXPECT_FALSE(report.valid());
  report.strict = false;
  EXPECT_TRUE(report.valid());
  report.diagnostics.push_back(make_diagnostic(Severity::error, "CD902", "e", "a", {3, 1}));
  EXPECT_FALSE(report.valid());
}

TEST(ReportText, ShowsHeadingSourceCaretHintAndSummary) {
  EXPECT_EQ(text_of(one_error_report()),
            "appspec.yml:3:1: error: unknown key 'hookz' [CD101]\n"
            "hookz:\n"
            "^\n"
            "  hint: did you mean 'hooks'?\n"
            "appspec.yml: invalid (1 error, 0 warnings, 0 notes)\n");
}

TEST(ReportText, CaretKeepsTabsAndCountsUtf8Characters) {
  Report report;
  report.target = "t";
  // Column 5 is 'x': tab, 'é' (2 bytes), '→' (3 bytes), space, then 'x'.
  report.diagnostics.push_back(make_diagnostic(Severity::warning, "CD200", "bad", "f.yml", {1, 5}));
  report.sources["f.yml"] = "\t\xC3\xA9\xE2\x86\x92 x\r\n";
  EXPECT_EQ(text_of(report),
            "f.yml:1:5: warning: bad [CD200]\n"
            "\t\xC3\xA9\xE2\x86\x92 x\n"
            "\t   ^\n"
            "t: valid (0 errors, 1 warning, 0 notes)\n");
}

TEST(ReportText, MissingSourceOrMissingLineShowsOnlyTheHeading) {
  Report report;
  report.target = "t";
  report.diagnostics.push_back(make_diagnostic(Severity::note, "CD300", "unseen", "other.yml", {1, 1}));
  report.diagnostics.push_back(make_diagnostic(Severity::note, "CD301", "past end", "f.yml", {9, 1}));
  report.sources["f.yml"] = "a\nb\n";
  EXPECT_EQ(text_of(report),
            "f.yml:9:1: note: past end [CD301]\n"
            "other.yml:1:1: note: unseen [CD300]\n"
            "t: valid (0 errors, 0 warnings, 2 notes)\n");
}

TEST(ReportText, LineZeroDropsPositionAndColumnZeroDropsCaret) {
  Report report;
  report.target = "bundle.zip";
  report.diagnostics.push_back(make_diagnostic(Severity::error, "CD400", "no appspec", "bundle.zip", {0, 0}));
  report.diagnostics.push_back(make_diagnostic(Severity::error, "CD401", "whole line", "a.yml", {2, 0}));
  report.sources["bundle.zip"] = "PK";
  report.sources["a.yml"] = "one\ntwo\n";
  EXPECT_EQ(text_of(report),
            "a.yml:2: error: whole line [CD401]\n"
            "two\n"
            "bundle.zip: error: no appspec [CD400]\n"
            "bundle.zip: invalid (2 errors, 0 warnings, 0 notes)\n");
}

TEST(ReportText, ColorWrapsLocationSeverityAndCaret) {
  EXPECT_EQ(text_of(one_error_report(), true),
            "\x1b[1mappspec.yml:3:1\x1b[0m: \x1b[1;31merror\x1b[0m: unknown key 'hookz' [CD101]\n"
            "hookz:\n"
            "\x1b[1;32m^\x1b[0m\n"
            "  hint: did you mean 'hooks'?\n"
            "appspec.yml: invalid (1 error, 0 warnings, 0 notes)\n");
}

TEST(ReportText, WarningAndNoteColors) {
  Report report;
  report.target = "t";
  report.diagnostics.push_back(make_diagnostic(Severity::warning, "W1", "w", "a", {1, 0}));
  report.diagnostics.push_back(make_diagnostic(Severity::note, "N1", "n", "a", {2, 0}));
  EXPECT_EQ(text_of(report, true),
            "\x1b[1ma:1\x1b[0m: \x1b[1;35mwarning\x1b[0m: w [W1]\n"
            "\x1b[1ma:2\x1b[0m: \x1b[1;36mnote\x1b[0m: n [N1]\n"
            "t: valid (0 errors, 1 warning, 1 note)\n");
}

TEST(ReportText, StrictTurnsWarningsIntoInvalid) {
  Report report;
  report.target = "t";
  report.strict = true;
  report.diagnostics.push_back(make_diagnostic(Severity::warning, "W1", "w", "a", {0, 0}));
  EXPECT_EQ(text_of(report), "a: warning: w [W1]\nt: invalid (0 errors, 1 warning, 0 notes)\n");
}

TEST(ReportText, ControlBytesInSourceAreReplacedOneForOne) {
  Report report;
  report.target = "t";
  report.diagnostics.push_back(make_diagnostic(Severity::error, "E1", "e", "a", {1, 6}));
  // ESC, a C1 CSI (U+009B as UTF-8) and a stray 0xFF byte each become one '?'.
  report.sources["a"] = std::string("k: \x1b[31m\xC2\x9B\xFFz");
  EXPECT_EQ(text_of(report),
            "a:1:6: error: e [E1]\n"
            "k: ?[31m??z\n"
            "     ^\n"
            "t: invalid (1 error, 0 warnings, 0 notes)\n");
}

TEST(ReportText, LongLinesAreClippedAroundTheColumn) {
  Report report;
  report.target = "t";
  report.diagnostics.push_back(make_diagnostic(Severity::error, "E1", "e", "a", {1, 251}));
  // 250 'a', then 'X' at column 251, then 49 'b': 300 characters in all.
  report.sources["a"] = std::string(250, 'a') + "X" + std::string(49, 'b');
  // The window holds 160 characters ending at the end of the line (characters 141..300).
  const std::string shown = "..." + std::string(110, 'a') + "X" + std::string(49, 'b') + "\n";
  const std::string caret = std::string(3 + 110, ' ') + "^\n";
  EXPECT_EQ(text_of(report), "a:1:251: error: e [E1]\n" + shown + caret + "t: invalid (1 error, 0 warnings, 0 notes)\n");
}

TEST(ReportText, LongLineClippedOnBothSides) {
  Report report;
  report.target = "t";
  report.diagnostics.push_back(make_diagnostic(Severity::error, "E1", "e", "a", {1, 101}));
  report.sources["a"] = std::string(100, 'a') + "X" + std::string(199, 'b');
  // 80 characters before the column, then 80 from it: "a"x80, "X", "b"x79.
  const std::string shown = "..." + std::string(80, 'a') + "X" + std::string(79, 'b') + "...\n";
  const std::string caret = std::string(3 + 80, ' ') + "^\n";
  EXPECT_EQ(text_of(report), "a:1:101: error: e [E1]\n" + shown + caret + "t: invalid (1 error, 0 warnings, 0 notes)\n");
}

TEST(ReportText, AgentVerdictLine) {
  Report report;
  report.target = "appspec.yml";
  report.agents = {AgentReport{true, std::nullopt, false, "linux", ""}};
  EXPECT_EQ(text_of(report), "appspec.yml: valid (0 errors, 0 warnings, 0 notes)\nagent linux: accepts\n");
  report.agents = {AgentReport{false, std::string("The deployment failed because a bad hook."), false, "windows", ""}};
  EXPECT_EQ(text_of(report),
            "appspec.yml: valid (0 errors, 0 warnings, 0 notes)\n"
            "agent windows: rejects: The deployment failed because a bad hook.\n");
  report.agents = {AgentReport{false, std::nullopt, true, "linux", ""}};
  EXPECT_EQ(text_of(report),
            "appspec.yml: valid (0 errors, 0 warnings, 0 notes)\nagent linux: crashes (internal Ruby error)\n");
}

}  // namespace
}  // namespace cdrun
