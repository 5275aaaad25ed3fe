// End to end: `cdrun plan` against roots written by the real `cdrun deploy`, and its predictions
// checked against what deploy then actually does.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>

#include "run_cdrun.h"

namespace cdrun::e2e {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::map<std::string, std::string> snapshot(const std::string& dir) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string what = std::to_string(static_cast<int>(it->symlink_status().type()));
    if (it->is_regular_file()) {
      what += " " + std::to_string(it->file_size()) + " " + std::to_string(fs::last_write_time(it->path()).time_since_epoch().count());
    }
    out[it->path().string()] = what;
  }
  return out;
}

class PlanE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("bundle/appspec.yml", "version: 0.0\nos: linux\nfiles:\n  - source: web\n    destination: " + path("www") +
                                         "\nhooks:\n  ApplicationStop:\n    - location: scripts/stop.sh\n      timeout: 60\n"
                                         "  AfterInstall:\n    - location: scripts/after.sh\n");
    dir_.write("bundle/scripts/stop.sh", "#!/bin/sh\necho stopping\n", 0755);
    dir_.write("bundle/scripts/after.sh", "#!/bin/sh\necho installed\n", 0755);
    dir_.write("bundle/web/index.html", "<html>\n");
    // The log directory too stays inside the test's directory.
    dir_.write("agent.yml", ":log_dir: " + path("log") + "\n");
  }

  std::string path(const std::string& relative) const { return dir_.path() + "/" + relative; }
  std::vector<std::string> options(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args{"-l", path("bundle"), "--root-dir", path("root"), "-c", path("agent.yml"), "-g", "grp"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
  Outcome run(const std::string& command, std::vector<std::string> extra = {}) const {
    std::vector<std::string> args{command};
    for (const std::string& a : options(std::move(extra))) args.push_back(a);
    return run_cdrun(args);
  }
  // Deploys and returns the deployment id codedeploy-local prints.
  std::string deploy() const {
    const Outcome out = run("deploy");
    EXPECT_EQ(out.exit_code, 0) << out.out << out.err;
    const std::string marker = "Starting to execute deployment from within folder " + path("root") + "/grp/";
    const size_t at = out.out.find(marker);
    if (at == std::string::npos) return {};
    return out.out.substr(at + marker.size(), out.out.find('\n', at) - at - marker.size());
  }

  TempDir dir_;
};

TEST_F(PlanE2E, SecondDeploymentShowsThePreviousRevisionsApplicationStop) {
  deploy();
  const std::string previous = deploy();
  ASSERT_FALSE(previous.empty());
  const auto before = snapshot(dir_.path());
  const Outcome text = run("plan");
  EXPECT_EQ(text.exit_code, 0) << text.out << text.err;
  EXPECT_TRUE(contains(text.out, "previous revision " + previous + "\n")) << text.out;
  EXPECT_TRUE(contains(text.out, "script: scripts/stop.sh (timeout 60 s)\n")) << text.out;

  const Outcome json = run("plan", {"--format", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.out << json.err;
  const nlohmann::json doc = nlohmann::json::parse(json.out);
  const nlohmann::json& stop = doc["events"][2];
  EXPECT_EQ(stop["name"], "ApplicationStop");
  EXPECT_EQ(stop["source"], "previous-revision");
  EXPECT_EQ(stop["revision"]["id"], previous);
  EXPECT_EQ(stop["appspec"], path("root") + "/grp/" + previous + "/deployment-archive/appspec.yml");
  EXPECT_EQ(stop["scripts"][0]["location"], "scripts/stop.sh");
  EXPECT_EQ(stop["scripts"][0]["timeout"], 60);
  // The files the last install put in place are in its cleanup list: no conflict.
  EXPECT_TRUE(doc["install"]["conflicts"].empty());
  EXPECT_EQ(snapshot(dir_.path()), before);
}

TEST_F(PlanE2E, FirstDeploymentPlanCreatesNoRoot) {
  const Outcome out = run("plan");
  EXPECT_EQ(out.exit_code, 0) << out.out << out.err;
  EXPECT_TRUE(contains(out.out, "skipped: first deployment of this group")) << out.out;
  EXPECT_FALSE(std::filesystem::exists(path("root")));
  EXPECT_FALSE(std::filesystem::exists(path("log")));
}

TEST_F(PlanE2E, PredictedMissingPreviousRevisionIsWhatDeployHits) {
  const std::string first = deploy();
  ASSERT_FALSE(first.empty());
  std::filesystem::remove_all(path("root") + "/grp/" + first);
  const Outcome plan = run("plan");
  EXPECT_EQ(plan.exit_code, 1) << plan.out;
  EXPECT_TRUE(contains(plan.out, "did not find an AppSpec file")) << plan.out;
  const Outcome deployed = run("deploy");
  EXPECT_EQ(deployed.exit_code, 1);
  EXPECT_TRUE(contains(deployed.out + deployed.err, "did not find an AppSpec file")) << deployed.out << deployed.err;
}

TEST_F(PlanE2E, PredictedDisallowConflictIsWhatDeployHits) {
  dir_.write("www/index.html", "not installed by CodeDeploy\n");
  const Outcome plan = run("plan");
  EXPECT_EQ(plan.exit_code, 1) << plan.out;
  EXPECT_TRUE(contains(plan.out, "\n  " + path("www/index.html") + "\n")) << plan.out;
  const Outcome deployed = run("deploy");
  EXPECT_EQ(deployed.exit_code, 1);
  EXPECT_TRUE(contains(deployed.out + deployed.err, "a specified file already exists at this location: " + path("www/index.html")))
      << deployed.out << deployed.err;
  EXPECT_EQ(run("plan", {"-b", "OVERWRITE"}).exit_code, 0);
}

TEST_F(PlanE2E, ErrorsAndWarningsHaveTheirOwnHeadings) {
  const std::string first = deploy();
  ASSERT_FALSE(first.empty());
  // A warning: the previous revision is gone, which --ignore-application-stop-failures lets pass.
  std::filesystem::remove_all(path("root") + "/grp/" + first);
  // An error: a file the new revision installs is already there and no earlier install owns it.
  dir_.write("bundle/web/new.html", "new\n");
  dir_.write("www/new.html", "not installed by CodeDeploy\n");
  const Outcome plan = run("plan", {"--ignore-application-stop-failures"});
  EXPECT_EQ(plan.exit_code, 1) << plan.out;
  const size_t errors = plan.out.find("\nERRORS:\n  error: ");
  const size_t warnings = plan.out.find("\nWARNINGS:\n  warning: ");
  ASSERT_NE(errors, std::string::npos) << plan.out;
  ASSERT_NE(warnings, std::string::npos) << plan.out;
  const std::string error_block = plan.out.substr(errors, warnings - errors);
  const std::string warning_block = plan.out.substr(warnings);
  EXPECT_TRUE(contains(error_block, "[CD606]")) << plan.out;
  EXPECT_FALSE(contains(error_block, "  warning: ")) << plan.out;
  EXPECT_TRUE(contains(warning_block, "[CD600]")) << plan.out;
  EXPECT_FALSE(contains(warning_block, "  error: ")) << plan.out;
  EXPECT_TRUE(contains(plan.out, "The deployment would fail: 1 problem above.\n")) << plan.out;
}

TEST_F(PlanE2E, DeployOptionErrorsAreDeploys) {
  const Outcome out = run_cdrun({"plan", "-l", path("bundle"), "-t", "rar"});
  EXPECT_EQ(out.exit_code, 1);
  EXPECT_EQ(out.out, "ERROR: type rar is not a valid type. Must be one of tgz,tar,zip,directory\n");
}

}  // namespace
}  // namespace cdrun::e2e
