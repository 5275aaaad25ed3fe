// End to end: `cdrun plan --agent-version 2|all` on the new revision's appspec and its Install step:
// AppSpecFilename required, agent 2.x's parser, unknown owners skipped, umask 0027, hook names not
// checked. Expected texts are written from agent2-behavior.md (§1.4, §1.6, §2.4, §4.2, §4.5) and the
// agent-2 verdicts in the conformance corpus.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "bundle_builder.h"
#include "plan_agent2_fixture.h"

namespace cdrun::e2e {
namespace {

using nlohmann::json;

TEST_F(PlanAgent2E2E, Agent2NeedsTheAppSpecFilenameInADirectoryBundle) {
  std::filesystem::rename(path("bundle/appspec.yml"), path("bundle/appspec.yaml"));
  const json two = plan_json({"--agent-version", "2"}, 1);
  EXPECT_TRUE(findings(two, "CD302").empty());  // agent 1.8's hook failure
  const std::vector<json> missing = findings(two, "CD614");
  ASSERT_EQ(missing.size(), 1u) << two.dump(2);
  EXPECT_EQ(missing[0]["severity"], "error");
  EXPECT_EQ(missing[0]["message"], "agent 2.x needs appspec.yml itself in the bundle (its check has no appspec.yaml fallback) and "
                                   "stops before any event with \"Validation error: appspec.yml not found in bundle directory: " +
                                       path("bundle") + "/appspec.yml\"");
  EXPECT_EQ(missing[0]["file"], path("bundle"));
  EXPECT_EQ(event_named(two, "DownloadBundle")["failure"], "the bundle has no appspec.yml");

  const json all = plan_json({}, 1);
  EXPECT_EQ(findings(all, "CD302").size(), 1u);
  EXPECT_EQ(findings(all, "CD614").size(), 1u);
}

TEST_F(PlanAgent2E2E, Agent2NeedsTheAppSpecFilenameInAnArchiveAtDownloadBundle) {
  write_archive(path("bundle.tar"), ArchiveFormat::tar,
                {file_member("appspec.yaml", kAppSpecHead), file_member("web/index.html", "<html>\n")});
  const Outcome out = run_cdrun({"plan", "-l", path("bundle.tar"), "-t", "tar", "--root-dir", path("root"), "-c",
                                 path("agent.yml"), "-g", "grp", "--agent-version", "2", "--format", "json"});
  EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
  const std::vector<json> missing = findings(json::parse(out.out), "CD614");
  ASSERT_EQ(missing.size(), 1u) << out.out;
  EXPECT_EQ(missing[0]["message"], "agent 2.x needs appspec.yml itself in the bundle (its check has no appspec.yaml fallback); "
                                   "DownloadBundle fails with \"The deployment failed because the specified file does not exist "
                                   "at the expected location: " + path("root") + "/grp/local-<pid>/deployment-archive/"
                                   "appspec.yml. Verify that your AppSpec file is named correctly and that it is in the root "
                                   "directory of the revision's source code.\"");
  EXPECT_EQ(missing[0]["file"], path("bundle.tar"));
}

TEST_F(PlanAgent2E2E, Agent2SkipsAnUnknownOwnerWithAWarning) {
  write_appspec("permissions:\n  - object: " + path("www") + "\n    owner: cdrun-no-such-user\n");
  const json two = plan_json({"--agent-version", "2"}, 0);
  EXPECT_TRUE(findings(two, "CD611").empty());
  const std::vector<json> skipped = findings(two, "CD613");
  ASSERT_EQ(skipped.size(), 1u) << two.dump(2);
  EXPECT_EQ(skipped[0]["severity"], "warning");
  EXPECT_EQ(skipped[0]["message"], "permissions owner \"cdrun-no-such-user\" (object " + path("www") +
                                       ") does not exist on this host; agent 2.x skips it silently and leaves the owner unchanged");
  EXPECT_EQ(skipped[0]["file"], path("bundle/appspec.yml"));
  EXPECT_EQ(event_named(two, "Install")["failure"], nullptr);

  const json all = plan_json({}, 1);
  ASSERT_EQ(findings(all, "CD611").size(), 1u);
  EXPECT_EQ(findings(all, "CD611")[0]["severity"], "error");
  EXPECT_EQ(findings(all, "CD613").size(), 1u);
  EXPECT_EQ(event_named(all, "Install")["agent2"]["failure"], nullptr);
}

// Install's OS errors in agent 2.x's words: its installer's "IO error: " and Rust's io::Error text,
// with no path (agent2-behavior.md §4.2); 1.8's are Ruby's Errno texts with the function and path.
TEST_F(PlanAgent2E2E, InstallFailuresQuoteEachAgentsOwnText) {
  dir_.write("bundle/appspec.yml", kAppSpecHead + "files:\n  - source: gone.txt\n    destination: " + path("www") + "\n");
  const std::vector<json> missing = findings(plan_json({"--agent-version", "2"}, 1), "CD607");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0]["message"], "files source \"gone.txt\" is not in the bundle; Install fails with \"IO error: No "
                                   "such file or directory (os error 2)\"");
  const std::vector<json> missing18 = findings(plan_json({"--agent-version", "1.8"}, 1), "CD607");
  ASSERT_EQ(missing18.size(), 1u);
  EXPECT_EQ(missing18[0]["message"], "files source \"gone.txt\" is not in the bundle; Install fails with \"No such "
                                     "file or directory @ rb_sysopen - .../deployment-archive/gone.txt\"");
  // One problem under both agents: the "all" plan (1.8's) lists it once, in 1.8's words.
  const std::vector<json> missing_all = findings(plan_json({}, 1), "CD607");
  ASSERT_EQ(missing_all.size(), 1u);
  EXPECT_EQ(missing_all[0]["message"], missing18[0]["message"]);

