// End to end: `cdrun plan --agent-version 1.8|2|all`. Under 2 the plan follows agent 2.x's
// deploy-local; under all it is 1.8's with what 2.x does instead beside it. Expected texts are
// written from agent2-behavior.md (§1.4, §2.4, §3.2, §4.2, §4.5) and agent-behavior.md.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "bundle_builder.h"
#include "deploy_fixture.h"
#include "run_cdrun.h"

namespace cdrun::e2e {
namespace {

using nlohmann::json;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The findings of one code in plan's JSON.
std::vector<json> findings(const json& doc, const std::string& code) {
  std::vector<json> out;
  for (const json& w : doc["warnings"]) {
    if (w["code"] == code) out.push_back(w);
  }
  return out;
}

// The event of that name in plan's JSON.
json event_named(const json& doc, const std::string& name) {
  for (const json& e : doc["events"]) {
    if (e["name"] == name) return e;
  }
  return json();
}

const std::string kAppSpecHead = "version: 0.0\nos: linux\n";

class PlanAgent2E2E : public ::testing::Test {
 protected:
  void SetUp() override {
    write_appspec("");
    dir_.write("bundle/scripts/stop.sh", "#!/bin/sh\necho stopping\n", 0755);
    dir_.write("bundle/scripts/after.sh", "#!/bin/sh\necho installed\n", 0755);
    dir_.write("bundle/web/index.html", "<html>\n");
    dir_.write("agent.yml", ":log_dir: " + path("log") + "\n");
  }

