// Agent 2.x in plan: the directories its umask leaves at 0750 (agent2-behavior.md §4.2) and the
// "all" plan that sets 2.x's differences beside 1.8's plan.
#include <gtest/gtest.h>

#include "runner/plan/plan_agent2.h"
#include "bundle_test_support.h"

namespace cdrun {
namespace {

using bundle_test::TempDir;

PlanFileMapping directory_mapping(const std::string& destination, std::vector<std::string> targets) {
  PlanFileMapping mapping;
  mapping.source = "web";
  mapping.destination = destination;
  mapping.source_is_directory = true;
  mapping.targets = std::move(targets);
  return mapping;
}

PermissionSpec directory_mode(const std::string& object, const std::string& mode) {
  PermissionSpec permission;
  permission.object = object;
  permission.type = {"directory"};
  permission.mode = mode;
  return permission;
}

TEST(UmaskDirectories, EveryDirectoryInstallCreatesInCreationOrder) {
  TempDir tmp;
  const std::string www = tmp / "srv/www";  // srv does not exist either
  const std::vector<PlanFileMapping> files{directory_mapping(www, {www + "/index.html", www + "/css/a/site.css"})};
  const std::vector<std::string> expected{tmp / "srv", www, www + "/css", www + "/css/a"};
  EXPECT_EQ(find_umask_directories(files, {}, tmp.path()), expected);
}

TEST(UmaskDirectories, ExistingDirectoriesAreNotCreated) {
  TempDir tmp;
  tmp.write("www/old.html", "");
  const std::string www = tmp / "www";
  const std::vector<PlanFileMapping> files{directory_mapping(www, {www + "/index.html"})};
  EXPECT_TRUE(find_umask_directories(files, {}, tmp.path()).empty());
}

TEST(UmaskDirectories, AModeForDirectoriesBelowTheObjectCoversThem) {
  TempDir tmp;
  const std::string www = tmp / "www";
  const std::vector<PlanFileMapping> files{directory_mapping(www, {www + "/css/site.css", www + "/js/app.js"})};
  // The object itself never matches its own pattern; a mode with type file only reaches no directory.
  PermissionSpec files_only = directory_mode(www, "644");
  files_only.type = {"file"};
  EXPECT_EQ(find_umask_directories(files, {directory_mode(www, "755")}, tmp.path()), std::vector<std::string>{www});
  EXPECT_EQ(find_umask_directories(files, {files_only}, tmp.path()),
            (std::vector<std::string>{www, www + "/css", www + "/js"}));
  PermissionSpec owner_only = directory_mode(www, "755");
  owner_only.mode.reset();
  owner_only.owner = "root";
  EXPECT_EQ(find_umask_directories(files, {owner_only}, tmp.path()).size(), 3u);
}

TEST(UmaskMessage, ListsThreeDirectoriesThenCounts) {
  EXPECT_EQ(agent2_umask_message({"/a"}),
            "agent 2.x's deploy-local runs with umask 0027: Install creates /a with mode 0750 (no permissions mode covers it); "
            "agent 1.8 uses the umask of the user who runs it");
  EXPECT_EQ(agent2_umask_message({"/a", "/a/b", "/a/c", "/a/d", "/a/e"}),
            "agent 2.x's deploy-local runs with umask 0027: Install creates /a, /a/b, /a/c and 2 more with mode 0750 (no "
            "permissions mode covers them); agent 1.8 uses the umask of the user who runs it");
}

PlanEvent event(const std::string& name, PlanSource source, const std::string& failure = "") {
  PlanEvent planned;
  planned.name = name;
  planned.source = source;
  planned.failure = failure;
  return planned;
}

TEST(MergeAgent2Plan, AnEventGetsAgent2sOutcomeOnlyWhereTheyDiffer) {
  PlanReport one;
  one.events = {event("ApplicationStop", PlanSource::previous_revision, "the previous revision's appspec.yml is missing"),
                event("DownloadBundle", PlanSource::none)};
  PlanReport two;
  two.events = {event("ApplicationStop", PlanSource::archive_gone), event("DownloadBundle", PlanSource::none)};
  const PlanReport all = merge_agent2_plan(one, two);
  EXPECT_EQ(all.agents, PlanAgents::all);
  ASSERT_TRUE(all.events[0].agent2.has_value());
  EXPECT_EQ(all.events[0].agent2->source, PlanSource::archive_gone);
  EXPECT_EQ(all.events[0].agent2->failure, "");
  EXPECT_EQ(all.events[0].failure, "the previous revision's appspec.yml is missing");  // 1.8's plan is kept
  EXPECT_FALSE(all.events[1].agent2.has_value());
}

TEST(MergeAgent2Plan, Agent2sOwnFindingsFollow18sThenItsDifferences) {
  const Diagnostic shared = make_diagnostic(Severity::error, "CD606", "1 file(s) ...", "/www/index.html", {});
  PlanReport one;
  one.warnings = {make_diagnostic(Severity::error, "CD611", "owner", "appspec.yml", {}), shared};
  PlanReport two;
  two.warnings = {make_diagnostic(Severity::warning, "CD613", "skipped", "appspec.yml", {}), shared};
  two.agent2_differences = {make_diagnostic(Severity::note, "CD615", "under agent 2.x, ...", "", {})};
  const PlanReport all = merge_agent2_plan(one, two);
  std::vector<std::string> codes;
  for (const Diagnostic& d : all.warnings) codes.push_back(d.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"CD611", "CD606", "CD613", "CD615"}));
  EXPECT_TRUE(all.predicts_failure());
}

}  // namespace
}  // namespace cdrun
