// build_plan's Install predictions (agent-behavior.md §4.2-4.5): which files the appspec's `files`
// install, which already exist and would stop a DISALLOW install, and the hook-name check.
#include <gtest/gtest.h>

#include <algorithm>

#include "runner/plan/plan_builder.h"
#include "bundle_test_support.h"

namespace cdrun {
namespace {

using bundle_test::TempDir;
using bundle_test::with_code;

class PlanInstallTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tmp_.write("bundle/web/index.html", "<html>");
    tmp_.write("bundle/web/css/site.css", "body{}");
    tmp_.write("bundle/config/app.conf", "x=1");
    request_.root_dir = tmp_ / "root";
    request_.group = "grp";
    request_.bundle_path = tmp_ / "bundle";
    request_.cwd = tmp_.path();
    tmp_.mkdir("www");
    tmp_.mkdir("etc");
  }

  void appspec(const std::string& extra = "") {
    tmp_.write("bundle/appspec.yml", "version: 0.0\nos: linux\nfiles:\n"
                                     "  - source: web\n    destination: " + tmp_ / "www" + "\n"
                                     "  - source: config/app.conf\n    destination: " + tmp_ / "etc" + "\n" + extra);
  }

  TempDir tmp_;
  PlanRequest request_;
};

TEST_F(PlanInstallTest, MapsDirectoryContentsAndFileBasenames) {
  appspec();
  const PlanReport report = build_plan(request_);
  ASSERT_EQ(report.files.size(), 2u);
  EXPECT_TRUE(report.files[0].source_is_directory);
  std::vector<std::string> web = report.files[0].targets;
  std::sort(web.begin(), web.end());
  EXPECT_EQ(web, (std::vector<std::string>{tmp_ / "www/css/site.css", tmp_ / "www/index.html"}));
  EXPECT_FALSE(report.files[1].source_is_directory);
  EXPECT_EQ(report.files[1].targets, (std::vector<std::string>{tmp_ / "etc/app.conf"}));
  EXPECT_EQ(report.file_count, 3u);
  EXPECT_TRUE(report.conflicts.empty());
  EXPECT_FALSE(report.predicts_failure());
}

TEST_F(PlanInstallTest, WholeBundleSourceCopiesEveryFile) {
  tmp_.write("bundle/appspec.yml", "version: 0.0\nos: linux\nfiles:\n  - source: /\n    destination: /srv/app\n");
  const PlanReport report = build_plan(request_);
  ASSERT_EQ(report.files.size(), 1u);
  std::vector<std::string> targets = report.files[0].targets;
  std::sort(targets.begin(), targets.end());
  EXPECT_EQ(targets, (std::vector<std::string>{"/srv/app/appspec.yml", "/srv/app/config/app.conf",
                                               "/srv/app/web/css/site.css", "/srv/app/web/index.html"}));
}

TEST_F(PlanInstallTest, ArchiveWithAStrippedTopDirectory) {
  ASSERT_TRUE(bundle_test::write_archive(
      tmp_ / "bundle.tgz", bundle_test::ArchiveFormat::tgz,
      {bundle_test::dir("app/"),
       bundle_test::file("app/appspec.yml", "version: 0.0\nos: linux\nfiles:\n  - source: site\n    destination: /srv/site\n"),
       bundle_test::file("app/site/a.txt", "a"), bundle_test::file("app/site/sub/b.txt", "b")}));
  request_.bundle_path = tmp_ / "bundle.tgz";
  request_.bundle_kind = BundleKind::tgz;
  const PlanReport report = build_plan(request_);
  EXPECT_EQ(report.bundle_root, "app/");
  ASSERT_EQ(report.files.size(), 1u);
  std::vector<std::string> targets = report.files[0].targets;
  std::sort(targets.begin(), targets.end());
  EXPECT_EQ(targets, (std::vector<std::string>{"/srv/site/a.txt", "/srv/site/sub/b.txt"}));
  EXPECT_EQ(report.install_appspec, tmp_ / "bundle.tgz" + "!app/appspec.yml");
}

