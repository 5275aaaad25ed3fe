// Archive bundles (cases 09a-g): zip, tar and tgz, flat, "./"-prefixed, wrapped in one top
// directory (stripped) or with two roots (kept), all giving the tree of the 09 goldens.
#include <sys/stat.h>
#include <unistd.h>

#include "download_test_support.h"
#include "runner/download/download_step.h"

namespace cdrun::download_test {
namespace {

// The revision of the 09 cases, under `prefix` ("", "./" or "myapp/").
std::vector<TestMember> revision(const std::string& prefix) {
  std::vector<TestMember> members;
  if (!prefix.empty()) members.push_back(directory(prefix));
  members.push_back(file(prefix + "appspec.yml", "version: 0.0\nos: linux\n"));
  members.push_back(directory(prefix + "app/"));
  members.push_back(file(prefix + "app/a.txt", "a\n"));
  members.push_back(file(prefix + "app/run.sh", "#!/bin/sh\n", 0755));
  members.push_back(directory(prefix + "app/sub/"));
  members.push_back(file(prefix + "app/sub/b.txt", "b\n", 0600));
  members.push_back(directory(prefix + "scripts/"));
  members.push_back(file(prefix + "scripts/hook.sh", "#!/bin/sh\necho hook\n", 0755));
  return members;
}

const std::vector<std::string> kRevisionTree = {
    "app d 0755",         "app/a.txt f 0644",  "app/run.sh f 0755",   "app/sub d 0755",
    "app/sub/b.txt f 0600", "appspec.yml f 0644", "scripts d 0755", "scripts/hook.sh f 0755",
};

std::string format_name(Format format) {
  return format == Format::zip ? "zip" : format == Format::tar ? "tar" : "tgz";
}

BundleKind kind_of(Format format) {
  return format == Format::zip ? BundleKind::zip : format == Format::tar ? BundleKind::tar : BundleKind::tgz;
}

class DownloadArchive : public DeploymentRootTest, public ::testing::WithParamInterface<Format> {
 protected:
  std::string bundle_path() const { return temp_ / ("bundle." + format_name(GetParam())); }

