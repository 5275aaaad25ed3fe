// End to end: `cdrun bundle` writes the same bytes for the same tree whatever the mtimes, umask or
// location, keeps modes and links, leaves out what it should, and refuses hostile trees.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <regex>

#include "bundle_tree.h"
#include "deploy_fixture.h"
#include "run_cdrun.h"

namespace cdrun::e2e {
namespace {

const std::vector<std::string> kOutputs{"app.zip", "app.tar", "app.tgz", "app.tar.gz"};

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(BundleE2E, SameTreeSameBytesAcrossRunsCheckoutsMtimesAndUmasks) {
  TempDir dir;
  write_sample_tree(dir.path() + "/one/app", 022, 1600000000, "/opt/app");
  write_sample_tree(dir.path() + "/two/checkout", 077, 1700000000, "/opt/app");
  for (const std::string& output : kOutputs) {
    const std::string first = dir.path() + "/first-" + output;
    const std::string again = dir.path() + "/again-" + output;
    const std::string other = dir.path() + "/other-" + output;
    const Outcome run = run_cdrun({"bundle", dir.path() + "/one/app", "-o", first});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    // Another time zone: a zip's MS-DOS times must not follow it.
    ASSERT_EQ(run_cdrun({"bundle", dir.path() + "/one/app", "-o", again}, {"TZ=JST-9"}).exit_code, 0);
    const Outcome from_other = run_program("/bin/sh", {"-c", "cd " + dir.path() + "/two/checkout && umask 077 && " +
                                                                 CDRUN_BINARY + " bundle -o " + other});
    ASSERT_EQ(from_other.exit_code, 0) << from_other.err;
    const std::string bytes = DeployFixture::read(first);
    EXPECT_FALSE(bytes.empty());
    // Compared as a bool: a failure prints the file names, not two archives' bytes.
    EXPECT_TRUE(DeployFixture::read(again) == bytes) << again << " differs from " << first;
    EXPECT_TRUE(DeployFixture::read(other) == bytes) << other << " differs from " << first;
    const std::regex summary(std::regex_replace(first, std::regex("[.]"), "\\.") +
                             ": 16 members, " + std::to_string(bytes.size()) + " bytes, sha256 [0-9a-f]{64}\n");
    EXPECT_TRUE(std::regex_match(run.out, summary)) << run.out;
    const Outcome digest = run_program("/usr/bin/sha256sum", {first});
    EXPECT_NE(run.out.find(digest.out.substr(0, 64)), std::string::npos) << run.out << digest.out;
  }
  EXPECT_TRUE(DeployFixture::read(dir.path() + "/first-app.tgz") == DeployFixture::read(dir.path() + "/first-app.tar.gz"));
}

TEST(BundleE2E, ZipKeepsModesAndLinksAsUnzipReadsThem) {
  TempDir dir;
  write_sample_tree(dir.path() + "/app", 022, 1600000000, "/opt/app");
  const std::string zip = dir.path() + "/app.zip";
  ASSERT_EQ(run_cdrun({"bundle", dir.path() + "/app", "-o", zip}).exit_code, 0);
  // zipinfo: mode, version, "unx", size, type, method, date, time, name.
  const auto listing = list_with("/usr/bin/zipinfo", {zip}, 8);
  ASSERT_EQ(listing.size(), sample_tree_members().size());
  for (const auto& [name, mode] : sample_tree_members()) {
    ASSERT_EQ(listing.count(name), 1u) << name;
    EXPECT_EQ(listing.at(name)[0], mode) << name;
    EXPECT_EQ(listing.at(name)[2], "unx") << name;
    if (mode[0] == '-') {
      EXPECT_EQ(listing.at(name)[5], "defN") << name;
    }
    EXPECT_EQ(listing.at(name)[6], "80-Jan-01") << name;  // the fixed epoch, 1980-01-01
  }
  EXPECT_EQ(run_program("/usr/bin/unzip", {"-p", zip, "current"}).out, "bin/tool");
  EXPECT_EQ(run_program("/usr/bin/unzip", {"-p", zip, "docs/readme"}).out, "../README.txt");
  EXPECT_EQ(run_program("/usr/bin/unzip", {"-p", zip, "data/shared-hard"}).out, "shared bytes\n");
}

TEST(BundleE2E, TgzKeepsModesLinksAndRootOwnershipAsTarReadsThem) {
  TempDir dir;
  write_sample_tree(dir.path() + "/app", 022, 1600000000, "/opt/app");
  const std::string tgz = dir.path() + "/app.tgz";
  // 2023-11-14T22:13:20Z
  ASSERT_EQ(run_cdrun({"bundle", dir.path() + "/app", "-o", tgz}, {"SOURCE_DATE_EPOCH=1700000000"}).exit_code, 0);
  // tar -tv: mode, owner/group, size, date, time, name, then "-> target" for a link.
  const auto listing = list_with("/usr/bin/tar", {"-tvzf", tgz}, 5);
  ASSERT_EQ(listing.size(), sample_tree_members().size());
  for (const auto& [name, mode] : sample_tree_members()) {
    ASSERT_EQ(listing.count(name), 1u) << name;
    EXPECT_EQ(listing.at(name)[0], mode) << name;
    EXPECT_EQ(listing.at(name)[1], "0/0") << name;
    EXPECT_EQ(listing.at(name)[3] + " " + listing.at(name)[4], "2023-11-14 22:13") << name;
  }
  EXPECT_EQ(listing.at("current").size(), 8u);
  EXPECT_EQ(listing.at("current")[7], "bin/tool");
  EXPECT_EQ(listing.at("docs/readme")[7], "../README.txt");
  EXPECT_EQ(listing.at("data/shared-hard")[2], "13") << "a hard link is stored as a plain file";
  // The gzip header: magic, deflate, no flags (no file name), mtime 0.
  const std::string bytes = DeployFixture::read(tgz);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00", 8));
}

TEST(BundleE2E, OutputInsideTheDirectoryIsLeftOut) {
  TempDir dir;
  write_sample_tree(dir.path() + "/app", 022, 1600000000, "/opt/app");
  const std::string inside = dir.path() + "/app/dist/app.tar";
  std::filesystem::create_directories(dir.path() + "/app/dist");
  ::chmod((dir.path() + "/app/dist").c_str(), 0755);
  ASSERT_EQ(run_cdrun({"bundle", dir.path() + "/app", "-o", inside}).exit_code, 0);
  ASSERT_EQ(run_cdrun({"bundle", dir.path() + "/app", "-o", inside}).exit_code, 0);
  const auto listing = list_with("/usr/bin/tar", {"-tvf", inside}, 5);
  EXPECT_EQ(listing.size(), sample_tree_members().size() + 1);
  EXPECT_EQ(listing.count("dist"), 1u);
  EXPECT_EQ(listing.count("dist/app.tar"), 0u);
  EXPECT_EQ(names_in(dir.path() + "/app/dist"), std::vector<std::string>{"app.tar"}) << "no temporary file left";
}

TEST(BundleE2E, HostileTreesAreRefusedAndNothingIsWritten) {
  struct Case {
    std::string link;
    std::string target;
  };
  // validate's CD322 refuses the first three; the last one (".." through a missing directory, which
  // the kernel would not resolve but an extractor joining paths might) only the archive writer sees.
  for (const Case& c : {Case{"escape", "../outside"}, Case{"bin/deep", "../../../etc"}, Case{"abs", "/etc/passwd"},
                        Case{"sneaky", "x/../../y"}}) {
    TempDir dir;
    write_sample_tree(dir.path() + "/app", 022, 1600000000, "/opt/app");
    ::symlink(c.target.c_str(), (dir.path() + "/app/" + c.link).c_str());
    ::mkdir((dir.path() + "/out").c_str(), 0755);
    for (const std::string& output : kOutputs) {
      const Outcome run = run_cdrun({"bundle", dir.path() + "/app", "-o", dir.path() + "/out/" + output});
      EXPECT_EQ(run.exit_code, 1) << c.link << " " << output << "\n" << run.err;
      const bool names_link = run.err.find("symlink " + c.link + " -> " + c.target) != std::string::npos ||
                              run.err.find("symlink \"" + c.link + "\" -> \"" + c.target + "\"") != std::string::npos;
      EXPECT_TRUE(names_link) << run.err;
      EXPECT_NE(run.err.find("nothing written"), std::string::npos) << run.err;
      EXPECT_EQ(run.out, "");
    }
    EXPECT_EQ(names_in(dir.path() + "/out"), std::vector<std::string>{}) << c.link;
  }
}

TEST(BundleE2E, FifoAndInvalidAppspecAreRefused) {
  TempDir dir;
  write_sample_tree(dir.path() + "/app", 022, 1600000000, "/opt/app");
  ::mkfifo((dir.path() + "/app/data/pipe").c_str(), 0644);
  Outcome run = run_cdrun({"bundle", dir.path() + "/app", "-o", dir.path() + "/a.zip"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("data/pipe is a FIFO"), std::string::npos) << run.err;
  ::unlink((dir.path() + "/app/data/pipe").c_str());
  dir.write("app/appspec.yml", "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: scripts/missing.sh\n");
  run = run_cdrun({"bundle", dir.path() + "/app", "-o", dir.path() + "/a.zip"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("scripts/missing.sh"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("is not a valid bundle; nothing written"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/a.zip"));
}

TEST(BundleE2E, UsageErrors) {
  TempDir dir;
  write_sample_tree(dir.path() + "/app", 022, 1600000000, "/opt/app");
  Outcome run = run_cdrun({"bundle", dir.path() + "/app", "-o", dir.path() + "/a.rar"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("must end in .zip, .tgz, .tar.gz or .tar"), std::string::npos) << run.err;
  EXPECT_EQ(run_cdrun({"bundle", dir.path() + "/app"}).exit_code, 2) << "-o is required";
  run = run_cdrun({"bundle", dir.path() + "/app", "-o", dir.path() + "/a.zip"}, {"SOURCE_DATE_EPOCH=yesterday"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("SOURCE_DATE_EPOCH=yesterday"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/a.zip"));
}

TEST(BundleE2E, JsonSummary) {
  TempDir dir;
  write_sample_tree(dir.path() + "/app", 022, 1600000000, "/opt/app");
  const std::string zip = dir.path() + "/app.zip";
  const Outcome run = run_cdrun({"bundle", dir.path() + "/app", "-o", zip, "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string size = std::to_string(DeployFixture::read(zip).size());
  const std::regex shape("\\{\n  \"bytes\": " + size + ",\n  \"file\": \"" + zip +
                         "\",\n  \"members\": 16,\n  \"sha256\": \"[0-9a-f]{64}\"\n\\}\n");
  EXPECT_TRUE(std::regex_match(run.out, shape)) << run.out;
}

}  // namespace
}  // namespace cdrun::e2e
