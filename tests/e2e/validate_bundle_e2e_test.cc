// End to end: directory bundles checked against their appspec (CD330-CD341), a clean bundle, the
// repository's example hooks, and the deliberately broken fixture in JSON and in text.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "validate_bundle_expect.h"

namespace cdrun::e2e {
namespace {

const std::string kBroken = CDRUN_FIXTURES "/bundles/broken";

TEST(ValidateBundleE2E, CleanDirectoryPassesStrict) {
  TempDir dir;
  dir.write("appspec.yml",
            "version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: /opt/app\nhooks:\n  ApplicationStart:\n"
            "    - location: scripts/start.sh\n      timeout: 60\n");
  dir.write("app/index.html", "<p>hi</p>\n");
  dir.write("scripts/start.sh", "#!/bin/bash\nset -euo pipefail\nsystemctl start app\n", 0755);
  JsonRun run = validate_json(dir.path(), {"--strict"});
  EXPECT_EQ(run.exit_code, 0) << run.report.dump(2);
  EXPECT_TRUE(run.report["diagnostics"].empty()) << run.report.dump(2);
}

TEST(ValidateBundleE2E, RepositoryHookExamplesPassStrict) {
  JsonRun run = validate_json(CDRUN_SOURCE_DIR "/hooks/examples", {"--strict"});
  EXPECT_EQ(run.exit_code, 0) << run.report.dump(2);
  EXPECT_EQ(run.report["summary"]["errors"], 0);
  EXPECT_EQ(run.report["summary"]["warnings"], 0);
}

// Every way a hook location or files source can miss, in one bundle; positions are the list items.
TEST(ValidateBundleE2E, CD330ToCD341ReferencesAgainstTheBundle) {
  TempDir dir;
  const std::string appspec = dir.write("appspec.yml",
                                        "version: 0.0\n"
                                        "os: linux\n"
                                        "files:\n"
                                        "  - source: config/app.cnf\n"
                                        "    destination: /etc/app\n"
                                        "  - source: ../etc\n"
                                        "    destination: /etc/other\n"
                                        "  - source: /\n"
                                        "    destination: /opt/all\n"
                                        "hooks:\n"
                                        "  AfterInstall:\n"
                                        "    - location: scripts/install-dependencies.sh\n"
                                        "    - location: scripts/my script.sh\n"
                                        "    - location: ../outside.sh\n"
                                        "    - location: ext/run.sh\n"
                                        "    - location: scripts/lib\n"
                                        "    - location: scripts/pipe\n"
                                        "    - location: /scripts/missing.sh\n");
  dir.write("config/app.conf", "port=80\n");
  dir.write("scripts/install_dependencies.sh", "#!/bin/bash\nyum install -y httpd\n", 0755);
  dir.write("scripts/my script.sh", "#!/bin/bash\ntrue\n", 0755);
  dir.write("scripts/lib/common.sh", "#!/bin/bash\n", 0755);
  ASSERT_EQ(mkfifo((dir.path() + "/scripts/pipe").c_str(), 0644), 0);
  std::filesystem::create_symlink("/opt", dir.path() + "/ext");
  JsonRun run = validate_json(dir.path());

  const std::string hook = "hook AfterInstall script ";
  const std::string gone = " is not in the bundle; the agent fails with \"Script does not exist at specified location: "
                           ".../deployment-archive/";
  expect_diagnostic(run, {"CD330", "error", appspec, 12, 7,
                          hook + "\"scripts/install-dependencies.sh\"" + gone + "scripts/install-dependencies.sh\""});
  expect_diagnostic(run, {"CD330", "error", appspec, 18, 7, hook + "\"/scripts/missing.sh\"" + gone + "scripts/missing.sh\""});
  const auto missing = with_code(run.report, "CD330");
  ASSERT_EQ(missing.size(), 2u);
  EXPECT_EQ(missing[0]["hint"], "did you mean \"scripts/install_dependencies.sh\"?");
  expect_diagnostic(run, {"CD331", "error", appspec, 13, 7,
                          hook + "\"scripts/my script.sh\" contains whitespace; the agent passes the path as one command "
                                 "string, which is split at whitespace"});
  expect_diagnostic(run, {"CD332", "error", appspec, 14, 7, hook + "\"../outside.sh\" leads outside the bundle"});
  expect_diagnostic(run, {"CD332", "error", appspec, 15, 7, hook + "\"ext/run.sh\" leads outside the bundle"});
  expect_diagnostic(run, {"CD333", "error", appspec, 16, 7, hook + "\"scripts/lib\" is a directory, not a script"});
  expect_diagnostic(run, {"CD333", "error", appspec, 17, 7, hook + "\"scripts/pipe\" is not a regular file, not a script"});
  expect_diagnostic(run, {"CD340", "error", appspec, 4, 5,
                          "files source \"config/app.cnf\" is not in the bundle; Install fails with \"No such file or "
                          "directory @ rb_sysopen\""});
  ASSERT_EQ(with_code(run.report, "CD340").size(), 1u) << "source / is the whole bundle";
  EXPECT_EQ(with_code(run.report, "CD340")[0]["hint"], "did you mean \"config/app.conf\"?");
  expect_diagnostic(run, {"CD341", "error", appspec, 6, 5, "files source \"../etc\" leads outside the bundle"});
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateBundleE2E, BrokenFixtureJson) {
  JsonRun run = validate_json(kBroken);
  EXPECT_EQ(run.exit_code, 1);
  for (const char* code : {"CD200", "CD206", "CD209", "CD330", "CD340", "CD351", "CD355"}) {
    EXPECT_FALSE(with_code(run.report, code).empty()) << code << " missing in\n" << run.report.dump(2);
  }
  const std::string appspec = kBroken + "/appspec.yml";
  const std::string start = kBroken + "/scripts/start.sh";
  expect_diagnostic(run, {"CD330", "error", appspec, 14, 7,
                          "hook AfterInstall script \"scripts/install-dependencies.sh\" is not in the bundle; the agent "
                          "fails with \"Script does not exist at specified location: "
                          ".../deployment-archive/scripts/install-dependencies.sh\""});
  expect_diagnostic(run, {"CD340", "error", appspec, 4, 5,
                          "files source \"web\" is not in the bundle; Install fails with \"No such file or directory @ "
                          "rb_sysopen\""});
  expect_diagnostic(run, {"CD351", "error", start, 1, 12,
                          "script has Windows (CRLF) line endings; the hook fails with \"/bin/bash^M: bad interpreter\""});
  expect_diagnostic(run, {"CD355", "warning", start, 3, 16,
                          "background job \"node server.js\" keeps the agent's stdout and stderr open; the agent waits for "
                          "every holder to close them, so the hook hangs until its timeout and fails with \"failed to "
                          "close STDOUT\""});
  expect_diagnostic(run, {"CD358", "note", start, 0, 0,
                          "script is not executable (mode 0644); the agent logs \"is not executable.  Trying to make it "
                          "executable.\" and runs chmod +x on its copy"});
}

// A did-you-mean never names a script another hook already runs: "stop_server.sh" is close to
// "start_server.sh", but following the hint would run the start script at ApplicationStop.
TEST(ValidateBundleE2E, CD330DidYouMeanSkipsScriptsOtherHooksRun) {
  TempDir dir;
  const std::string appspec = dir.write("appspec.yml",
                                        "version: 0.0\nos: linux\nhooks:\n"
                                        "  ApplicationStop:\n    - location: scripts/stop_server.sh\n"
                                        "  ApplicationStart:\n    - location: scripts/start_server.sh\n");
  dir.write("scripts/start_server.sh", "#!/bin/bash\nsystemctl start app\n", 0755);
  JsonRun run = validate_json(dir.path());
  const auto found = with_code(run.report, "CD330");
  ASSERT_EQ(found.size(), 1u) << run.report.dump(2);
  EXPECT_EQ(found[0]["line"], 5);
  EXPECT_EQ(found[0]["column"], 7);
  EXPECT_EQ(found[0]["message"], "hook ApplicationStop script \"scripts/stop_server.sh\" is not in the bundle; the agent "
                                 "fails with \"Script does not exist at specified location: "
                                 ".../deployment-archive/scripts/stop_server.sh\"");
  EXPECT_EQ(found[0]["hint"], "add the script to the bundle, or correct the location");

  // A file no hook names is still offered.
  dir.write("scripts/stop-server.sh", "#!/bin/bash\nsystemctl stop app\n", 0755);
  run = validate_json(dir.path());
  const auto again = with_code(run.report, "CD330");
  ASSERT_EQ(again.size(), 1u) << run.report.dump(2);
  EXPECT_EQ(again[0]["hint"], "did you mean \"scripts/stop-server.sh\"?");
}

TEST(ValidateBundleE2E, BrokenFixtureTextPutsACaretUnderTheCarriageReturn) {
  Outcome run = run_cdrun({"validate", "--color", "never", kBroken});
  EXPECT_EQ(run.exit_code, 1);
  // The shown line drops the "\r"; the caret sits one past "#!/bin/bash", where the "\r" was.
  const std::string block = kBroken +
                            "/scripts/start.sh:1:12: error: script has Windows (CRLF) line endings; the hook fails with "
                            "\"/bin/bash^M: bad interpreter\" [CD351]\n"
                            "#!/bin/bash\n"
                            "           ^\n";
  EXPECT_NE(run.out.find(block), std::string::npos) << run.out;
}

}  // namespace
}  // namespace cdrun::e2e
