// Directory bundles: the copy into deployment-archive must leave what FileUtils.cp_r leaves
// (case 05g): file modes and symlinks kept, directories made fresh (0755 under umask 022).
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>

#include "download_test_support.h"
#include "runner/download/download_copy_tree.h"
#include "runner/download/download_step.h"

namespace cdrun::download_test {
namespace {

class DownloadCopyTree : public DeploymentRootTest {
 protected:
  DownloadResult deploy(const std::string& bundle) {
    DownloadRequest request;
    request.layout = layout_;
    request.bundle_path = bundle;
    request.bundle_kind = BundleKind::directory;
    AgentLog log;
    return run_download_bundle(request, log);
  }
};

TEST_F(DownloadCopyTree, KeepsFileModesAndSymlinksButNotDirectoryModes) {
  const std::string bundle = temp_ / "bundle";
  temp_.write("bundle/appspec.yml", "version: 0.0\n");
  temp_.write("bundle/app/private.txt", "p\n", 0600);
  temp_.write("bundle/app/tool.sh", "#!/bin/sh\necho tool\n", 0755);
  temp_.write("bundle/app/target.txt", "t\n");
  temp_.write("bundle/app/dir/inner.txt", "i\n");
  temp_.write("bundle/.hidden", "h\n", 0640);
  temp_.mkdir("bundle/app/empty");
  temp_.symlink("target.txt", "bundle/app/link-to-target");
  temp_.symlink("/etc/hostname", "bundle/app/abs-link");
  temp_.symlink("../missing", "bundle/app/dangling");
  ASSERT_EQ(::chmod((temp_ / "bundle/app/dir").c_str(), 0711), 0);
  ASSERT_EQ(::chmod((temp_ / "bundle/app").c_str(), 0700), 0);

  const DownloadResult result = deploy(bundle);
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_FALSE(result.stripped_top_directory);
  const std::vector<std::string> expected = {
      ".hidden f 0640",
      "app d 0755",
      "app/abs-link l -> /etc/hostname",
      "app/dangling l -> ../missing",
      "app/dir d 0755",
      "app/dir/inner.txt f 0644",
      "app/empty d 0755",
      "app/link-to-target l -> target.txt",
      "app/private.txt f 0600",
      "app/target.txt f 0644",
      "app/tool.sh f 0755",
      "appspec.yml f 0644",
  };
  EXPECT_EQ(tree_lines(layout_.archive_dir()), expected);
  EXPECT_EQ(read_file(layout_.archive_dir() + "/app/tool.sh"), "#!/bin/sh\necho tool\n");
  EXPECT_EQ(read_file(layout_.archive_dir() + "/.hidden"), "h\n");
  EXPECT_FALSE(exists(layout_.bundle_file())) << "directory bundles get no bundle.tar";
  EXPECT_EQ(read_file(layout_.most_recent_file()), temp_.path() + "/root/dg/d-TEST00000-local");
}

TEST_F(DownloadCopyTree, ArchiveDirectoryItselfIsMadeFresh) {
  temp_.write("bundle/appspec.yml", "version: 0.0\n");
  ASSERT_EQ(::chmod((temp_ / "bundle").c_str(), 0700), 0);
  ASSERT_TRUE(deploy(temp_ / "bundle").ok);
  struct stat st {};
  ASSERT_EQ(::stat(layout_.archive_dir().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0755u);
}

TEST_F(DownloadCopyTree, FilesGetANewMtime) {
  temp_.write("bundle/old.txt", "o\n");
  const timeval old_times[2] = {{1000000000, 0}, {1000000000, 0}};  // 2001-09-09
  ASSERT_EQ(::utimes((temp_ / "bundle/old.txt").c_str(), old_times), 0);
  ASSERT_TRUE(deploy(temp_ / "bundle").ok);
  struct stat st {};
  ASSERT_EQ(::stat((layout_.archive_dir() + "/old.txt").c_str(), &st), 0);
  EXPECT_GT(st.st_mtime, 1000000000 + 86400);
}

// Many directories with more files than one hand-over batch, with and without copying threads.
TEST_F(DownloadCopyTree, CopiesEveryFileOfALargeTree) {
  for (int d = 0; d < 7; ++d) {
    for (int f = 0; f < (d == 0 ? 150 : 20); ++f) {
      temp_.write("bundle/d" + std::to_string(d) + "/f" + std::to_string(f), "content " + std::to_string(d * 1000 + f));
    }
  }
  std::string big(3 * 1024 * 1024 + 17, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 7919) % 251);
  temp_.write("bundle/big.bin", big);
  for (int workers : {0, 2}) {
    const std::string copy = temp_ / ("copy" + std::to_string(workers));
    const download::CopyTreeResult result = download::copy_tree(temp_ / "bundle", copy, workers);
    ASSERT_TRUE(result.ok) << result.error;
    EXPECT_EQ(result.files, 150u + 6 * 20 + 1);
    EXPECT_EQ(read_file(copy + "/d0/f149"), "content 149");
    EXPECT_EQ(read_file(copy + "/d6/f19"), "content 6019");
    EXPECT_EQ(read_file(copy + "/big.bin"), big);
  }
}

TEST_F(DownloadCopyTree, FifoIsRecreatedWithItsMode) {
  temp_.mkdir("bundle");
  ASSERT_EQ(::mkfifo((temp_ / "bundle/pipe").c_str(), 0640), 0);
  ASSERT_TRUE(deploy(temp_ / "bundle").ok);
  EXPECT_EQ(tree_lines(layout_.archive_dir()), std::vector<std::string>{"pipe p 0640"});
}

TEST_F(DownloadCopyTree, MissingBundleFailsNamingIt) {
  const std::string missing = temp_ / "nope";
  const DownloadResult result = deploy(missing);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.error, "cannot copy " + missing + ": No such file or directory");
  EXPECT_FALSE(exists(layout_.archive_dir()));
  EXPECT_FALSE(exists(layout_.most_recent_file()));
}

TEST_F(DownloadCopyTree, DeviceFileFailsAndLeavesNoPartialArchive) {
  temp_.write("bundle/a/first.txt", "1\n");
  temp_.mkdir("bundle/b");
  if (::mknod((temp_ / "bundle/b/null").c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) {
    GTEST_SKIP() << "mknod not permitted here";
  }
  const DownloadResult result = deploy(temp_ / "bundle");
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.error, "cannot handle device file " + temp_.path() + "/bundle/b/null");
  EXPECT_FALSE(exists(layout_.archive_dir()));
}

TEST_F(DownloadCopyTree, RefusesToCopyIntoItself) {
  temp_.write("bundle/appspec.yml", "version: 0.0\n");
  const std::string inside = temp_ / "bundle/copy";
  const download::CopyTreeResult result = download::copy_tree(temp_ / "bundle", inside);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.error, "cannot copy directory " + temp_.path() + "/bundle to itself " + inside);
  EXPECT_FALSE(exists(inside));
}

TEST_F(DownloadCopyTree, ReplacesAStaleArchiveDirectory) {
  temp_.write("bundle/appspec.yml", "version: 0.0\n");
  temp_.write("root/dg/d-TEST00000-local/deployment-archive/stale.txt", "s\n");
  ASSERT_TRUE(deploy(temp_ / "bundle").ok);
  EXPECT_EQ(tree_lines(layout_.archive_dir()), std::vector<std::string>{"appspec.yml f 0644"});
}

}  // namespace
}  // namespace cdrun::download_test
