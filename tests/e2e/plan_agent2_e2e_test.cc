// End to end: `cdrun plan --agent-version 1.8|2|all`, the option and which revision's scripts run.
// Under 2 the plan follows agent 2.x's deploy-local; under all it is 1.8's with what 2.x does
// instead beside it. Expected texts are written from agent2-behavior.md (§1.2, §3.2, §3.3) and
// agent-behavior.md.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "plan_agent2_fixture.h"

namespace cdrun::e2e {
namespace {

using nlohmann::json;

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

}  // namespace
}  // namespace cdrun::e2e
