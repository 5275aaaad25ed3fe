// End to end: an archive from `cdrun bundle` is the directory it came from, as far as `cdrun
// validate` and `cdrun deploy` can tell.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "bundle_tree.h"
#include "deploy_fixture.h"
#include "validate_json.h"

namespace cdrun::e2e {
namespace {

std::vector<std::string> sorted_codes(const nlohmann::json& report) {
  std::vector<std::string> codes;
  for (const nlohmann::json& diagnostic : report.value("diagnostics", nlohmann::json::array()))
    codes.push_back(diagnostic.value("code", ""));
  std::sort(codes.begin(), codes.end());
  return codes;
}

TEST(BundleRoundTripE2E, ValidateOfTheArchiveAgreesWithValidateOfTheDirectory) {
  TempDir dir;
  write_sample_tree(dir.path() + "/app", 022, 1600000000, dir.path() + "/dest");
  const JsonRun of_dir = validate_json(dir.path() + "/app");
  ASSERT_EQ(of_dir.exit_code, 0) << of_dir.report.dump(2) << of_dir.stderr_text;
  // The directory's __MACOSX/ and config/.DS_Store are CD304 warnings; the archive leaves them out,
  // so its findings are the directory's without those two and nothing else.
  std::vector<std::string> expected_codes = sorted_codes(of_dir.report);
  ASSERT_EQ(std::count(expected_codes.begin(), expected_codes.end(), "CD304"), 2) << of_dir.report.dump(2);
  expected_codes.erase(std::remove(expected_codes.begin(), expected_codes.end(), "CD304"), expected_codes.end());
  for (const std::string output : {"app.zip", "app.tar", "app.tgz"}) {
    const std::string file = dir.path() + "/" + output;
    ASSERT_EQ(run_cdrun({"bundle", dir.path() + "/app", "-o", file}).exit_code, 0);
    const JsonRun of_file = validate_json(file);
    EXPECT_EQ(of_file.exit_code, of_dir.exit_code) << output << of_file.report.dump(2);
    EXPECT_EQ(of_file.report.value("valid", false), of_dir.report.value("valid", false)) << output;
    EXPECT_EQ(sorted_codes(of_file.report), expected_codes) << output << of_file.report.dump(2);
  }
}

// What a deployment installed under `dest`: each path with its type, mode and content or target.
std::map<std::string, std::string> installed(const std::string& dest) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dest)) {
    struct stat info {};
    ::lstat(entry.path().c_str(), &info);
    std::string what = std::to_string(info.st_mode & 07777) + " ";
    if (S_ISLNK(info.st_mode)) {
      what += "link " + std::filesystem::read_symlink(entry.path()).string();
    } else if (S_ISDIR(info.st_mode)) {
      what += "dir";
    } else {
      what += "file " + DeployFixture::read(entry.path());
    }
    files[entry.path().lexically_relative(dest).string()] = what;
  }
  return files;
}

TEST(BundleRoundTripE2E, DeployingTheArchiveInstallsWhatDeployingTheDirectoryDoes) {
  for (const auto& [output, type] : std::vector<std::pair<std::string, std::string>>{
           {"app.zip", "zip"}, {"app.tgz", "tgz"}, {"app.tar", "tar"}}) {
    DeployFixture from_dir;
    write_sample_tree(from_dir.dir().path() + "/app", 022, 1600000000, from_dir.dest());
    const Outcome direct = from_dir.deploy(from_dir.dir().path() + "/app");
    ASSERT_EQ(direct.exit_code, 0) << direct.out << direct.err;
    // What the archive leaves out, written by hand from the sample tree, is the only difference.
    std::map<std::string, std::string> expected = installed(from_dir.dest());
    for (const char* left_out : {".cdrunignore", "debug.log", "build", "build/out.o", ".git", ".git/HEAD", "__MACOSX",
                                 "__MACOSX/._appspec.yml", "config/.DS_Store"}) {
      EXPECT_EQ(expected.erase(left_out), 1u) << left_out;
    }
    const std::string file = from_dir.dir().path() + "/" + output;
    ASSERT_EQ(run_cdrun({"bundle", from_dir.dir().path() + "/app", "-o", file}).exit_code, 0);
    std::filesystem::remove_all(from_dir.dest());  // the appspec names this destination

    DeployFixture from_file;
    const Outcome packed = from_file.deploy(file, {"-t", type});
    ASSERT_EQ(packed.exit_code, 0) << packed.out << packed.err;
    EXPECT_EQ(installed(from_dir.dest()), expected) << output;
    // Written by hand from the sample tree: the script kept its execute bits, the links stayed links.
    EXPECT_EQ(expected.at("scripts/after.sh").substr(0, 4), std::to_string(0755) + " ");
    EXPECT_EQ(expected.at("current"), std::to_string(0777) + " link bin/tool");
  }
}

}  // namespace
}  // namespace cdrun::e2e

namespace cdrun::e2e {
namespace {

// bundle and push judge the directory as the archive they write: what the archive leaves out is
// neither a warning nor a file hooks can rely on.
TEST(BundleRoundTripE2E, LeftOutFilesAreJudgedAbsent) {
  TempDir dir;
  dir.write("app/appspec.yml", "version: 0.0\nos: linux\nhooks:\n  ApplicationStart:\n    - location: start.sh\n");
  dir.write("app/start.sh", "#!/bin/sh\nexit 0\n", 0755);
  dir.write("app/.DS_Store", "Bud1");
  dir.write("app/__MACOSX/._start.sh", "Mac OS X");
  // The directory itself, deployed as it is, holds the Finder litter: --strict refuses it.
  EXPECT_EQ(run_cdrun({"validate", "--strict", dir.path() + "/app"}).exit_code, 1);
  // Its archive does not, so neither does bundle --strict.
  Outcome run = run_cdrun({"bundle", "--strict", dir.path() + "/app", "-o", dir.path() + "/app.zip"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err.find("CD304"), std::string::npos) << run.err;
  EXPECT_EQ(run_cdrun({"validate", "--strict", dir.path() + "/app.zip"}).exit_code, 0);

  // A hook script the .cdrunignore leaves out would be missing on the host: refused, nothing written.
  dir.write("app/.cdrunignore", "*.sh\n");
  run = run_cdrun({"bundle", dir.path() + "/app", "-o", dir.path() + "/left.zip"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("script \"start.sh\" is not in the bundle"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("is not a valid bundle; nothing written"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/left.zip"));
}

}  // namespace
}  // namespace cdrun::e2e
