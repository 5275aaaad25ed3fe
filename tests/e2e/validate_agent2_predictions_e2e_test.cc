// End to end: what validate predicts for hosts running agent 2.x beyond its appspec verdict
// (agent2-behavior.md). Each prediction appears only when agent 2 is among the selected agents.
#include <gtest/gtest.h>

#include "validate_bundle_expect.h"

namespace cdrun::e2e {
namespace {

const std::string kExecFormatError =
    "agent 2.x runs the script without a shell: it has no #! line at its first byte, so the exec fails with "
    "\"Exec format error (os error 8)\"";

// A directory bundle whose AfterInstall hook runs scripts/hook.sh (`text`) with `script_keys`
// added to the script's mapping.
struct HookBundle {
  TempDir dir;
  std::string script;  // how diagnostics name the script

  HookBundle(const std::string& text, const std::string& script_keys = "") {
    dir.write("appspec.yml",
              "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: scripts/hook.sh\n" + script_keys);
    script = dir.write("scripts/hook.sh", text, 0755);
  }
};

TEST(ValidateAgent2PredictionsE2E, ScriptWithoutShebangFailsToExecUnderAgent2) {
  HookBundle b("echo hi\n");
  const JsonRun run = validate_json(b.dir.path());
  EXPECT_EQ(with_code(run.report, "CD359").size(), 1u) << run.report.dump(2);
  expect_diagnostic(run, {"CD359", "warning", b.script, 1, 1, kExecFormatError});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(with_code(validate_json(b.dir.path(), {"--agent-version", "2"}).report, "CD359").size(), 1u);
}

TEST(ValidateAgent2PredictionsE2E, ShebangOnLineTwoIsNotAtByteZero) {
  HookBundle b("\n#!/bin/bash\necho hi\n");
  expect_diagnostic(validate_json(b.dir.path()), {"CD359", "warning", b.script, 1, 1, kExecFormatError});
}

TEST(ValidateAgent2PredictionsE2E, NoPredictionForAgent18Alone) {
  HookBundle b("echo hi\n");
  const JsonRun run = validate_json(b.dir.path(), {"--agent-version", "1.8"});
  EXPECT_TRUE(with_code(run.report, "CD359").empty()) << run.report.dump(2);
  EXPECT_EQ(with_code(run.report, "CD352").size(), 1u) << run.report.dump(2);
}

TEST(ValidateAgent2PredictionsE2E, RunasOrSudoGivesTheScriptAShell) {
  for (const std::string keys : {"      runas: deploy\n", "      sudo: true\n"}) {
    HookBundle b("echo hi\n", keys);
    const JsonRun run = validate_json(b.dir.path());
    EXPECT_TRUE(with_code(run.report, "CD359").empty()) << keys << run.report.dump(2);
  }
}

TEST(ValidateAgent2PredictionsE2E, ScriptWithShebangAtByteZeroIsFine) {
  HookBundle b("#!/bin/sh\necho hi\n");
  EXPECT_TRUE(with_code(validate_json(b.dir.path()).report, "CD359").empty());
}

const std::string kUmaskNote =
    "under agent 2.x's deploy-local, hooks run with umask 0027: what this creates gets mode 0640 (directories 0750) "
    "rather than 0644 (0755), so other users cannot read it; the agent 2.x daemon keeps umask 0022";

TEST(ValidateAgent2PredictionsE2E, FilesAHookCreatesUnderDeployLocalsUmask) {
  HookBundle b("#!/bin/sh\necho start >/dev/null 2>&1\nX=1 mkdir -p /var/app\necho ok > /var/app/state\n");
  const JsonRun run = validate_json(b.dir.path());
  EXPECT_EQ(with_code(run.report, "CD360").size(), 1u) << run.report.dump(2);
  expect_diagnostic(run, {"CD360", "note", b.script, 3, 5, kUmaskNote});
  EXPECT_EQ(run.exit_code, 0);
  // A redirect is a creation too; /dev/null and descriptors are not.
  HookBundle redirect("#!/bin/bash\nls 2>&1 >/dev/null\nls >> \"$LOG\"\n");
  expect_diagnostic(validate_json(redirect.dir.path()), {"CD360", "note", redirect.script, 3, 4, kUmaskNote});
  EXPECT_TRUE(with_code(validate_json(b.dir.path(), {"--agent-version", "1.8"}).report, "CD360").empty());
}

TEST(ValidateAgent2PredictionsE2E, NoUmaskNoteWhenTheScriptSetsModesOrIsNotShell) {
  for (const std::string text : {"#!/bin/sh\numask 022\nmkdir -p /var/app\n", "#!/bin/sh\nmkdir -p /var/app\nchmod 755 /var/app\n",
                                 "#!/usr/bin/env python3\nopen('x', 'w') > 1\n", "#!/bin/sh\nsystemctl restart app\n"}) {
    HookBundle b(text);
    EXPECT_TRUE(with_code(validate_json(b.dir.path()).report, "CD360").empty()) << text;
  }
}

// Agent 2.1 checks a service deployment's AppSpecFilename (agent2-behavior.md 2.8); agent 1.8
// joins "/appspec.yml" onto the archive and finds the file.
TEST(ValidateAgent2PredictionsE2E, AbsoluteAppSpecFilenameIsRefusedByAgent21) {
  TempDir dir;
  dir.write("appspec.yml", "version: 0.0\nos: linux\n");
  const JsonRun run = validate_json(dir.path(), {"--appspec-filename", "/appspec.yml"});
  EXPECT_EQ(with_code(run.report, "CD309").size(), 1u) << run.report.dump(2);
  expect_diagnostic(run, {"CD309", "error", dir.path(), 0, 0,
                          "agent 2.1 refuses this appspec file name for deployments from the service: AppSpecFilename "
                          "is not a safe revision-relative path: \"/appspec.yml\" (codedeploy-local does not check it)"});
  EXPECT_EQ(run.exit_code, 1);
  const JsonRun only_18 = validate_json(dir.path(), {"--appspec-filename", "/appspec.yml", "--agent-version", "1.8"});
  EXPECT_TRUE(with_code(only_18.report, "CD309").empty()) << only_18.report.dump(2);
  EXPECT_EQ(only_18.exit_code, 0);
}

TEST(ValidateAgent2PredictionsE2E, AppSpecFilenameLeavingTheRevisionIsRefusedByAgent21) {
  TempDir dir;
  dir.write("bundle/appspec.yml", "version: 0.0\nos: linux\n");
  dir.write("x.yml", "version: 0.0\nos: linux\n");
  const JsonRun run = validate_json(dir.path() + "/bundle", {"-A", "../x.yml"});
  expect_diagnostic(run, {"CD309", "error", dir.path() + "/bundle", 0, 0,
                          "agent 2.1 refuses this appspec file name for deployments from the service: AppSpecFilename "
                          "is not a safe revision-relative path: \"../x.yml\" (codedeploy-local does not check it)"});
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateAgent2PredictionsE2E, NestedAppSpecFilenameStaysLegal) {
  TempDir dir;
  dir.write("configs/appspec.yml", "version: 0.0\nos: linux\n");
  for (const std::string name : {"configs/appspec.yml", "./configs/appspec.yml"}) {
    const JsonRun run = validate_json(dir.path(), {"-A", name});
    EXPECT_TRUE(with_code(run.report, "CD309").empty()) << name << run.report.dump(2);
  }
}

}  // namespace
}  // namespace cdrun::e2e
