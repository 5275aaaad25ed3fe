// run_plan_command: deploy's options, its errors, both output formats, the exit status, and the
// promise that nothing is written anywhere.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <sstream>

#include "runner/cli/plan_command.h"
#include "bundle_test_support.h"

namespace cdrun {
namespace {

using bundle_test::contains;
using bundle_test::TempDir;

// Every path under `dir` with its type, size and modification time.
std::map<std::string, std::string> snapshot(const std::string& dir) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::file_status status = it->symlink_status();
    std::string what = std::to_string(static_cast<int>(status.type()));
    if (fs::is_regular_file(status)) {
      what += " " + std::to_string(it->file_size()) + " " +
              std::to_string(fs::last_write_time(it->path()).time_since_epoch().count());
    }
    out[it->path().string()] = what;
  }
  return out;
}

class PlanCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tmp_.write("bundle/appspec.yml",
               "version: 0.0\nos: linux\nfiles:\n  - source: web\n    destination: " + tmp_ / "www" +
                   "\nhooks:\n  ApplicationStop:\n    - location: stop.sh\n");
    tmp_.write("bundle/stop.sh", "#!/bin/sh\n", 0755);
    tmp_.write("bundle/web/index.html", "<html>");
  }

  int plan(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    return run_plan_command(args, "cdrun plan", out_, err_);
  }
  std::vector<std::string> base() const { return {"--root-dir", tmp_ / "root", "-l", tmp_ / "bundle", "-g", "grp"}; }

  // A previous deployment of group grp, as the agent leaves it.
  void previous() const {
    const std::string dir = tmp_ / "root/grp/d-OLD000001-local";
    tmp_.write("root/grp/d-OLD000001-local/deployment-archive/appspec.yml",
               "version: 0.0\nos: linux\nhooks:\n  ApplicationStop:\n    - location: scripts/old-stop.sh\n      timeout: 90\n");
    tmp_.write("root/grp/d-OLD000001-local/deployment-archive/scripts/old-stop.sh", "#!/bin/sh\n", 0755);
    tmp_.write("root/deployment-instructions/grp_last_successful_install", dir);
    tmp_.write("root/deployment-instructions/grp-cleanup", tmp_ / "www/index.html" + "\n");
    tmp_.write("www/index.html", "old");
  }

  TempDir tmp_;
  std::ostringstream out_, err_;
};

TEST_F(PlanCommandTest, WritesNothingAnywhere) {
  previous();
  tmp_.write("config.yml", ":root_dir: " + tmp_ / "root" + "\n:log_dir: " + tmp_ / "log" + "\n");
  const auto before = snapshot(tmp_.path());
  EXPECT_EQ(plan({"-c", tmp_ / "config.yml", "-l", tmp_ / "bundle", "-g", "grp"}), 0) << out_.str();
  // Group "other" does not own www/index.html: a predicted conflict, still nothing written.
  EXPECT_EQ(plan({"-c", tmp_ / "config.yml", "-l", tmp_ / "bundle", "-g", "other", "--format", "json"}), 1) << out_.str();
  EXPECT_EQ(snapshot(tmp_.path()), before);
  EXPECT_FALSE(std::filesystem::exists(tmp_ / "log"));
}

TEST_F(PlanCommandTest, DoesNotCreateAMissingRoot) {
  EXPECT_EQ(plan({"--root-dir", tmp_ / "nothing/here", "-l", tmp_ / "bundle"}), 0) << out_.str();
  EXPECT_FALSE(std::filesystem::exists(tmp_ / "nothing"));
  EXPECT_TRUE(contains(out_.str(), "skipped: first deployment of this group"));
}

TEST_F(PlanCommandTest, TextNamesThePreviousRevisionsScript) {
  previous();
  EXPECT_EQ(plan(base()), 0) << out_.str();
  EXPECT_TRUE(contains(out_.str(), "previous revision: d-OLD000001-local (" + tmp_ / "root/grp/d-OLD000001-local" + ")\n"))
      << out_.str();
  EXPECT_TRUE(contains(out_.str(), "previous revision d-OLD000001-local\n")) << out_.str();
  EXPECT_TRUE(contains(out_.str(), "previous revision d-OLD000001-local, no scripts\n")) << out_.str();
  EXPECT_TRUE(contains(out_.str(), "script: scripts/old-stop.sh (timeout 90 s)")) << out_.str();
  EXPECT_TRUE(contains(out_.str(), "No failure predicted.")) << out_.str();
}

TEST_F(PlanCommandTest, JsonCarriesTheSameInformation) {
  std::vector<std::string> args = base();
  args.insert(args.end(), {"--format", "json"});
  EXPECT_EQ(plan(args), 0);
  const nlohmann::json doc = nlohmann::json::parse(out_.str());
  ASSERT_EQ(doc["events"].size(), 11u);
  EXPECT_EQ(doc["events"][2]["name"], "ApplicationStop");
  EXPECT_EQ(doc["events"][2]["source"], "skipped-first-deployment");
  EXPECT_EQ(doc["events"][3]["name"], "DownloadBundle");
  EXPECT_EQ(doc["install"]["file_count"], 1);
  EXPECT_EQ(doc["install"]["files"][0]["destination"], tmp_ / "www");
  EXPECT_TRUE(doc["previous_revision"].is_null());
  EXPECT_EQ(doc["predicts_failure"], false);
}

TEST_F(PlanCommandTest, PredictedFailureExitsOne) {
  tmp_.write("root/deployment-instructions/grp_last_successful_install", tmp_ / "root/grp/d-GONE00001-local");
  EXPECT_EQ(plan(base()), 1);
  EXPECT_TRUE(contains(out_.str(), "did not find an AppSpec file")) << out_.str();
  EXPECT_TRUE(contains(out_.str(), "[CD600]")) << out_.str();
}

TEST_F(PlanCommandTest, DisallowConflictExitsOneAndListsTheFile) {
  tmp_.write("www/index.html", "not ours");
  EXPECT_EQ(plan(base()), 1);
  EXPECT_TRUE(contains(out_.str(), "\n  " + tmp_ / "www/index.html" + "\n")) << out_.str();
  std::vector<std::string> overwrite = base();
  overwrite.insert(overwrite.end(), {"-b", "overwrite"});
  EXPECT_EQ(plan(overwrite), 0) << out_.str();
}

TEST_F(PlanCommandTest, EventsReorderWarnsButDoesNotFail) {
  previous();
  std::vector<std::string> args = base();
  args.insert(args.end(), {"--events", "ApplicationStop"});
  EXPECT_EQ(plan(args), 0) << out_.str();
  EXPECT_TRUE(contains(out_.str(), "[CD242]")) << out_.str();
}

TEST_F(PlanCommandTest, DeploysValidationErrorsAreReportedTheSameWay) {
  std::vector<std::string> args = base();
  args.insert(args.end(), {"-t", "rar"});
  EXPECT_EQ(plan(args), 1);
  EXPECT_EQ(out_.str(), "ERROR: type rar is not a valid type. Must be one of tgz,tar,zip,directory\n");
  EXPECT_EQ(plan({"-l", tmp_ / "absent"}), 1);
  EXPECT_EQ(out_.str(), "ERROR: location " + tmp_ / "absent" + " is specified as a file or directory which does not exist\n");
  EXPECT_EQ(plan({"--bogus"}), 1);
  EXPECT_EQ(err_.str(), "cdrun plan: unknown option '--bogus'\nTry 'cdrun plan --help' for more information.\n");
}

}  // namespace
}  // namespace cdrun