  // Lines 3-5: files; 6-11: hooks; `extra` starts at line 12.
  void write_appspec(const std::string& extra) const {
    dir_.write("bundle/appspec.yml", kAppSpecHead + "files:\n  - source: web\n    destination: " + path("www") +
                                         "\nhooks:\n  ApplicationStop:\n    - location: scripts/stop.sh\n      timeout: 60\n"
                                         "  AfterInstall:\n    - location: scripts/after.sh\n" + extra);
  }
  std::string path(const std::string& relative) const { return dir_.path() + "/" + relative; }
  Outcome run(const std::string& command, std::vector<std::string> extra = {}) const {
    std::vector<std::string> args{command, "-l", path("bundle"), "--root-dir", path("root"), "-c", path("agent.yml"), "-g", "grp"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cdrun(args);
  }
  // plan --format json with these options; checks the exit status.
  json plan_json(std::vector<std::string> extra, int expected_exit) const {
    extra.insert(extra.end(), {"--format", "json"});
    const Outcome out = run("plan", extra);
    EXPECT_EQ(out.exit_code, expected_exit) << out.out << out.err;
    return json::parse(out.out);
  }
  // Deploys and returns the deployment id codedeploy-local prints.
  std::string deploy() const {
    const Outcome out = run("deploy");
    EXPECT_EQ(out.exit_code, 0) << out.out << out.err;
    return DeployFixture::deployment_id(out);
  }

  TempDir dir_;
};

TEST_F(PlanAgent2E2E, AgentVersionIsPlansOptionOnly) {
  const Outcome deploy = run("deploy", {"--agent-version", "2"});
  EXPECT_EQ(deploy.exit_code, 1);
  EXPECT_EQ(deploy.out, "");
  EXPECT_EQ(deploy.err, "cdrun deploy: unknown option '--agent-version'\nTry 'cdrun deploy --help' for more information.\n");
  // deploy's prefixes mean what they meant: --a is ambiguous among deploy's own three options only.
  EXPECT_EQ(run("deploy", {"--a", "x"}).err,
            "cdrun deploy: ambiguous option '--a': --application-name, --agent-configuration-file, --appspec-filename?\n"
            "Try 'cdrun deploy --help' for more information.\n");
  EXPECT_FALSE(contains(run_cdrun({"deploy", "--help"}).out, "--agent-version"));
  EXPECT_TRUE(contains(run_cdrun({"plan", "--help"}).out, "      --agent-version <1.8|2|all>"));
  // In plan, --agent names two options.
  EXPECT_EQ(run("plan", {"--agent", "2"}).err,
            "cdrun plan: ambiguous option '--agent': --agent-configuration-file, --agent-version?\n"
            "Try 'cdrun plan --help' for more information.\n");
}

TEST_F(PlanAgent2E2E, ABadAgentVersionIsAUsageError) {
  const Outcome out = run("plan", {"--agent-version", "2.1"});
  EXPECT_EQ(out.exit_code, 1);
  EXPECT_EQ(out.out, "");
  EXPECT_EQ(out.err, "cdrun plan: --agent-version must be 1.8, 2 or all, not '2.1'\nTry 'cdrun plan --help' for more information.\n");
}

TEST_F(PlanAgent2E2E, TheJsonNamesTheAgentVersion) {
  EXPECT_EQ(plan_json({}, 0)["agent_version"], "all");
  EXPECT_EQ(plan_json({"--agent-version", "1.8"}, 0)["agent_version"], "1.8");
  EXPECT_EQ(plan_json({"--agent-version=2"}, 0)["agent_version"], "2");
  EXPECT_EQ(plan_json({"--agent-v", "2"}, 0)["agent_version"], "2");
}

TEST_F(PlanAgent2E2E, AGonePreviousArchiveIsASilentNoOpUnderAgent2) {
  const std::string first = deploy();
  ASSERT_FALSE(first.empty());
  std::filesystem::remove_all(path("root/grp/" + first));
  const std::string archive = path("root/grp/" + first + "/deployment-archive");

  const Outcome text = run("plan", {"--agent-version", "2"});
  EXPECT_EQ(text.exit_code, 0) << text.out;
  EXPECT_TRUE(contains(text.out, "  rules: agent 2.x's deploy-local (--agent-version 2)\n")) << text.out;
  EXPECT_TRUE(contains(text.out, "   3. ApplicationStop      skipped: previous revision " + first + " has no deployment-archive\n"))
      << text.out;
  EXPECT_FALSE(contains(text.out, "[CD600]")) << text.out;

  const json two = plan_json({"--agent-version", "2"}, 0);
  EXPECT_EQ(event_named(two, "ApplicationStop")["source"], "skipped-archive-gone");
  EXPECT_EQ(event_named(two, "ApplicationStop")["failure"], nullptr);
  EXPECT_TRUE(findings(two, "CD615").empty());  // the difference is told beside 1.8's plan only

  const json all = plan_json({}, 1);
  ASSERT_EQ(findings(all, "CD600").size(), 1u);
  const std::vector<json> differences = findings(all, "CD615");
  ASSERT_EQ(differences.size(), 1u) << all.dump(2);
  EXPECT_EQ(differences[0]["severity"], "note");
  EXPECT_EQ(differences[0]["message"], "under agent 2.x, BeforeBlockTraffic, AfterBlockTraffic and ApplicationStop are skipped: "
                                       "the previous revision's archive " + archive + " is gone");
  EXPECT_EQ(differences[0]["file"], archive);
  const json stop = event_named(all, "ApplicationStop");
  EXPECT_EQ(stop["source"], "previous-revision");
  EXPECT_EQ(stop["agent2"]["source"], "skipped-archive-gone");
  EXPECT_EQ(stop["agent2"]["failure"], nullptr);
}

TEST_F(PlanAgent2E2E, APreviousArchiveWithoutAppSpecStillFailsUnderAgent2) {
  const std::string first = deploy();
  ASSERT_FALSE(first.empty());
  const std::string archive = path("root/grp/" + first + "/deployment-archive");
  std::filesystem::remove(archive + "/appspec.yml");
  const json two = plan_json({"--agent-version", "2"}, 1);
  const std::vector<json> missing = findings(two, "CD600");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0]["severity"], "error");
  EXPECT_EQ(missing[0]["message"],
            "BeforeBlockTraffic: The CodeDeploy agent did not find an AppSpec file within the unpacked revision directory at "
            "revision-relative path \"appspec.yml\". The revision was unpacked to directory \"" + archive +
                "\", and the AppSpec file was expected but not found at path \"" + archive + "/appspec.yml\". Consult the "
                "AWS CodeDeploy Appspec documentation for more information at "
                "http://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file.html");
  EXPECT_EQ(missing[0]["file"], archive + "/appspec.yml");
}

TEST_F(PlanAgent2E2E, Agent2HooksFallBackToThePreviousAppSpecYaml) {
  const std::string first = deploy();
  ASSERT_FALSE(first.empty());
  const std::string archive = path("root/grp/" + first + "/deployment-archive");
  std::filesystem::rename(archive + "/appspec.yml", archive + "/appspec.yaml");

  const json two = plan_json({"--agent-version", "2"}, 0);
  const json stop = event_named(two, "ApplicationStop");
  EXPECT_EQ(stop["source"], "previous-revision");
  EXPECT_EQ(stop["appspec"], archive + "/appspec.yaml");
  ASSERT_EQ(stop["scripts"].size(), 1u);
  EXPECT_EQ(stop["scripts"][0]["location"], "scripts/stop.sh");
  EXPECT_EQ(stop["scripts"][0]["timeout"], 60);

  const json all = plan_json({}, 1);
  EXPECT_EQ(findings(all, "CD600").size(), 1u);  // agent 1.8 reads only appspec.yml
  const std::vector<json> differences = findings(all, "CD615");
  ASSERT_EQ(differences.size(), 1u) << all.dump(2);
  EXPECT_EQ(differences[0]["message"], "under agent 2.x, BeforeBlockTraffic, AfterBlockTraffic and ApplicationStop read " +
                                           archive + "/appspec.yaml: hook events fall back to appspec.yaml, then appspec.yml");
  EXPECT_EQ(differences[0]["file"], archive + "/appspec.yaml");
  EXPECT_EQ(event_named(all, "ApplicationStop")["agent2"]["appspec"], archive + "/appspec.yaml");
}

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

TEST_F(PlanAgent2E2E, ANewRevisionEventBeforeDownloadBundleIsSkippedUnderAgent2) {
  const json two = plan_json({"--agent-version", "2", "-e", "BeforeInstall,DownloadBundle,Install"}, 0);
  EXPECT_TRUE(findings(two, "CD243").empty());
  EXPECT_EQ(event_named(two, "BeforeInstall")["source"], "skipped-before-download");
  const json all = plan_json({"-e", "BeforeInstall,DownloadBundle,Install"}, 1);
  EXPECT_EQ(findings(all, "CD243").size(), 1u);
  const std::vector<json> differences = findings(all, "CD615");
  ASSERT_EQ(differences.size(), 1u) << all.dump(2);
  EXPECT_EQ(differences[0]["message"], "under agent 2.x, BeforeInstall is skipped: it runs before DownloadBundle, when there is "
                                       "no archive yet");
  EXPECT_EQ(differences[0]["file"], "--events");
}

TEST_F(PlanAgent2E2E, Agent2JudgesThePreviousAppSpecWithItsOwnParser) {
  const std::string first = deploy();
  ASSERT_FALSE(first.empty());
  const std::string appspec = path("root/grp/" + first + "/deployment-archive/appspec.yml");
  dir_.write("root/grp/" + first + "/deployment-archive/appspec.yml",
             kAppSpecHead + "permissions:\n  - object: /a\n    mode: 0x1A4\n");
  const json two = plan_json({"--agent-version", "2"}, 1);
  const std::vector<json> refused = findings(two, "CD601");
  ASSERT_EQ(refused.size(), 1u) << two.dump(2);
  EXPECT_EQ(refused[0]["message"],
            "BeforeBlockTraffic: The deployment failed because the length of a permissions mode (0x1A4) in the application "
            "specification file is invalid. Permissions modes must be between one and four characters long. Update the "
            "permissions section of the AppSpec file, and then try again.");
  EXPECT_EQ(refused[0]["file"], appspec);
  EXPECT_EQ(refused[0]["line"], 5);
  EXPECT_EQ(refused[0]["column"], 11);
  EXPECT_TRUE(findings(plan_json({"--agent-version", "1.8"}, 0), "CD601").empty());
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