  // The destination of a directory source is a file: mkdir meets it.
  write_appspec("");
  dir_.write("www", "a file where the directory goes\n");
  const std::vector<json> blocked = findings(plan_json({"--agent-version", "2"}, 1), "CD610");
  ASSERT_EQ(blocked.size(), 1u);
  EXPECT_NE(blocked[0]["message"].get<std::string>().find("; the agent fails with \"IO error: File exists (os error 17)\""),
            std::string::npos)
      << blocked[0];
  const std::vector<json> blocked18 = findings(plan_json({"--agent-version", "1.8"}, 1), "CD610");
  ASSERT_EQ(blocked18.size(), 1u);
  EXPECT_NE(blocked18[0]["message"].get<std::string>().find("; the agent fails with \"File exists @ dir_s_mkdir - " +
                                                            path("www") + "\""),
            std::string::npos)
      << blocked18[0];
}

TEST_F(PlanAgent2E2E, DirectoriesInstallCreatesGet0750UnderAgent2) {
  dir_.write("bundle/web/css/site.css", "body {}\n");
  const json two = plan_json({"--agent-version", "2"}, 0);
  const std::vector<json> umask = findings(two, "CD612");
  ASSERT_EQ(umask.size(), 1u) << two.dump(2);
  EXPECT_EQ(umask[0]["severity"], "note");
  EXPECT_EQ(umask[0]["message"], "agent 2.x's deploy-local runs with umask 0027: Install creates " + path("www") + ", " +
                                     path("www/css") + " with mode 0750 (no permissions mode covers them); agent 1.8 uses "
                                     "the umask of the user who runs it");
  EXPECT_EQ(umask[0]["file"], path("bundle/appspec.yml"));
  EXPECT_TRUE(findings(plan_json({"--agent-version", "1.8"}, 0), "CD612").empty());
  EXPECT_EQ(findings(plan_json({}, 0), "CD612").size(), 1u);

  // A mode for directories below www covers css; www itself is the object, which never matches.
  write_appspec("permissions:\n  - object: " + path("www") + "\n    mode: 755\n    type:\n      - directory\n");
  const std::vector<json> covered = findings(plan_json({"--agent-version", "2"}, 0), "CD612");
  ASSERT_EQ(covered.size(), 1u);
  EXPECT_EQ(covered[0]["message"], "agent 2.x's deploy-local runs with umask 0027: Install creates " + path("www") +
                                       " with mode 0750 (no permissions mode covers it); agent 1.8 uses the umask of the user "
                                       "who runs it");
}

TEST_F(PlanAgent2E2E, NoUmaskNoteWhenInstallCreatesNoDirectory) {
  std::filesystem::create_directory(path("www"));
  EXPECT_TRUE(findings(plan_json({"--agent-version", "2"}, 0), "CD612").empty());
}

