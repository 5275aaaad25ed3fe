// locate_appspec: the agent's single-top-directory stripping and appspec name rules.
#include <gtest/gtest.h>

#include "appspec/bundle/bundle.h"
#include "bundle_test_support.h"

namespace cdrun {
namespace {

using bundle_test::ArchiveFormat;
using bundle_test::contains;
using bundle_test::Member;
using bundle_test::TempDir;
using bundle_test::with_code;
using bundle_test::write_archive;
namespace bt = bundle_test;

class BundleLayout : public ::testing::Test {
 protected:
  AppSpecLocation locate_archive(ArchiveFormat format, const std::vector<Member>& members,
                                 std::optional<std::string> name = std::nullopt) {
    const std::string path = dir_ / "bundle";
    EXPECT_TRUE(write_archive(path, format, members));
    opened_ = open_bundle(path);
    EXPECT_TRUE(opened_.bundle) << opened_.error;
    return opened_.bundle ? locate_appspec(*opened_.bundle, name) : AppSpecLocation{};
  }
  AppSpecLocation locate_directory(std::optional<std::string> name = std::nullopt) {
    opened_ = open_bundle(dir_.path());
    EXPECT_TRUE(opened_.bundle) << opened_.error;
    return opened_.bundle ? locate_appspec(*opened_.bundle, name) : AppSpecLocation{};
  }
  TempDir dir_;
  OpenedBundle opened_;
};

TEST_F(BundleLayout, AppSpecAtTheRootOfAZip) {
  const AppSpecLocation at = locate_archive(ArchiveFormat::zip, {bt::file("appspec.yml", "v"), bt::file("s.sh", "")});
  EXPECT_EQ(at.root_prefix, "");
  EXPECT_EQ(at.appspec_path, "appspec.yml");
  EXPECT_EQ(at.hooks_appspec, "appspec.yml");
  EXPECT_TRUE(at.diagnostics.empty());
}

TEST_F(BundleLayout, SingleWrapperDirectoryIsStrippedWithANote) {
  const AppSpecLocation at = locate_archive(
      ArchiveFormat::tgz, {bt::dir("myapp/"), bt::file("myapp/appspec.yml", "v"), bt::file("myapp/scripts/start.sh", "")});
  EXPECT_EQ(at.root_prefix, "myapp/");
  EXPECT_EQ(at.appspec_path, "myapp/appspec.yml");
  EXPECT_EQ(at.hooks_appspec, "myapp/appspec.yml");
  ASSERT_EQ(at.diagnostics.size(), 1u);
  EXPECT_EQ(at.diagnostics[0].code, "CD305");
  EXPECT_EQ(at.diagnostics[0].severity, Severity::note);
  EXPECT_TRUE(contains(at.diagnostics[0].message, "\"myapp/\""));
}

TEST_F(BundleLayout, WrapperWithoutAnExplicitDirectoryMemberIsStrippedToo) {
  const AppSpecLocation at = locate_archive(ArchiveFormat::zip, {bt::file("w/appspec.yml", "v")});
  EXPECT_EQ(at.root_prefix, "w/");
  EXPECT_EQ(at.hooks_appspec, "w/appspec.yml");
}

TEST_F(BundleLayout, StrippingKeysOnAnyNameMatchingAppspec) {
  // README-AppSpec.md makes the agent strip "w/", but the appspec itself is one level deeper.
  const AppSpecLocation at =
      locate_archive(ArchiveFormat::tar, {bt::file("w/README-AppSpec.md", "x"), bt::file("w/deploy/appspec.yml", "v")});
  EXPECT_EQ(at.root_prefix, "w/");
  EXPECT_EQ(at.appspec_path, "");
  const Diagnostics missing = with_code(at.diagnostics, "CD301");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_TRUE(contains(missing[0].message, "found \"w/deploy/appspec.yml\""));
  EXPECT_TRUE(contains(missing[0].message, "at most one top-level directory"));
}

TEST_F(BundleLayout, SecondRootEntryPreventsStripping) {
  const AppSpecLocation at =
      locate_archive(ArchiveFormat::tgz, {bt::file("myapp/appspec.yml", "v"), bt::file("README.md", "x")});
  EXPECT_EQ(at.root_prefix, "");
  EXPECT_EQ(at.appspec_path, "");
  EXPECT_EQ(at.hooks_appspec, "");
  const Diagnostics missing = with_code(at.diagnostics, "CD301");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].severity, Severity::error);
  EXPECT_TRUE(contains(missing[0].message, "found \"myapp/appspec.yml\""));
  EXPECT_TRUE(contains(missing[0].message, "only entry"));
  EXPECT_TRUE(contains(missing[0].message, "\"README.md\""));
  EXPECT_TRUE(contains(missing[0].hint, "tar -C myapp -czf bundle.tgz ."));
}

