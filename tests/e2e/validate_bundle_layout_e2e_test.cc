// End to end: where the agent finds the appspec in a bundle (CD301-CD304) for directories and
// archives: copies one level too deep, two roots, Finder litter, the .yaml fallback.
#include <gtest/gtest.h>

#include "bundle_builder.h"
#include "validate_bundle_expect.h"

namespace cdrun::e2e {
namespace {

const std::string kMinimal = "version: 0.0\nos: linux\n";
const std::string kAppleDouble("\0\x05\x16\x07", 4);  // the AppleDouble magic number
const std::string kNeither = "neither appspec.yml nor appspec.yaml is at the bundle root";

TEST(ValidateBundleLayoutE2E, CD301DirectoryBundleIsNotStripped) {
  TempDir dir;
  dir.write("sub/appspec.yml", kMinimal);
  JsonRun run = validate_json(dir.path());
  expect_diagnostic(run, {"CD301", "error", dir.path(), 0, 0,
                          kNeither + "; found \"sub/appspec.yml\", but a directory bundle is used as it is (the agent "
                                     "strips no top-level directory)"});
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateBundleLayoutE2E, CD301AndCD304MacosxNextToTheWrapper) {
  TempDir dir;
  const std::string zip = dir.path() + "/bundle.zip";
  write_archive(zip, ArchiveFormat::zip,
                {directory_member("myapp/"), file_member("myapp/appspec.yml", kMinimal), directory_member("__MACOSX/"),
                 directory_member("__MACOSX/myapp/"), file_member("__MACOSX/myapp/._appspec.yml", kAppleDouble)});
  JsonRun run = validate_json(zip);
  expect_diagnostic(run, {"CD301", "error", zip, 0, 0,
                          kNeither + "; found \"myapp/appspec.yml\", but the agent strips a top-level directory only "
                                     "when it is the archive's only entry, and the archive root also holds \"__MACOSX\""});
  ASSERT_EQ(with_code(run.report, "CD301").size(), 1u);
  EXPECT_EQ(with_code(run.report, "CD301")[0]["hint"],
            "remove \"__MACOSX\" from the archive so the agent strips \"myapp/\"");
  expect_diagnostic(run, {"CD304", "warning", zip, 0, 0,
                          "the bundle holds macOS Finder metadata \"__MACOSX/\"; the agent extracts it like any other "
                          "directory"});
  // The AppleDouble file inside __MACOSX/ is part of that one finding, not a second one.
  EXPECT_EQ(with_code(run.report, "CD304").size(), 1u) << run.report.dump(2);
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateBundleLayoutE2E, CD301TwoRootsInATar) {
  TempDir dir;
  const std::string tar = dir.path() + "/bundle.tar";
  write_archive(tar, ArchiveFormat::tar,
                {file_member("app/appspec.yml", kMinimal), file_member("lib/util.sh", "#!/bin/sh\n", 0755)});
  JsonRun run = validate_json(tar);
  expect_diagnostic(run, {"CD301", "error", tar, 0, 0,
                          kNeither + "; found \"app/appspec.yml\", but the agent strips a top-level directory only "
                                     "when it is the archive's only entry, and the archive root also holds \"lib\""});
  ASSERT_EQ(with_code(run.report, "CD301").size(), 1u);
  EXPECT_EQ(with_code(run.report, "CD301")[0]["hint"],
            "move the appspec and the files it names to the bundle root, or re-create the archive from inside \"app\" "
            "(tar -C app -cf bundle.tar .)");
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateBundleLayoutE2E, CD301TwoLevelsDeepInAWrapper) {
  TempDir dir;
  const std::string tgz = dir.path() + "/bundle.tgz";
  write_archive(tgz, ArchiveFormat::tgz, {directory_member("myapp/"), file_member("myapp/app/appspec.yml", kMinimal)});
  JsonRun run = validate_json(tgz);
  expect_diagnostic(run, {"CD301", "error", tgz, 0, 0,
                          kNeither + "; found \"myapp/app/appspec.yml\", but the agent strips at most one top-level "
                                     "directory"});
  EXPECT_TRUE(with_code(run.report, "CD305").empty()) << "\"app\" does not match /appspec/i, so nothing is stripped";
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateBundleLayoutE2E, CD301NoAppSpecAnywhere) {
  TempDir dir;
  dir.write("appspec.yl", kMinimal);
  JsonRun run = validate_json(dir.path());
  expect_diagnostic(run, {"CD301", "error", dir.path(), 0, 0, kNeither + ", so the agent finds no appspec"});
  ASSERT_EQ(with_code(run.report, "CD301").size(), 1u);
  EXPECT_EQ(with_code(run.report, "CD301")[0]["hint"],
            "the agent matches names exactly: rename \"appspec.yl\" to \"appspec.yml\"");
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateBundleLayoutE2E, CD302OnlyTheYamlSpelling) {
  TempDir dir;
  dir.write("appspec.yaml", kMinimal);
  JsonRun run = validate_json(dir.path());
  expect_diagnostic(run, {"CD302", "error", dir.path(), 0, 0,
                          "only appspec.yaml is at the bundle root; the agent's Install step falls back to it, but every "
                          "hook event reads only appspec.yml and fails with \"did not find an AppSpec file ... path "
                          "\\\"appspec.yml\\\"\""});
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateBundleLayoutE2E, CD302WithAnAppSpecFilenameOption) {
  TempDir dir;
  dir.write("appspec.yml", kMinimal);
  JsonRun run = validate_json(dir.path(), {"--appspec-filename", "appspec.yaml"});
  expect_diagnostic(run, {"CD302", "error", dir.path(), 0, 0,
                          "only appspec.yml is at the bundle root; the agent's Install step falls back to it, but every "
                          "hook event reads only appspec.yaml and fails with \"did not find an AppSpec file ... path "
                          "\\\"appspec.yaml\\\"\""});
  ASSERT_EQ(with_code(run.report, "CD302").size(), 1u);
  EXPECT_EQ(with_code(run.report, "CD302")[0]["hint"], "rename appspec.yml to appspec.yaml, or pass --appspec-filename appspec.yml");
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateBundleLayoutE2E, CD303BothSpellings) {
  TempDir dir;
  dir.write("appspec.yml", kMinimal);
  dir.write("appspec.yaml", kMinimal);
  JsonRun run = validate_json(dir.path());
  expect_diagnostic(run, {"CD303", "note", dir.path(), 0, 0,
                          "both appspec.yml and appspec.yaml are at the bundle root; the agent reads only \"appspec.yml\""});
  EXPECT_EQ(run.exit_code, 0);
}

TEST(ValidateBundleLayoutE2E, CD304DsStoreFilesInADirectory) {
  TempDir dir;
  dir.write("appspec.yml", kMinimal);
  dir.write(".DS_Store", "Bud1");
  dir.write("scripts/.DS_Store", "Bud1");
  JsonRun run = validate_json(dir.path());
  // Directory bundles list siblings sorted by name, parents before their contents.
  expect_diagnostic(run, {"CD304", "warning", dir.path(), 0, 0,
                          "the bundle holds macOS .DS_Store files: \".DS_Store\", \"scripts/.DS_Store\""});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(validate_json(dir.path(), {"--strict"}).exit_code, 1);
}

TEST(ValidateBundleLayoutE2E, CD304AppleDoubleFilesInATar) {
  TempDir dir;
  const std::string tar = dir.path() + "/bundle.tar";
  write_archive(tar, ArchiveFormat::tar,
                {file_member("appspec.yml", kMinimal), file_member("._appspec.yml", kAppleDouble)});
  JsonRun run = validate_json(tar);
  expect_diagnostic(run, {"CD304", "warning", tar, 0, 0, "the bundle holds macOS AppleDouble \"._\" files: \"._appspec.yml\""});
  EXPECT_EQ(run.exit_code, 0);
}

}  // namespace
}  // namespace cdrun::e2e