TEST_F(PlanAgent2E2E, AnAppSpecOnlyAgent2RefusesIsCD604WithItsMessage) {
  write_appspec("permissions:\n  - object: /a\n    mode: 0x1A4\n");
  const json two = plan_json({"--agent-version", "2"}, 1);
  const std::vector<json> refused = findings(two, "CD604");
  ASSERT_EQ(refused.size(), 1u) << two.dump(2);
  EXPECT_EQ(refused[0]["severity"], "error");
  EXPECT_EQ(refused[0]["message"],
            "agent 2.x refuses the appspec: The deployment failed because the length of a permissions mode (0x1A4) in the "
            "application specification file is invalid. Permissions modes must be between one and four characters long. "
            "Update the permissions section of the AppSpec file, and then try again.");
  EXPECT_EQ(refused[0]["file"], path("bundle/appspec.yml"));
  EXPECT_EQ(refused[0]["line"], 14);
  EXPECT_EQ(refused[0]["column"], 11);
  EXPECT_EQ(event_named(two, "Install")["failure"], "the agent refuses the appspec");

  const Outcome text = run("plan", {"--agent-version", "2"});
  EXPECT_TRUE(contains(text.out, "    at: " + path("bundle/appspec.yml") + ":14:11\n")) << text.out;
  EXPECT_TRUE(findings(plan_json({"--agent-version", "1.8"}, 0), "CD604").empty());
  const json all = plan_json({}, 1);
  EXPECT_EQ(findings(all, "CD604").size(), 1u);
  EXPECT_EQ(event_named(all, "Install")["failure"], nullptr);
  EXPECT_EQ(event_named(all, "Install")["agent2"]["failure"], "the agent refuses the appspec");
}

TEST_F(PlanAgent2E2E, AnAppSpecOnlyAgent18RefusesIsNotGuessedUnderAgent2) {
  write_appspec("x: 2020-01-01 10:00:00\n");
  const json two = plan_json({"--agent-version", "2"}, 0);
  EXPECT_TRUE(findings(two, "CD604").empty());
  const std::vector<json> unknown = findings(two, "CD616");
  ASSERT_EQ(unknown.size(), 1u) << two.dump(2);
  EXPECT_EQ(unknown[0]["severity"], "note");
  EXPECT_EQ(unknown[0]["message"], "agent 2.x accepts this appspec but agent 1.8's parser refuses it (Tried to load unspecified "
                                   "class: Time); plan reads scripts and files with 1.8's parser, so it cannot tell what agent "
                                   "2.x would run");
  EXPECT_EQ(unknown[0]["file"], path("bundle/appspec.yml"));
  EXPECT_EQ(event_named(two, "AfterInstall")["scripts_known"], false);
  EXPECT_EQ(event_named(two, "Install")["scripts_known"], false);
  const Outcome text = run("plan", {"--agent-version", "2"});
  EXPECT_TRUE(contains(text.out, "Install              not predicted: agent 2.x accepts an appspec agent 1.8's parser refuses "
                                 "(CD616)\n")) << text.out;

  const json all = plan_json({}, 1);
  ASSERT_EQ(findings(all, "CD604").size(), 1u);
  EXPECT_EQ(findings(all, "CD604")[0]["message"], "Tried to load unspecified class: Time");
  EXPECT_EQ(findings(all, "CD616").size(), 1u);
  EXPECT_EQ(event_named(all, "AfterInstall")["agent2"]["scripts_known"], false);
}

TEST_F(PlanAgent2E2E, Agent2sDeployLocalDoesNotCheckHookNames) {
  write_appspec("  AfterInstal:\n    - location: scripts/after.sh\n");
  const json two = plan_json({"--agent-version", "2"}, 0);
  EXPECT_TRUE(findings(two, "CD605").empty());
  const json all = plan_json({}, 1);
  EXPECT_EQ(findings(all, "CD605").size(), 1u);
  const std::vector<json> differences = findings(all, "CD615");
  ASSERT_EQ(differences.size(), 1u) << all.dump(2);
  EXPECT_EQ(differences[0]["message"], "under agent 2.x, Install does not check hook names, so it does not refuse \"AfterInstal\"");
  EXPECT_EQ(differences[0]["file"], path("bundle/appspec.yml"));
}

}  // namespace
}  // namespace cdrun::e2e