TEST_F(BundleLayout, MacosxFolderInAFinderZipPreventsStripping) {
  const AppSpecLocation at = locate_archive(
      ArchiveFormat::zip, {bt::file("myapp/appspec.yml", "v"), bt::file("__MACOSX/myapp/._appspec.yml", "x")});
  EXPECT_EQ(at.root_prefix, "");
  EXPECT_EQ(at.appspec_path, "");
  const Diagnostics missing = with_code(at.diagnostics, "CD301");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_TRUE(contains(missing[0].message, "\"__MACOSX\""));
  EXPECT_TRUE(contains(missing[0].hint, "remove \"__MACOSX\""));
  const Diagnostics litter = with_code(at.diagnostics, "CD304");
  ASSERT_EQ(litter.size(), 1u);
  EXPECT_EQ(litter[0].severity, Severity::warning);
  EXPECT_TRUE(contains(litter[0].hint, "zip -d"));
}

TEST_F(BundleLayout, YamlOnlyWithoutFilenameFailsEveryHookEvent) {
  dir_.write("appspec.yaml", "version: 0.0\n");
  const AppSpecLocation at = locate_directory();
  EXPECT_EQ(at.appspec_path, "appspec.yaml");
  EXPECT_EQ(at.hooks_appspec, "");
  ASSERT_EQ(at.diagnostics.size(), 1u);
  EXPECT_EQ(at.diagnostics[0].code, "CD302");
  EXPECT_EQ(at.diagnostics[0].severity, Severity::error);
  EXPECT_TRUE(contains(at.diagnostics[0].message, "path \\\"appspec.yml\\\""));
  EXPECT_TRUE(contains(at.diagnostics[0].hint, "--appspec-filename appspec.yaml"));
}

TEST_F(BundleLayout, YamlWithMatchingFilenameIsFine) {
  dir_.write("appspec.yaml", "version: 0.0\n");
  const AppSpecLocation at = locate_directory(std::string("appspec.yaml"));
  EXPECT_EQ(at.appspec_path, "appspec.yaml");
  EXPECT_EQ(at.hooks_appspec, "appspec.yaml");
  EXPECT_TRUE(at.diagnostics.empty());
}

TEST_F(BundleLayout, CustomFilenameMissingFallsBackOnlyAtInstall) {
  dir_.write("appspec.yml", "version: 0.0\n");
  const AppSpecLocation at = locate_directory(std::string("custom.yml"));
  EXPECT_EQ(at.appspec_path, "appspec.yml");
  EXPECT_EQ(at.hooks_appspec, "");
  ASSERT_EQ(with_code(at.diagnostics, "CD302").size(), 1u);
  EXPECT_TRUE(contains(at.diagnostics[0].message, "custom.yml"));
}

TEST_F(BundleLayout, CustomFilenameInASubdirectory) {
  dir_.write("deploy/spec.yml", "version: 0.0\n");
  const AppSpecLocation at = locate_directory(std::string("/deploy/spec.yml"));
  EXPECT_EQ(at.appspec_path, "deploy/spec.yml");
  EXPECT_EQ(at.hooks_appspec, "deploy/spec.yml");
  EXPECT_TRUE(at.diagnostics.empty());
}

TEST_F(BundleLayout, BothYmlAndYamlIsANote) {
  dir_.write("appspec.yml", "version: 0.0\n");
  dir_.write("appspec.yaml", "version: 0.0\n");
  const AppSpecLocation at = locate_directory();
  EXPECT_EQ(at.appspec_path, "appspec.yml");
  ASSERT_EQ(at.diagnostics.size(), 1u);
  EXPECT_EQ(at.diagnostics[0].code, "CD303");
  EXPECT_EQ(at.diagnostics[0].severity, Severity::note);
}

TEST_F(BundleLayout, DirectoryBundlesAreNeverStripped) {
  dir_.write("src/appspec.yml", "version: 0.0\n");
  const AppSpecLocation at = locate_directory();
  EXPECT_EQ(at.root_prefix, "");
  ASSERT_EQ(at.diagnostics.size(), 1u);
  EXPECT_EQ(at.diagnostics[0].code, "CD301");
  EXPECT_TRUE(contains(at.diagnostics[0].message, "directory bundle is used as it is"));
  EXPECT_TRUE(contains(at.diagnostics[0].hint, dir_ / "src"));
}

TEST_F(BundleLayout, WrongCaseNameGetsARenameHint) {
  dir_.write("AppSpec.yml", "version: 0.0\n");
  const AppSpecLocation at = locate_directory();
  ASSERT_EQ(at.diagnostics.size(), 1u);
  EXPECT_EQ(at.diagnostics[0].code, "CD301");
  EXPECT_TRUE(contains(at.diagnostics[0].hint, "rename \"AppSpec.yml\" to \"appspec.yml\""));
}

TEST_F(BundleLayout, DsStoreIsAWarning) {
  dir_.write("appspec.yml", "version: 0.0\n");
  dir_.write("scripts/.DS_Store", "x");
  const AppSpecLocation at = locate_directory();
  ASSERT_EQ(at.diagnostics.size(), 1u);
  EXPECT_EQ(at.diagnostics[0].code, "CD304");
  EXPECT_TRUE(contains(at.diagnostics[0].message, "\"scripts/.DS_Store\""));
}

}  // namespace
}  // namespace cdrun