  DownloadResult deploy(const std::vector<TestMember>& members) {
    EXPECT_TRUE(write_test_archive(bundle_path(), GetParam(), members));
    DownloadRequest request;
    request.layout = layout_;
    request.bundle_path = bundle_path();
    request.bundle_kind = kind_of(GetParam());
    AgentLog log;
    return run_download_bundle(request, log);
  }
};

TEST_P(DownloadArchive, FlatArchiveIsExtractedAsIs) {
  const DownloadResult result = deploy(revision(""));
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_FALSE(result.stripped_top_directory);
  EXPECT_EQ(tree_lines(layout_.archive_dir()), kRevisionTree);
  EXPECT_EQ(read_file(layout_.archive_dir() + "/scripts/hook.sh"), "#!/bin/sh\necho hook\n");
  EXPECT_EQ(read_file(layout_.most_recent_file()), temp_.path() + "/root/dg/d-TEST00000-local");
}

TEST_P(DownloadArchive, BundleTarIsASymlinkToTheBundle) {
  ASSERT_TRUE(deploy(revision("")).ok);
  ASSERT_TRUE(is_symlink(layout_.deployment_dir() + "/bundle.tar"));
  char target[4096] = {};
  ASSERT_GT(::readlink((layout_.deployment_dir() + "/bundle.tar").c_str(), target, sizeof target - 1), 0);
  EXPECT_EQ(std::string(target), bundle_path());
}

TEST_P(DownloadArchive, DotSlashNamesGiveTheSameTree) {
  const DownloadResult result = deploy(revision("./"));
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_FALSE(result.stripped_top_directory);
  EXPECT_EQ(tree_lines(layout_.archive_dir()), kRevisionTree);
}

TEST_P(DownloadArchive, SingleTopDirectoryWithAnAppspecIsStripped) {
  const DownloadResult result = deploy(revision("myapp/"));
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_TRUE(result.stripped_top_directory);
  EXPECT_EQ(tree_lines(layout_.archive_dir()), kRevisionTree);
  EXPECT_FALSE(exists(layout_.archive_temp_dir()));
}

TEST_P(DownloadArchive, AppspecMatchIsCaseInsensitiveAndAnyName) {
  const DownloadResult result = deploy({file("wrap/MyAppSpec.YAML.bak", "x\n"), file("wrap/run.sh", "r\n", 0755)});
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_TRUE(result.stripped_top_directory);
  EXPECT_EQ(tree_lines(layout_.archive_dir()), (std::vector<std::string>{"MyAppSpec.YAML.bak f 0644", "run.sh f 0755"}));
}

TEST_P(DownloadArchive, TwoRootsAreNotStripped) {
  std::vector<TestMember> members = revision("myapp/");
  members.push_back(file("README", "r\n"));
  const DownloadResult result = deploy(members);
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_FALSE(result.stripped_top_directory);
  const std::vector<std::string> expected = {
      "README f 0644",         "myapp d 0755",           "myapp/app d 0755",         "myapp/app/a.txt f 0644",
      "myapp/app/run.sh f 0755", "myapp/app/sub d 0755", "myapp/app/sub/b.txt f 0600", "myapp/appspec.yml f 0644",
      "myapp/scripts d 0755",  "myapp/scripts/hook.sh f 0755",
  };
  EXPECT_EQ(tree_lines(layout_.archive_dir()), expected);
}

TEST_P(DownloadArchive, TopDirectoryWithoutAnAppspecDirectlyInsideIsKept) {
  const DownloadResult result = deploy({file("wrap/docs/appspec.md", "d\n"), file("wrap/run.sh", "r\n")});
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_FALSE(result.stripped_top_directory);
  EXPECT_TRUE(exists(layout_.archive_dir() + "/wrap/docs/appspec.md"));
}

TEST_P(DownloadArchive, ModesAndMtimesComeFromTheArchive) {
  const DownloadResult result = deploy({directory("private/", 0700), file("private/key", "k\n", 0400),
                                        file("appspec.yml", "version: 0.0\n")});
  ASSERT_TRUE(result.ok) << result.error;
  const std::vector<std::string> expected = {"appspec.yml f 0644", "private d 0700", "private/key f 0400"};
  EXPECT_EQ(tree_lines(layout_.archive_dir()), expected);
  struct stat st {};
  ASSERT_EQ(::stat((layout_.archive_dir() + "/appspec.yml").c_str(), &st), 0);
  EXPECT_EQ(st.st_mtime, kMemberTime);
  ASSERT_EQ(::stat((layout_.archive_dir() + "/private").c_str(), &st), 0);
  EXPECT_EQ(st.st_mtime, kMemberTime);
}

TEST_P(DownloadArchive, SymlinksInsideTheRootAreKept) {
  const DownloadResult result = deploy({file("appspec.yml", "version: 0.0\n"), symlink("app/current", "../scripts"),
                                        file("scripts/run.sh", "r\n", 0755), file("a/../b.txt", "b\n")});
  ASSERT_TRUE(result.ok) << result.error;
  const std::vector<std::string> expected = {"app d 0755", "app/current l -> ../scripts", "appspec.yml f 0644",
                                             "b.txt f 0644", "scripts d 0755", "scripts/run.sh f 0755"};
  EXPECT_EQ(tree_lines(layout_.archive_dir()), expected);
}

TEST_P(DownloadArchive, AStaleArchiveDirectoryIsReplaced) {
  temp_.write("root/dg/d-TEST00000-local/deployment-archive/stale.txt", "s\n");
  ASSERT_TRUE(deploy(revision("")).ok);
  EXPECT_EQ(tree_lines(layout_.archive_dir()), kRevisionTree);
}

TEST_P(DownloadArchive, NotAnArchiveFailsLikeTheAgentsExtractor) {
  temp_.write("bundle." + format_name(GetParam()), "this is not an archive\n");
  DownloadRequest request;
  request.layout = layout_;
  request.bundle_path = bundle_path();
  request.bundle_kind = kind_of(GetParam());
  AgentLog log;
  const DownloadResult result = run_download_bundle(request, log);
  EXPECT_FALSE(result.ok);
  EXPECT_FALSE(result.refused_hostile);
  const std::string prefix = GetParam() == Format::zip ? "Error extracting zip archive: " : "Error extracting tar archive: ";
  EXPECT_EQ(result.error.rfind(prefix, 0), 0u) << result.error;
  EXPECT_FALSE(exists(layout_.archive_dir()));
  EXPECT_FALSE(exists(layout_.most_recent_file()));
}

INSTANTIATE_TEST_SUITE_P(DownloadFormats, DownloadArchive, ::testing::Values(Format::zip, Format::tar, Format::tgz),
                         [](const auto& info) { return format_name(info.param); });

class DownloadArchiveDamage : public DeploymentRootTest {};

TEST_F(DownloadArchiveDamage, TruncatedTgzFailsAndLeavesNoArchiveDirectory) {
  std::string noise(256 * 1024, '\0');
  unsigned state = 12345;
  for (char& c : noise) c = static_cast<char>((state = state * 1103515245u + 12345u) >> 16);
  const std::string bundle = temp_ / "bundle.tgz";
  ASSERT_TRUE(write_test_archive(bundle, Format::tgz, {file("appspec.yml", "version: 0.0\n"), file("noise.bin", noise)}));
  struct stat st {};
  ASSERT_EQ(::stat(bundle.c_str(), &st), 0);
  ASSERT_EQ(::truncate(bundle.c_str(), st.st_size / 2), 0);

  DownloadRequest request{layout_, bundle, BundleKind::tgz, 5};
  AgentLog log;
  const DownloadResult result = run_download_bundle(request, log);
  EXPECT_FALSE(result.ok);
  EXPECT_FALSE(result.refused_hostile);
  EXPECT_EQ(result.error.rfind("Error extracting tar archive: ", 0), 0u) << result.error;
  EXPECT_GT(result.error.size(), std::string("Error extracting tar archive: ").size());
  EXPECT_FALSE(exists(layout_.archive_dir()));
  EXPECT_FALSE(exists(layout_.most_recent_file()));
}

TEST_F(DownloadArchiveDamage, ZipDropsSetuidButTarAsRootKeepsIt) {
  for (Format format : {Format::zip, Format::tar}) {
    const std::string bundle = temp_ / ("suid." + format_name(format));
    ASSERT_TRUE(write_test_archive(bundle, format, {file("appspec.yml", "v\n"), file("tool", "t\n", 04755)}));
    DownloadRequest request{layout_, bundle, kind_of(format), 5};
    AgentLog log;
    ASSERT_TRUE(run_download_bundle(request, log).ok);
    struct stat st {};
    ASSERT_EQ(::stat((layout_.archive_dir() + "/tool").c_str(), &st), 0);
    if (format == Format::zip) {
      EXPECT_EQ(st.st_mode & 07777, 0755u) << "unzip without -K drops setuid";
    } else if (::geteuid() == 0) {
      EXPECT_EQ(st.st_mode & 07777, 04755u) << "tar -p as root keeps it";
    }
  }
}

}  // namespace
}  // namespace cdrun::download_test
