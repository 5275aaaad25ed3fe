// check_bundle: hook scripts and files sources resolved as the agent resolves them.
#include <gtest/gtest.h>

#include "appspec/bundle/bundle.h"
#include "appspec/bundle/bundle_checks.h"
#include "bundle_test_support.h"

namespace cdrun {
namespace {

using bundle_test::ArchiveFormat;
using bundle_test::contains;
using bundle_test::TempDir;
using bundle_test::with_code;
using bundle_test::write_archive;
namespace bt = bundle_test;

ScriptSpec script(const std::string& location, int line) {
  ScriptSpec s;
  s.location = location;
  s.position = {line, 7};
  return s;
}

FileSpec file_spec(const std::string& source, int line) {
  FileSpec f;
  f.source = source;
  f.destination = "/srv/app";
  f.position = {line, 5};
  return f;
}

// The one diagnostic with `code`, checked; an empty one (after a recorded failure) otherwise.
Diagnostic expect_at(const Diagnostics& all, const std::string& code, Severity severity, const std::string& file,
                     int line, int column) {
  const Diagnostics found = with_code(all, code);
  EXPECT_EQ(found.size(), 1u) << code;
  if (found.size() != 1) return {};
  EXPECT_EQ(found[0].severity, severity) << code;
  EXPECT_EQ(found[0].file, file) << code;
  EXPECT_EQ(found[0].position.line, line) << code;
  EXPECT_EQ(found[0].position.column, column) << code;
  return found[0];
}

class BundleChecks : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("appspec.yml", "version: 0.0\n");
    dir_.write("scripts/install_dependencies.sh", "#!/bin/bash\nyum install -y httpd\n", 0755);
    dir_.write("scripts/start.sh", "#!/bin/sh\r\nsystemctl start httpd\r\n", 0644);
    dir_.write("config/app.conf", "x=1\n");
  }
  Diagnostics check(const Ec2AppSpec& spec) {
    opened_ = open_bundle(dir_.path());
    EXPECT_TRUE(opened_.bundle) << opened_.error;
    BundleCheckInput input;
    input.bundle = opened_.bundle.get();
    input.location = locate_appspec(*opened_.bundle, std::nullopt);
    input.appspec = &spec;
    input.appspec_display = "appspec.yml";
    return check_bundle(input);
  }
  TempDir dir_;
  OpenedBundle opened_;
};

TEST_F(BundleChecks, MissingScriptQuotesTheAgentAndSuggestsTheCloseName) {
  Ec2AppSpec spec;
  spec.hooks.push_back(HookSpec{"BeforeInstall", nullptr, {7, 3}, {script("scripts/install-dependencies.sh", 8)}});
  const Diagnostics d = check(spec);
  ASSERT_EQ(d.size(), 1u);
  expect_at(d, "CD330", Severity::error, "appspec.yml", 8, 7);
  EXPECT_TRUE(contains(d[0].message, "Script does not exist at specified location: "
                                     ".../deployment-archive/scripts/install-dependencies.sh"));
  EXPECT_TRUE(contains(d[0].hint, "\"scripts/install_dependencies.sh\""));
}

TEST_F(BundleChecks, ReferenceProblemsPointAtTheAppspecEntry) {
  dir_.mkdir("scripts/lib");
  Ec2AppSpec spec;
  spec.hooks.push_back(HookSpec{"AfterInstall", nullptr, {9, 3},
                                {script("scripts/my script.sh", 10), script("../outside.sh", 11),
                                 script("scripts/../../x.sh", 12), script("scripts/lib", 13)}});
  const Diagnostics d = check(spec);
  expect_at(d, "CD331", Severity::error, "appspec.yml", 10, 7);
  const Diagnostics leaving = with_code(d, "CD332");
  ASSERT_EQ(leaving.size(), 2u);
  EXPECT_EQ(leaving[0].position.line, 11);
  EXPECT_EQ(leaving[1].position.line, 12);
  expect_at(d, "CD333", Severity::error, "appspec.yml", 13, 7);
  EXPECT_EQ(d.size(), 4u);
}

