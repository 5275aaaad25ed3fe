// Hostile archive bundles are refused after reading the headers only: nothing is written under the
// deployment directory, and the message names every offending member with its reason.
#include <sys/stat.h>

#include "download_test_support.h"
#include "runner/fs/filesystem.h"
#include "runner/download/download_step.h"

namespace cdrun::download_test {
namespace {

class DownloadHostile : public DeploymentRootTest {
 protected:
  // Deploys `members` as a `format` bundle into an existing, empty deployment directory (the
  // caller creates it before every command, as the agent does).
  DownloadResult deploy(Format format, const std::vector<TestMember>& members) {
    bundle_ = temp_ / (format == Format::zip ? "bundle.zip" : format == Format::tar ? "bundle.tar" : "bundle.tgz");
    EXPECT_TRUE(write_test_archive(bundle_, format, members));
    std::string error;
    EXPECT_TRUE(download::make_directories(layout_.deployment_dir(), &error)) << error;
    DownloadRequest request;
    request.layout = layout_;
    request.bundle_path = bundle_;
    request.bundle_kind = format == Format::zip ? BundleKind::zip : format == Format::tar ? BundleKind::tar : BundleKind::tgz;
    AgentLog log;
    return run_download_bundle(request, log);
  }

  void expect_nothing_written() {
    EXPECT_TRUE(tree_lines(layout_.deployment_dir()).empty());
    EXPECT_FALSE(exists(layout_.instructions_dir()));
  }

  std::string refused(const std::string& count, const std::string& offences) const {
    return "refused to extract " + bundle_ + ": " + count + " unsafe to extract: " + offences;
  }

  std::string bundle_;
};

TEST_F(DownloadHostile, TarNamesEveryOffendingMember) {
  const DownloadResult result = deploy(Format::tar, {file("appspec.yml", "version: 0.0\n"), file("../evil", "e\n"),
                                                     file("/etc/x", "x\n"), symlink("up", "../../etc"),
                                                     hard_link("hl", "../outside"), fifo("pipe")});
  EXPECT_FALSE(result.ok);
  EXPECT_TRUE(result.refused_hostile);
  EXPECT_EQ(result.error, refused("5 members are",
                                  "`../evil` (climbs above the archive root with ..), "
                                  "`/etc/x` (absolute path), "
                                  "`up` (symlink to ../../etc, which leads outside the archive root), "
                                  "`hl` (hard link to ../outside, which leads outside the archive root), "
                                  "`pipe` (a FIFO)"));
  expect_nothing_written();
}

TEST_F(DownloadHostile, TgzIsCheckedLikeTar) {
  const DownloadResult result = deploy(Format::tgz, {file("appspec.yml", "v\n"), hard_link("passwd", "/etc/passwd")});
  EXPECT_TRUE(result.refused_hostile);
  EXPECT_EQ(result.error,
            refused("1 member is", "`passwd` (hard link to /etc/passwd, which leads outside the archive root)"));
  expect_nothing_written();
}

TEST_F(DownloadHostile, ZipNamesEveryOffendingMember) {
  const DownloadResult result = deploy(Format::zip, {file("appspec.yml", "v\n"), file("a/../../evil", "e\n"),
                                                     file("/etc/x", "x\n"), symlink("scripts/etc", "/etc")});
  EXPECT_TRUE(result.refused_hostile);
  EXPECT_EQ(result.error, refused("3 members are",
                                  "`a/../../evil` (climbs above the archive root with ..), "
                                  "`/etc/x` (absolute path), "
                                  "`scripts/etc` (symlink to /etc, which leads outside the archive root)"));
  expect_nothing_written();
}

// "a" points at the root, so "a/.." is the root's parent although it looks harmless by name.
TEST_F(DownloadHostile, SymlinkLeavingThroughAnotherSymlinkIsRefused) {
  const DownloadResult result =
      deploy(Format::tar, {file("appspec.yml", "v\n"), symlink("a", "."), symlink("b", "a/..")});
  EXPECT_TRUE(result.refused_hostile);
  EXPECT_EQ(result.error, refused("1 member is", "`b` (symlink to a/.., which leads outside the archive root)"));
  expect_nothing_written();
}

TEST_F(DownloadHostile, MembersStoredUnderASymlinkAreRefused) {
  const DownloadResult result = deploy(Format::tar, {file("appspec.yml", "v\n"), directory("sub/"), symlink("lnk", "sub"),
                                                     file("lnk/x.txt", "x\n"), hard_link("h", "lnk/x.txt")});
  EXPECT_TRUE(result.refused_hostile);
  EXPECT_EQ(result.error, refused("2 members are",
                                  "`lnk/x.txt` (stored under the symlink member lnk), "
                                  "`h` (hard link to lnk/x.txt, which goes through the symlink member lnk)"));
  expect_nothing_written();
}

// A hard link to a symlink is a symlink too: "h" would point to ../x from the root, and "h/evil"
// would be written through it.
TEST_F(DownloadHostile, HardLinkToASymlinkIsRefused) {
  const DownloadResult result = deploy(Format::tar, {file("appspec.yml", "v\n"), symlink("a/s", "../x"),
                                                     hard_link("h", "a/s"), file("h/evil", "e\n")});
  EXPECT_TRUE(result.refused_hostile);
  EXPECT_EQ(result.error, refused("1 member is", "`h` (hard link to a/s, which is a symlink member)"));
  expect_nothing_written();
}

TEST_F(DownloadHostile, SymlinkInPlaceOfTheRootIsRefused) {
  const DownloadResult result = deploy(Format::tar, {symlink("./", "/tmp"), file("appspec.yml", "v\n")});
  EXPECT_TRUE(result.refused_hostile);
  EXPECT_EQ(result.error, refused("1 member is", "`./` (a non-directory in place of the archive root)"));
  expect_nothing_written();
}

TEST_F(DownloadHostile, HardLinkInsideTheRootIsExtracted) {
  const DownloadResult result =
      deploy(Format::tar, {file("appspec.yml", "version: 0.0\n"), hard_link("copy.yml", "appspec.yml")});
  ASSERT_TRUE(result.ok) << result.error;
  struct stat original {};
  struct stat copy {};
  ASSERT_EQ(::stat((layout_.archive_dir() + "/appspec.yml").c_str(), &original), 0);
  ASSERT_EQ(::stat((layout_.archive_dir() + "/copy.yml").c_str(), &copy), 0);
  EXPECT_EQ(original.st_ino, copy.st_ino);
}

}  // namespace
}  // namespace cdrun::download_test
