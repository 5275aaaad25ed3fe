// `cdrun status` on deployment roots written by hand (agent-behavior.md §2): two groups, recorded
// deployments that are gone, cleanup lists, the missing root, and both output formats.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <utime.h>

#include <sstream>

#include "runner/cli/status_command.h"
#include "runner/plan/status_scan.h"
#include "bundle_test_support.h"

namespace cdrun {
namespace {

using bundle_test::contains;
using bundle_test::TempDir;

class StatusRootTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Group "web": two deployments kept, the newer one last successful and most recent.
    deployment("web", "d-AAAAAAAA1-local", 1000, /*scripts_log=*/true);
    deployment("web", "d-AAAAAAAA2-local", 2000, /*scripts_log=*/false);
    tmp_.write("root/deployment-instructions/web_last_successful_install", tmp_ / "root/web/d-AAAAAAAA2-local");
    tmp_.write("root/deployment-instructions/web_most_recent_install", tmp_ / "root/web/d-AAAAAAAA2-local");
    std::string cleanup;
    for (int i = 1; i <= 7; ++i) cleanup += "/srv/web/file" + std::to_string(i) + "\n";
    tmp_.write("root/deployment-instructions/web-cleanup", cleanup);
    // Group "api": its last successful deployment was deleted by hand; no cleanup list.
    deployment("api", "d-BBBBBBBB1-local", 3000, /*scripts_log=*/true);
    tmp_.write("root/deployment-instructions/api_last_successful_install", tmp_ / "root/api/d-BBBBBBBB0-local");
    tmp_.write("root/deployment-instructions/api_most_recent_install", tmp_ / "root/api/d-BBBBBBBB1-local");
    tmp_.mkdir("root/deployment-logs");
  }

  void deployment(const std::string& group, const std::string& id, long mtime, bool scripts_log) {
    const std::string relative = "root/" + group + "/" + id;
    tmp_.mkdir(relative + "/deployment-archive");
    if (scripts_log) tmp_.write(relative + "/logs/scripts.log", "LifecycleEvent - BeforeInstall\n");
    const utimbuf times{mtime, mtime};
    ::utime((tmp_ / relative).c_str(), &times);
  }

  int status(const StatusOptions& options) {
    out_.str("");
    err_.str("");
    return run_status(options, out_, err_);
  }

  TempDir tmp_;
  std::ostringstream out_, err_;
};

TEST_F(StatusRootTest, ScansEveryGroup) {
  const RootStatus root = scan_deployment_root(tmp_ / "root", std::nullopt);
  ASSERT_EQ(root.groups.size(), 2u);
  const GroupStatus& api = root.groups[0];
  const GroupStatus& web = root.groups[1];
  EXPECT_EQ(api.group, "api");
  EXPECT_EQ(web.group, "web");

  ASSERT_TRUE(web.last_successful.has_value());
  EXPECT_EQ(web.last_successful->id, "d-AAAAAAAA2-local");
  EXPECT_EQ(web.last_successful->dir, tmp_ / "root/web/d-AAAAAAAA2-local");
  EXPECT_TRUE(web.last_successful->exists);
  ASSERT_EQ(web.deployments.size(), 2u);
  EXPECT_EQ(web.deployments[0].id, "d-AAAAAAAA1-local");  // oldest first
  EXPECT_EQ(web.deployments[0].mtime, 1000);
  EXPECT_TRUE(web.deployments[0].has_scripts_log);
  EXPECT_EQ(web.deployments[1].id, "d-AAAAAAAA2-local");
  EXPECT_FALSE(web.deployments[1].has_scripts_log);
  EXPECT_TRUE(web.has_cleanup_list);
  ASSERT_EQ(web.cleanup_files.size(), 7u);
  EXPECT_EQ(web.cleanup_files.front(), "/srv/web/file1");
  EXPECT_EQ(web.cleanup_files.back(), "/srv/web/file7");

  ASSERT_TRUE(api.last_successful.has_value());
  EXPECT_EQ(api.last_successful->id, "d-BBBBBBBB0-local");
  EXPECT_FALSE(api.last_successful->exists);
  ASSERT_TRUE(api.most_recent.has_value());
  EXPECT_TRUE(api.most_recent->exists);
  EXPECT_FALSE(api.has_cleanup_list);
}