TEST_F(BundleChecks, LeadingSlashIsJoinedToTheRootAndContentIsLinted) {
  Ec2AppSpec spec;
  spec.hooks.push_back(HookSpec{"ApplicationStart", nullptr, {11, 3}, {script("/scripts/start.sh", 12)}});
  spec.hooks.push_back(HookSpec{"ValidateService", nullptr, {13, 3}, {script("scripts/start.sh", 14)}});
  const Diagnostics d = check(spec);
  const std::string shown = dir_ / "scripts/start.sh";
  // Linted once although two hooks name it.
  expect_at(d, "CD351", Severity::error, shown, 1, 10);
  expect_at(d, "CD358", Severity::note, shown, 0, 0);
  EXPECT_TRUE(with_code(d, "CD330").empty());
  EXPECT_EQ(d.size(), 2u);
}

TEST_F(BundleChecks, WindowsAppspecsSkipShellLint) {
  Ec2AppSpec spec;
  spec.os = "windows";
  spec.hooks.push_back(HookSpec{"ApplicationStart", nullptr, {11, 3}, {script("scripts/start.sh", 12)}});
  EXPECT_TRUE(check(spec).empty());
}

TEST_F(BundleChecks, FilesSources) {
  Ec2AppSpec spec;
  spec.files = {file_spec("/", 3), file_spec("./config", 4), file_spec("config/app.conf", 5),
                file_spec("config/app.cnf", 6), file_spec("../etc", 7)};
  const Diagnostics d = check(spec);
  const Diagnostic missing = expect_at(d, "CD340", Severity::error, "appspec.yml", 6, 5);
  EXPECT_TRUE(contains(missing.message, "\"config/app.cnf\""));
  EXPECT_TRUE(contains(missing.hint, "\"config/app.conf\""));
  expect_at(d, "CD341", Severity::error, "appspec.yml", 7, 5);
  EXPECT_EQ(d.size(), 2u);
}

TEST_F(BundleChecks, NoAppspecMeansEntryChecksOnly) {
  dir_.symlink("/etc", "etc");
  opened_ = open_bundle(dir_.path());
  ASSERT_TRUE(opened_.bundle);
  BundleCheckInput input;
  input.bundle = opened_.bundle.get();
  const Diagnostics d = check_bundle(input);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "CD322");
}

TEST(BundleChecksArchive, ScriptsResolveUnderTheStrippedWrapperAndThroughLinks) {
  TempDir dir;
  const std::string path = dir / "bundle.tgz";
  ASSERT_TRUE(write_archive(path, ArchiveFormat::tgz,
                            {bt::file("app/appspec.yml", "version: 0.0\n"),
                             bt::file("app/scripts/start.sh", "#!/bin/bash\nsleep 100 &\n", 0755),
                             bt::symlink("app/bin", "scripts")}));
  OpenedBundle opened = open_bundle(path);
  ASSERT_TRUE(opened.bundle) << opened.error;
  Ec2AppSpec spec;
  spec.hooks.push_back(HookSpec{"ApplicationStart", nullptr, {5, 3}, {script("bin/start.sh", 6)}});
  BundleCheckInput input;
  input.bundle = opened.bundle.get();
  input.location = locate_appspec(*opened.bundle, std::nullopt);
  ASSERT_EQ(input.location.root_prefix, "app/");
  input.appspec = &spec;
  input.appspec_display = "bundle.tgz!app/appspec.yml";
  const Diagnostics d = check_bundle(input);
  ASSERT_EQ(d.size(), 1u);
  expect_at(d, "CD355", Severity::warning, path + "!app/scripts/start.sh", 2, 11);
}

}  // namespace
}  // namespace cdrun