TEST_F(PlanInstallTest, ExistingFileIsADisallowConflict) {
  appspec();
  tmp_.write("www/index.html", "someone else's");
  const PlanReport report = build_plan(request_);
  EXPECT_EQ(report.conflicts, (std::vector<std::string>{tmp_ / "www/index.html"}));
  const Diagnostics found = with_code(report.warnings, "CD606");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(bundle_test::contains(found[0].message,
                                    "The deployment failed because a specified file already exists at this location: " +
                                        tmp_ / "www/index.html"));
  EXPECT_TRUE(report.predicts_failure());
}

TEST_F(PlanInstallTest, FileInTheCleanupListIsNoConflict) {
  appspec();
  tmp_.write("www/index.html", "installed by the previous deployment");
  tmp_.write("root/deployment-instructions/grp-cleanup", tmp_ / "www/index.html" + "\n");
  const PlanReport report = build_plan(request_);
  EXPECT_TRUE(report.conflicts.empty());
  EXPECT_TRUE(with_code(report.warnings, "CD606").empty());
  EXPECT_FALSE(report.predicts_failure());
}

TEST_F(PlanInstallTest, AnotherGroupsCleanupListDoesNotHelp) {
  appspec();
  tmp_.write("www/index.html", "installed by another group");
  tmp_.write("root/deployment-instructions/other-cleanup", tmp_ / "www/index.html" + "\n");
  const PlanReport report = build_plan(request_);
  EXPECT_EQ(report.conflicts, (std::vector<std::string>{tmp_ / "www/index.html"}));
}

TEST_F(PlanInstallTest, OverwriteOptionListsNoConflict) {
  appspec();
  tmp_.write("www/index.html", "x");
  request_.file_exists_behavior = "OVERWRITE";
  const PlanReport report = build_plan(request_);
  EXPECT_TRUE(report.conflicts.empty());
  EXPECT_FALSE(report.predicts_failure());
}

TEST_F(PlanInstallTest, AppSpecRetainWinsOverTheOption) {
  appspec("file_exists_behavior: RETAIN\n");
  tmp_.write("www/index.html", "x");
  const PlanReport report = build_plan(request_);
  EXPECT_EQ(report.file_exists_behavior, "RETAIN");
  EXPECT_TRUE(report.conflicts.empty());
}

TEST_F(PlanInstallTest, MissingFilesSourceIsReported) {
  tmp_.write("bundle/appspec.yml", "version: 0.0\nos: linux\nfiles:\n  - source: nothere\n    destination: /srv\n");
  const PlanReport report = build_plan(request_);
  ASSERT_EQ(report.files.size(), 1u);
  EXPECT_TRUE(report.files[0].source_missing);
  EXPECT_EQ(with_code(report.warnings, "CD607").size(), 1u);
  EXPECT_TRUE(report.predicts_failure());
}

TEST_F(PlanInstallTest, UnknownHookNameFailsInstall) {
  tmp_.write("bundle/appspec.yml", "version: 0.0\nos: linux\nhooks:\n  ApplicationStrat:\n    - location: s.sh\n");
  tmp_.write("bundle/s.sh", "#!/bin/sh\n", 0755);
  const PlanReport report = build_plan(request_);
  const Diagnostics found = with_code(report.warnings, "CD605");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message, "appspec.yml file contains unknown lifecycle events: [\"ApplicationStrat\"]");
  EXPECT_TRUE(report.predicts_failure());
}

TEST_F(PlanInstallTest, YamlOnlyBundleFailsAtTheFirstHookEvent) {
  tmp_.write("bundle/appspec.yaml", "version: 0.0\nos: linux\n");
  const PlanReport report = build_plan(request_);
  EXPECT_EQ(with_code(report.warnings, "CD302").size(), 1u);
  EXPECT_EQ(report.install_appspec, tmp_ / "bundle/appspec.yaml");
  for (const PlanEvent& event : report.events) {
    if (event.name == "BeforeInstall") {
      EXPECT_EQ(event.failure, "the bundle has no appspec.yml");
    }
  }
  EXPECT_TRUE(report.predicts_failure());

  request_.appspec_filename = "appspec.yaml";
  const PlanReport named = build_plan(request_);
  EXPECT_TRUE(with_code(named.warnings, "CD302").empty());
  EXPECT_FALSE(named.predicts_failure());
}

}  // namespace
}  // namespace cdrun
