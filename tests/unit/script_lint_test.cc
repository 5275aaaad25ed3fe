// lint_script: every rule with its code, line and column (columns counted by hand).
#include <gtest/gtest.h>

#include "appspec/bundle/bundle_checks.h"
#include "bundle_test_support.h"

namespace cdrun {
namespace {

using bundle_test::contains;
using bundle_test::with_code;

Diagnostics lint(const std::string& text, unsigned mode = 0755) {
  return lint_script(text, "b/s.sh", mode, true);
}

// The one diagnostic with `code`, checked for severity and position; an empty one (after a
// recorded failure) when there is not exactly one, so callers can keep reading it safely.
Diagnostic expect_single(const Diagnostics& all, const std::string& code, Severity severity, int line, int column) {
  const Diagnostics found = with_code(all, code);
  EXPECT_EQ(found.size(), 1u) << code;
  if (found.size() != 1) return {};
  EXPECT_EQ(found[0].severity, severity);
  EXPECT_EQ(found[0].position.line, line);
  EXPECT_EQ(found[0].position.column, column);
  EXPECT_EQ(found[0].file, "b/s.sh");
  return found[0];
}

TEST(ScriptLint, CleanBashScriptHasNoFindings) {
  EXPECT_TRUE(lint("#!/bin/bash\nset -e\nsystemctl restart app\n").empty());
  EXPECT_TRUE(lint("#!/usr/bin/env bash\necho ok\n").empty());
  EXPECT_TRUE(lint("#! /bin/sh\necho ok\n").empty());
}

TEST(ScriptLint, ByteOrderMarkIsAnErrorAtTheStart) {
  const Diagnostics all = lint("\xEF\xBB\xBF#!/bin/bash\necho hi\n");
  EXPECT_EQ(all.size(), 1u);
  expect_single(all, "CD350", Severity::error, 1, 1);
  EXPECT_TRUE(with_code(all, "CD352").empty());  // the #! after the BOM is not "missing"
}

TEST(ScriptLint, CrlfOnTheShebangLineNamesBadInterpreter) {
  const Diagnostics all = lint("#!/bin/bash\r\necho hi\r\n");
  EXPECT_EQ(all.size(), 1u);
  const Diagnostic d = expect_single(all, "CD351", Severity::error, 1, 12);
  EXPECT_TRUE(contains(d.message, "/bin/bash^M: bad interpreter"));
}

TEST(ScriptLint, CrlfLaterIsCommandNotFound) {
  const Diagnostics all = lint("#!/bin/sh\necho hi\r\n");
  EXPECT_EQ(all.size(), 1u);
  const Diagnostic d = expect_single(all, "CD351", Severity::error, 2, 8);
  EXPECT_TRUE(contains(d.message, "$'\\r': command not found"));
}

TEST(ScriptLint, CrlfAfterEnvNamesTheProgram) {
  const Diagnostics all = lint("#!/usr/bin/env python3\r\nprint(1)\r\n");
  EXPECT_EQ(all.size(), 1u);
  const Diagnostic d = expect_single(all, "CD351", Severity::error, 1, 23);
  EXPECT_TRUE(contains(d.message, "/usr/bin/env: 'python3\\r'"));
}

TEST(ScriptLint, CrlfInTheBodyOfAPythonScriptIsHarmless) {
  EXPECT_TRUE(lint("#!/usr/bin/env python3\nprint(1)\r\n").empty());
}

TEST(ScriptLint, MissingShebangIsAWarning) {
  const Diagnostics all = lint("echo hi\n");
  EXPECT_EQ(all.size(), 1u);
  const Diagnostic d = expect_single(all, "CD352", Severity::warning, 1, 1);
  EXPECT_TRUE(contains(d.message, "/bin/sh"));
}

TEST(ScriptLint, MisspelledInterpreterSuggestsTheRightOne) {
  const Diagnostics all = lint("#!/bin/bahs\necho hi\n");
  EXPECT_EQ(all.size(), 1u);
  const Diagnostic d = expect_single(all, "CD353", Severity::warning, 1, 3);
  EXPECT_TRUE(contains(d.hint, "#!/bin/bash"));
}

TEST(ScriptLint, UnknownProgramAfterEnvIsPointedAt) {
  const Diagnostics all = lint("#!/usr/bin/env bsah\necho hi\n");
  EXPECT_EQ(all.size(), 1u);
  const Diagnostic d = expect_single(all, "CD353", Severity::warning, 1, 16);
  EXPECT_TRUE(contains(d.hint, "#!/usr/bin/env bash"));
}

TEST(ScriptLint, EnvWithoutProgramAndEmptyShebangAreImplausible) {
  expect_single(lint("#!/usr/bin/env\necho\n"), "CD353", Severity::warning, 1, 3);
  expect_single(lint("#!\necho\n"), "CD353", Severity::warning, 1, 1);
}

TEST(ScriptLint, EnvOptionsAndVersionedPythonArePlausible) {
  EXPECT_TRUE(lint("#!/usr/bin/env -S bash -e\necho\n").empty());
  EXPECT_TRUE(lint("#!/usr/bin/python3.11\nprint(1)\n").empty());
}

TEST(ScriptLint, RelativeInterpreterIsAWarning) {
  const Diagnostics all = lint("#!bash\necho hi\n");
  EXPECT_EQ(all.size(), 1u);
  const Diagnostic d = expect_single(all, "CD354", Severity::warning, 1, 3);
  EXPECT_TRUE(with_code(all, "CD353").empty());
}

TEST(ScriptLint, BackgroundJobHoldingThePipesIsTheAgentHang) {
  const Diagnostics all = lint("#!/bin/bash\nsleep 100 &\nexit 0\n");
  EXPECT_EQ(all.size(), 1u);
  const Diagnostic d = expect_single(all, "CD355", Severity::warning, 2, 11);
  EXPECT_TRUE(contains(d.message, "failed to close STDOUT"));
  EXPECT_TRUE(contains(d.hint, "2>&1 < /dev/null &"));
}

TEST(ScriptLint, NohupWithoutRedirectsStillHolds) {
  const Diagnostics all = lint("#!/bin/sh\nnohup ./server &\n");
  EXPECT_EQ(all.size(), 1u);
  const Diagnostic d = expect_single(all, "CD355", Severity::warning, 2, 16);
  EXPECT_TRUE(contains(d.message, "nohup"));
}

TEST(ScriptLint, FullyRedirectedBackgroundJobsAreFine) {
  EXPECT_TRUE(lint("#!/bin/bash\n./server > /var/log/s.log 2>&1 < /dev/null &\n").empty());
  EXPECT_TRUE(lint("#!/bin/bash\n./server &> /dev/null &\n").empty());
  EXPECT_TRUE(lint("#!/bin/bash\n./server >& /dev/null &\n").empty());
  EXPECT_TRUE(lint("#!/bin/bash\n./server >/dev/null 2>/dev/null&\n").empty());
  EXPECT_TRUE(lint("#!/bin/bash\n{ ./server; } > log 2>&1 &\n").empty());
  EXPECT_TRUE(lint("#!/bin/bash\nsystemd-run --unit app ./server &\n").empty());
}

TEST(ScriptLint, HalfRedirectedJobsNameTheOpenStream) {
  // 2>&1 before > sends stderr to the old stdout: the agent's pipe.
  const Diagnostic d = expect_single(lint("#!/bin/bash\n./s 2>&1 > log &\n"), "CD355", Severity::warning, 2, 16);
  EXPECT_TRUE(contains(d.message, "failed to close STDERR"));
  expect_single(lint("#!/bin/bash\n./s > log &\n"), "CD355", Severity::warning, 2, 11);
  expect_single(lint("#!/bin/bash\n./s | tee log &\n"), "CD355", Severity::warning, 2, 15);
}

TEST(ScriptLint, SubshellsAndListsHoldThePipesThemselves) {
  expect_single(lint("#!/bin/bash\n( ./s > log 2>&1 ) &\n"), "CD355", Severity::warning, 2, 20);
  const Diagnostics all = lint("#!/bin/bash\ncd /app && ./s > log 2>&1 &\n");
  EXPECT_EQ(all.size(), 1u);
  const Diagnostic d = expect_single(all, "CD355", Severity::warning, 2, 27);
  EXPECT_TRUE(contains(d.message, "\"cd /app && ./s\""));
  EXPECT_TRUE(contains(d.message, "subshell"));
  EXPECT_TRUE(contains(d.hint, "{ cd /app && ./s; } > /var/log/app.log 2>&1 < /dev/null &"));
}

TEST(ScriptLint, AmpersandsThatAreNotBackgroundJobsAreIgnored) {
  EXPECT_TRUE(lint("#!/bin/bash\necho 'a & b' \"c & d\" a\\&b\n").empty());
  EXPECT_TRUE(lint("#!/bin/bash\necho hi # runs later &\n").empty());
  EXPECT_TRUE(lint("#!/bin/bash\ntrue && echo ok || echo no\n").empty());
  EXPECT_TRUE(lint("#!/bin/bash\nx=$((6 & 3)); (( y = x & 1 ))\n").empty());
  EXPECT_TRUE(lint("#!/bin/bash\necho ${v//&/and} \"$(echo \"a & b\")\"\n").empty());
  EXPECT_TRUE(lint("#!/bin/bash\nls 2>&1 | grep x >&2\n").empty());
  EXPECT_TRUE(lint("#!/bin/bash\ncat <<EOF\nstart &\nEOF\ncat <<-'X'\n\tstop &\n\tX\n").empty());
}

TEST(ScriptLint, ExecRedirectAndWaitSettleBackgroundJobs) {
  EXPECT_TRUE(lint("#!/bin/bash\nexec > /var/log/deploy.log 2>&1\nsleep 100 &\n").empty());
  EXPECT_TRUE(lint("#!/bin/bash\nsleep 1 &\nsleep 2 &\nwait\n").empty());
}

TEST(ScriptLint, AmpersandInAnUnquotedUrlIsABackgroundJob) {
  expect_single(lint("#!/bin/sh\ncurl http://h/?a=1&b=2\n"), "CD355", Severity::warning, 2, 19);
}

TEST(ScriptLint, ColumnsCountCharactersNotBytes) {
  expect_single(lint("#!/bin/sh\necho \xC3\xA9 &\n"), "CD355", Severity::warning, 2, 8);
}

TEST(ScriptLint, ShellRulesSkipOtherLanguages) {
  EXPECT_TRUE(lint("#!/usr/bin/env python3\nx = 1 & 2\n").empty());
  EXPECT_TRUE(lint("#!/usr/bin/perl\nsystem('a') & 1;\n").empty());
}

TEST(ScriptLint, DeploymentGroupNameInADeploymentRootPath) {
  expect_single(lint("#!/bin/bash\ncd /opt/codedeploy-agent/deployment-root/$DEPLOYMENT_GROUP_NAME/$DEPLOYMENT_ID\n"),
                "CD356", Severity::warning, 2, 42);
  expect_single(lint("#!/bin/bash\nROOT=/opt/codedeploy-agent/deployment-root\ncd $ROOT/${DEPLOYMENT_GROUP_NAME}\n"),
                "CD356", Severity::warning, 3, 10);
  EXPECT_TRUE(lint("#!/bin/bash\necho \"$DEPLOYMENT_GROUP_NAME\"\n").empty());
  EXPECT_TRUE(lint("#!/bin/bash\ncd /opt/codedeploy-agent/deployment-root/$DEPLOYMENT_GROUP_ID\n").empty());
  EXPECT_TRUE(lint("#!/bin/bash\n# cd deployment-root/$DEPLOYMENT_GROUP_NAME\n").empty());
}

TEST(ScriptLint, BinaryFilesAreSkippedWithANote) {
  const Diagnostics d = lint(std::string("\x7f" "ELF\0\0\0 & \r\n", 11));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "CD357");
  EXPECT_EQ(d[0].severity, Severity::note);
}

// The agent runs chmod +x itself before running the script: a note, not a warning.
TEST(ScriptLint, NotExecutableIsANoteWithGitHint) {
  const Diagnostics d = lint_script("#!/bin/sh\necho\n", "bundle.zip!scripts/start.sh", 0644, true);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "CD358");
  EXPECT_EQ(d[0].severity, Severity::note);
  EXPECT_EQ(d[0].position.line, 0);
  EXPECT_TRUE(contains(d[0].message, "0644"));
  EXPECT_TRUE(contains(d[0].hint, "git update-index --chmod=+x scripts/start.sh"));
  EXPECT_TRUE(lint_script("#!/bin/sh\necho\n", "s.sh", 0644, false).empty());
  EXPECT_TRUE(lint_script("#!/bin/sh\necho\n", "s.sh", 0700, true).empty());
}

TEST(ScriptLint, HostileInputNeitherCrashesNorHangs) {
  std::string nested;
  for (int i = 0; i < 100000; ++i) nested += "$(";
  EXPECT_NO_THROW(lint("#!/bin/bash\n" + nested));
  EXPECT_NO_THROW(lint("#!/bin/bash\necho \"unterminated & \n'x &"));
  EXPECT_NO_THROW(lint("#!/bin/bash\ncat <<\n<<-\n)))) ((( & &&& |& ;;& 99999999999>x &\n"));
  EXPECT_NO_THROW(lint(std::string(1 << 20, '&')));
}

}  // namespace
}  // namespace cdrun
