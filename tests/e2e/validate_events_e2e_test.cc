// End to end: `cdrun validate --events` as codedeploy-local will run the list
// (agent-behavior.md §1.8), where its findings point, and SARIF's per-rule descriptions.
#include <gtest/gtest.h>

#include "validate_json.h"

namespace cdrun::e2e {
namespace {

const std::string kStopAppspec = "version: 0.0\nos: linux\nhooks:\n  ApplicationStop:\n    - location: stop.sh\n";

std::vector<std::string> codes_of(const nlohmann::json& report) {
  std::vector<std::string> codes;
  for (const auto& d : report["diagnostics"]) codes.push_back(d["code"]);
  return codes;
}

// codedeploy-local prepends the missing Install, then swaps it with the listed DownloadBundle:
// ApplicationStop,DownloadBundle runs as DownloadBundle, ApplicationStop, Install.
TEST(ValidateEventsE2E, ListedDownloadBundleWithoutInstallMovesToTheFront) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, kStopAppspec, {"--events", "ApplicationStop,DownloadBundle"});
  const auto found = with_code(run.report, "CD242");
  ASSERT_EQ(found.size(), 1u) << run.report.dump(2);
  EXPECT_EQ(found[0]["message"],
            "ApplicationStop runs after DownloadBundle in this order (DownloadBundle, ApplicationStop, Install), so it runs "
            "the new revision's script, not the previous one's");
  EXPECT_EQ(found[0]["hint"],
            "without Install in the list, codedeploy-local moves DownloadBundle to the front; put ApplicationStop first "
            "and list DownloadBundle and Install after it, e.g. --events ApplicationStop,DownloadBundle,Install");
  EXPECT_EQ(run.exit_code, 0);
}

TEST(ValidateEventsE2E, InstallTakesTheListedDownloadBundlesPlace) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, kStopAppspec, {"--events", "ApplicationStop,DownloadBundle,ApplicationStart"});
  const auto found = with_code(run.report, "CD242");
  ASSERT_EQ(found.size(), 1u) << run.report.dump(2);
  EXPECT_NE(found[0]["message"].get<std::string>().find("(DownloadBundle, ApplicationStop, Install, ApplicationStart)"),
            std::string::npos)
      << found[0].dump();
}

TEST(ValidateEventsE2E, ListOfBothKeepsItsOrder) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, kStopAppspec, {"--events", "ApplicationStop,DownloadBundle,Install"});
  EXPECT_EQ(codes_of(run.report), std::vector<std::string>{}) << run.report.dump(2);
  EXPECT_EQ(run.exit_code, 0);
}

// A refused order runs nothing: one CD241, not also CD243's "accepts this order but ... fails".
TEST(ValidateEventsE2E, RefusedOrderGetsOnlyTheRefusal) {
  for (const std::string events : {"ApplicationStart,DownloadBundle,Install", "ApplicationStart,DownloadBundle",
                                   "ValidateService,Install,DownloadBundle"}) {
    TempDir dir;
    JsonRun run = validate_appspec_text(dir, kStopAppspec, {"--events", events});
    EXPECT_EQ(codes_of(run.report), std::vector<std::string>{"CD241"}) << events << "\n" << run.report.dump(2);
    const auto found = with_code(run.report, "CD241");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0]["message"],
              "The only events that can be specified before DownloadBundle are BeforeBlockTraffic,AfterBlockTraffic,"
              "ApplicationStop. Please fix the order of your specified events: " + events);
    EXPECT_EQ(found[0]["hint"], "codedeploy-local refuses this order and runs no event");
    EXPECT_EQ(run.exit_code, 1);
  }
}

TEST(ValidateEventsE2E, FindingsPointAtTheOptionAndTheAppspec) {
  TempDir dir;
  const std::string path = dir.write("appspec.yml", kStopAppspec);
  JsonRun run = validate_json(path, {"--events", "ApplicationStop"});
  const auto found = with_code(run.report, "CD242");
  ASSERT_EQ(found.size(), 1u) << run.report.dump(2);
  EXPECT_EQ(found[0]["file"], path);
  EXPECT_EQ(found[0]["option"], "--events");
  EXPECT_EQ(found[0]["line"], 0);
  EXPECT_EQ(found[0]["column"], 0);

  const Outcome text = run_cdrun({"validate", "--color", "never", "--events", "ApplicationStop", path});
  // The only finding, so the report starts with it.
  EXPECT_EQ(text.out.rfind("cdrun validate --events: warning: ApplicationStop runs after DownloadBundle in this order "
                           "(DownloadBundle, Install, ApplicationStop), so it runs the new revision's script, not the "
                           "previous one's [CD242]\n",
                           0),
            0u)
      << text.out;
}

// `cdrun validate --format sarif --events EVENTS` on `path`'s lone appspec; null when not JSON.
nlohmann::json sarif_with_events(const std::string& path, const std::string& events) {
  const Outcome run = run_cdrun({"validate", "--format", "sarif", "--events", events, path});
  return nlohmann::json::parse(run.out, nullptr, false);
}

TEST(ValidateEventsE2E, SarifPutsOptionFindingsOnTheAppspecWithoutRegion) {
  TempDir dir;
  const std::string path = dir.write("appspec.yml", kStopAppspec);
  const nlohmann::json sarif = sarif_with_events(path, "ApplicationStop");
  ASSERT_TRUE(sarif.is_object());
  const auto& results = sarif["runs"][0]["results"];
  ASSERT_EQ(results.size(), 1u) << sarif.dump(2);
  EXPECT_EQ(results[0]["ruleId"], "CD242");
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"], nlohmann::json({{"artifactLocation", {{"uri", path}}}}));
  EXPECT_EQ(results[0]["message"]["text"].get<std::string>().rfind(
                "cdrun validate --events: ApplicationStop runs after DownloadBundle in this order", 0),
            0u)
      << results[0].dump();
}

// A rule's description is the rule's, not its first finding's message with the user's values.
TEST(ValidateEventsE2E, SarifRuleDescriptionIsTheRules) {
  TempDir dir;
  const std::string path = dir.write("appspec.yml", kStopAppspec);
  const nlohmann::json sarif = sarif_with_events(path, "Install,DownloadBundle");
  ASSERT_TRUE(sarif.is_object());
  const auto& rules = sarif["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 1u) << sarif.dump(2);
  EXPECT_EQ(rules[0]["id"], "CD241");
  EXPECT_EQ(rules[0]["shortDescription"]["text"], "--events order that codedeploy-local refuses");
  const std::string message = sarif["runs"][0]["results"][0]["message"]["text"];
  EXPECT_NE(message.find("Please fix the order of your specified events: Install,DownloadBundle"), std::string::npos) << message;
}

}  // namespace
}  // namespace cdrun::e2e
