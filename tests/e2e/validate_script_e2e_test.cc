// End to end: the hook-script rules (CD350-CD358) on scripts inside real directory bundles.
// Columns are counted by hand from the script text; a script named twice is linted once.
#include <gtest/gtest.h>

#include "validate_bundle_expect.h"

namespace cdrun::e2e {
namespace {

const std::string kAppSpec = "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: scripts/hook.sh\n";

// A directory bundle whose AfterInstall hook is scripts/hook.sh holding `text`.
struct ScriptRun {
  TempDir dir;
  std::string script;  // how diagnostics name the script
  JsonRun run;
};

void run_script(ScriptRun& s, const std::string& text, unsigned mode = 0755, const std::string& appspec = kAppSpec) {
  s.dir.write("appspec.yml", appspec);
  s.script = s.dir.write("scripts/hook.sh", text, mode);
  s.run = validate_json(s.dir.path());
}

// `text` gives exactly one diagnostic with `code`, as expected, and the exit status follows.
void check_script(const std::string& text, const std::string& code, const std::string& severity, int line, int column,
                  const std::string& message, int exit_code) {
  ScriptRun s;
  run_script(s, text);
  EXPECT_EQ(with_code(s.run.report, code).size(), 1u) << s.run.report.dump(2);
  expect_diagnostic(s.run, {code, severity, s.script, line, column, message});
  EXPECT_EQ(s.run.exit_code, exit_code) << s.run.report.dump(2);
}

void check_clean(const std::string& text, const std::string& code) {
  ScriptRun s;
  run_script(s, text);
  EXPECT_TRUE(with_code(s.run.report, code).empty()) << text << "\n" << s.run.report.dump(2);
}

const std::string kHangs =
    " open; the agent waits for every holder to close them, so the hook hangs until its timeout and fails with ";

TEST(ValidateScriptE2E, CD350ByteOrderMark) {
  check_script("\xEF\xBB\xBF#!/bin/bash\necho hi\n", "CD350", "error", 1, 1,
               "script starts with a UTF-8 byte order mark; the kernel does not see \"#!\" and the hook fails "
               "(\"command not found\" or \"Exec format error\")",
               1);
  check_clean("\xEF\xBB\xBF#!/bin/bash\necho hi\n", "CD352");  // the "#!" after the BOM is still seen
}

TEST(ValidateScriptE2E, CD351CrlfOnTheShebangLine) {
  check_script("#!/bin/bash\r\necho hi\r\n", "CD351", "error", 1, 12,
               "script has Windows (CRLF) line endings; the hook fails with \"/bin/bash^M: bad interpreter\"", 1);
  check_script("#!/usr/bin/env bash\r\necho hi\r\n", "CD351", "error", 1, 20,
               "script has Windows (CRLF) line endings; the hook fails with \"/usr/bin/env: 'bash\\r': No such file or "
               "directory\"",
               1);
  check_script("#!/usr/bin/python3\r\nprint('hi')\r\n", "CD351", "error", 1, 19,
               "script has Windows (CRLF) line endings; the hook fails with \"/usr/bin/python3^M: bad interpreter\"", 1);
}

TEST(ValidateScriptE2E, CD351CrlfAfterTheFirstLine) {
  check_script("#!/bin/bash\necho hi\r\n", "CD351", "error", 2, 8,
               "script has Windows (CRLF) line endings; the shell fails with \"$'\\r': command not found\"", 1);
  // Python does not mind a "\r" at the end of its lines; only the "#!" line matters to the kernel.
  check_clean("#!/usr/bin/python3\nprint('hi')\r\n", "CD351");
}

TEST(ValidateScriptE2E, CD352NoShebang) {
  check_script("echo hi\n", "CD352", "warning", 1, 1,
               "script has no \"#!\" line; the agent's Ruby spawn falls back to running it with /bin/sh", 0);
}

// The kernel honours "#!" only at the file's first byte. Below a blank line or a comment it is a
// comment: exec fails with ENOEXEC and Ruby's spawn runs the file with /bin/sh, whatever it names.
TEST(ValidateScriptE2E, CD352ShebangBelowTheFirstLineIsOnlyAComment) {
  const std::string why = " on line 2 is only a comment: the kernel reads \"#!\" at the first byte of the file alone, so "
                          "the agent's Ruby spawn falls back to running the script with /bin/sh";
  check_script("\n#!/bin/bash\necho hi\n", "CD352", "warning", 2, 1, "\"#!/bin/bash\"" + why, 0);
  check_script("# deploy hook\n  #!/usr/bin/env python3\nprint('hi')\n", "CD352", "warning", 2, 3,
               "\"#!/usr/bin/env python3\"" + why, 0);
  // After a command the comment block at the top is over: the script simply has no "#!" line.
  check_script("echo hi\n#!/bin/bash\n", "CD352", "warning", 1, 1,
               "script has no \"#!\" line; the agent's Ruby spawn falls back to running it with /bin/sh", 0);
}

TEST(ValidateScriptE2E, CD353UnknownInterpreterWithSuggestion) {
  ScriptRun s;
  run_script(s, "#!/bin/bahs\necho hi\n");
  expect_diagnostic(s.run, {"CD353", "warning", s.script, 1, 3,
                            "the \"#!\" line names \"bahs\", which is not a known script interpreter; if it does not "
                            "exist on the instance the hook fails with \"bad interpreter\""});
  ASSERT_EQ(with_code(s.run.report, "CD353").size(), 1u);
  EXPECT_EQ(with_code(s.run.report, "CD353")[0]["hint"], "did you mean #!/bin/bash?");
  EXPECT_EQ(s.run.exit_code, 0);

  ScriptRun env;
  run_script(env, "#!/usr/bin/env pyhton3\nprint(1)\n");
  expect_diagnostic(env.run, {"CD353", "warning", env.script, 1, 16,
                              "the \"#!\" line names \"pyhton3\", which is not a known script interpreter; if it does "
                              "not exist on the instance the hook fails with \"bad interpreter\""});
  ASSERT_EQ(with_code(env.run.report, "CD353").size(), 1u);
  EXPECT_EQ(with_code(env.run.report, "CD353")[0]["hint"], "did you mean #!/usr/bin/env python3?");
}

TEST(ValidateScriptE2E, CD353MissingInterpreter) {
  check_script("#!\necho hi\n", "CD353", "warning", 1, 1, "the \"#!\" line names no interpreter", 0);
  check_script("#!/usr/bin/env\necho hi\n", "CD353", "warning", 1, 3, "\"#!/usr/bin/env\" names no program to run", 0);
}

TEST(ValidateScriptE2E, CD354RelativeInterpreter) {
  check_script("#!bash\necho hi\n", "CD354", "warning", 1, 3,
               "the \"#!\" interpreter \"bash\" is a relative path; the kernel resolves it against the agent's working "
               "directory",
               0);
  check_clean("#!bash\necho hi\n", "CD353");  // bash is a known interpreter, only its path is wrong
}

TEST(ValidateScriptE2E, CD355BackgroundJobHoldingBothPipes) {
  check_script("#!/bin/bash\nsleep 100 &\n", "CD355", "warning", 2, 11,
               "background job \"sleep 100\" keeps the agent's stdout and stderr" + kHangs + "\"failed to close STDOUT\"", 0);
  check_script("#!/bin/bash\n( cd /opt/app && ./run.sh ) &\n", "CD355", "warning", 2, 29,
               "background job \"( ... )\" keeps the agent's stdout and stderr" + kHangs + "\"failed to close STDOUT\"", 0);
}

TEST(ValidateScriptE2E, CD355NohupWithOnlyStdoutRedirected) {
  check_script("#!/bin/bash\nnohup node server.js > /dev/null &\n", "CD355", "warning", 2, 34,
               "background job \"nohup node server.js\" keeps the agent's stderr" + kHangs +
                   "\"failed to close STDERR\" (nohup redirects output only when stdout is a terminal, which it is not "
                   "under the agent)",
               0);
}

TEST(ValidateScriptE2E, CD355BackgroundedAndList) {
  check_script("#!/bin/bash\nsystemctl daemon-reload && ./start.sh &\n", "CD355", "warning", 2, 39,
               "background job \"systemctl daemon-reload && ./start.sh\" keeps the agent's stdout and stderr" + kHangs +
                   "\"failed to close STDOUT\" (a backgrounded && / || list runs in a subshell that holds them)",
               0);
}

TEST(ValidateScriptE2E, CD355NotReportedWhenThePipesAreReleased) {
  check_clean("#!/bin/bash\nexec > /var/log/hook.log 2>&1\nsleep 100 &\n", "CD355");
  check_clean("#!/bin/bash\nsleep 100 &\nwait\n", "CD355");
  check_clean("#!/bin/bash\nsystemd-run sleep 100 &\n", "CD355");
  check_clean("#!/bin/bash\nsleep 100 > /dev/null 2>&1 < /dev/null &\n", "CD355");
  check_clean("#!/bin/bash\ntrue && echo ok\necho 'a & b'\n", "CD355");
}

TEST(ValidateScriptE2E, CD356DeploymentGroupNameInDeploymentRoot) {
  const std::string message =
      "DEPLOYMENT_GROUP_NAME used in a deployment-root path; the agent names that directory after the deployment "
      "group ID, not its name";
  check_script("#!/bin/bash\nrm -rf /opt/codedeploy-agent/deployment-root/$DEPLOYMENT_GROUP_NAME/old\n", "CD356",
               "warning", 2, 46, message, 0);
  check_script("#!/bin/bash\nROOT=/opt/codedeploy-agent/deployment-root\nls \"$ROOT/${DEPLOYMENT_GROUP_NAME}/\"\n",
               "CD356", "warning", 3, 11, message, 0);
  check_clean("#!/bin/bash\necho \"$DEPLOYMENT_GROUP_NAME\"\n", "CD356");
  check_clean("#!/bin/bash\n# see deployment-root/$DEPLOYMENT_GROUP_NAME\n", "CD356");
}

TEST(ValidateScriptE2E, CD357BinaryScriptSkipsContentChecks) {
  const std::string elf("\x7f" "ELF\x02\x01\x01\0\0\0\r\n", 12);
  ScriptRun s;
  run_script(s, elf);
  expect_diagnostic(s.run, {"CD357", "note", s.script, 0, 0, "binary file (contains NUL bytes); script checks skipped"});
  EXPECT_TRUE(with_code(s.run.report, "CD351").empty()) << s.run.report.dump(2);
  EXPECT_TRUE(with_code(s.run.report, "CD352").empty()) << s.run.report.dump(2);
  EXPECT_EQ(s.run.exit_code, 0);
}

TEST(ValidateScriptE2E, CD358NotExecutable) {
  ScriptRun s;
  run_script(s, "#!/bin/bash\necho hi\n", 0640);
  expect_diagnostic(s.run, {"CD358", "note", s.script, 0, 0,
                            "script is not executable (mode 0640); the agent logs \"is not executable.  Trying to make "
                            "it executable.\" and runs chmod +x on its copy"});
  EXPECT_EQ(s.run.exit_code, 0);
  // Agent 1.8 runs chmod +x itself before running the script: a note, which --strict ignores.
  EXPECT_EQ(validate_json(s.dir.path(), {"--strict"}).exit_code, 0);
}

TEST(ValidateScriptE2E, ScriptNamedByTwoHooksIsLintedOnce) {
  ScriptRun s;
  run_script(s, "#!/bin/bash\r\necho hi\r\n", 0755,
             kAppSpec + "  ApplicationStart:\n    - location: scripts/hook.sh\n    - location: /scripts//hook.sh\n");
  EXPECT_EQ(with_code(s.run.report, "CD351").size(), 1u) << s.run.report.dump(2);
}

TEST(ValidateScriptE2E, WindowsScriptsAreNotLinted) {
  ScriptRun s;
  run_script(s, "echo hi\r\n", 0644, "version: 0.0\nos: windows\nhooks:\n  AfterInstall:\n    - location: scripts/hook.sh\n");
  for (const char* code : {"CD350", "CD351", "CD352", "CD353", "CD354", "CD355", "CD356", "CD357", "CD358"}) {
    EXPECT_TRUE(with_code(s.run.report, code).empty()) << code << "\n" << s.run.report.dump(2);
  }
}

}  // namespace
}  // namespace cdrun::e2e