TEST_F(StatusRootTest, OneGroupOnly) {
  const RootStatus root = scan_deployment_root(tmp_ / "root", std::string("api"));
  ASSERT_EQ(root.groups.size(), 1u);
  EXPECT_EQ(root.groups[0].group, "api");
}

TEST_F(StatusRootTest, TextShowsTheFirstCleanupPathsAndGoneDeployments) {
  StatusOptions options;
  options.root_dir = tmp_ / "root";
  EXPECT_EQ(status(options), 0);
  const std::string text = out_.str();
  EXPECT_TRUE(contains(text, "last successful: d-AAAAAAAA2-local (" + tmp_ / "root/web/d-AAAAAAAA2-local" + ")\n")) << text;
  EXPECT_TRUE(contains(text, "d-BBBBBBBB0-local (" + tmp_ / "root/api/d-BBBBBBBB0-local" + ") GONE")) << text;
  EXPECT_TRUE(contains(text, "/srv/web/file5\n")) << text;
  EXPECT_FALSE(contains(text, "/srv/web/file6")) << text;
  EXPECT_TRUE(contains(text, "... and 2 more")) << text;
}

TEST_F(StatusRootTest, JsonHasEveryCleanupPath) {
  StatusOptions options;
  options.root_dir = tmp_ / "root";
  options.group = "web";
  options.format = "json";
  EXPECT_EQ(status(options), 0);
  const nlohmann::json doc = nlohmann::json::parse(out_.str());
  ASSERT_EQ(doc["groups"].size(), 1u);
  const nlohmann::json& web = doc["groups"][0];
  EXPECT_EQ(web["name"], "web");
  EXPECT_EQ(web["last_successful"]["id"], "d-AAAAAAAA2-local");
  EXPECT_EQ(web["last_successful"]["exists"], true);
  EXPECT_EQ(web["cleanup"]["count"], 7);
  EXPECT_EQ(web["cleanup"]["paths"].size(), 7u);
  EXPECT_EQ(web["deployments"][0]["modified"], "1970-01-01T00:16:40Z");
}

TEST_F(StatusRootTest, RootFromTheAgentConfiguration) {
  tmp_.write("agent.yml", ":root_dir: " + tmp_ / "root" + "\n");
  StatusOptions options;
  options.config_file = tmp_ / "agent.yml";
  EXPECT_EQ(status(options), 0);
  EXPECT_TRUE(contains(out_.str(), "Deployment root: " + tmp_ / "root" + "\n")) << out_.str();
}

TEST_F(StatusRootTest, MissingRootExitsTwo) {
  StatusOptions options;
  options.root_dir = tmp_ / "absent";
  EXPECT_EQ(status(options), 2);
  EXPECT_TRUE(out_.str().empty());
  EXPECT_TRUE(contains(err_.str(), "cdrun: error: the deployment root " + tmp_ / "absent" + " does not exist")) << err_.str();
}

TEST_F(StatusRootTest, ReadsWithoutWriting) {
  struct stat before {};
  ASSERT_EQ(::stat((tmp_ / "root/web/d-AAAAAAAA1-local").c_str(), &before), 0);
  StatusOptions options;
  options.root_dir = tmp_ / "root";
  EXPECT_EQ(status(options), 0);
  struct stat after {};
  ASSERT_EQ(::stat((tmp_ / "root/web/d-AAAAAAAA1-local").c_str(), &after), 0);
  EXPECT_EQ(after.st_mtime, before.st_mtime);
  EXPECT_FALSE(bundle_test::contains(out_.str(), "deployment-logs"));
}

}  // namespace
}  // namespace cdrun
