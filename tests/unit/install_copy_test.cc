// What a copy keeps (mode, mtime, symlinks; case 05g) and how copies and mkdirs fail (§4.2).
#include <sys/time.h>

#include <gtest/gtest.h>

#include "install_test_support.h"

namespace cdrun {
namespace {

using install_test::exists;
using install_test::file_spec;
using install_test::InstallFixture;
using install_test::make_dirs;
using install_test::mode_of;
using install_test::read_file;
using install_test::tree;
using install_test::write_file;

std::string link_target(const std::string& path) {
  char buffer[4096];
  const ssize_t n = ::readlink(path.c_str(), buffer, sizeof buffer);
  return n < 0 ? "" : std::string(buffer, static_cast<size_t>(n));
}

class InstallCopy : public InstallFixture {};

TEST_F(InstallCopy, ModesTimesAndSymlinksAreKept) {
  const std::string a = archive("d-A-local");
  write_file(a + "/app/tool.sh", "#!/bin/sh\n", 0755);
  write_file(a + "/app/private.txt", "p", 0600);
  write_file(a + "/app/target.txt", "t", 0644);
  write_file(a + "/app/dir/inner.txt", "i", 0644);
  ::chmod((a + "/app/dir").c_str(), 0711);
  ASSERT_EQ(::symlink("target.txt", (a + "/app/link-to-target").c_str()), 0);
  ASSERT_EQ(::symlink("/etc/hostname", (a + "/app/abs-link").c_str()), 0);
  const struct timeval old_times[2] = {{1000000000, 0}, {1234567890, 0}};
  ASSERT_EQ(::utimes((a + "/app/private.txt").c_str(), old_times), 0);

  Ec2AppSpec appspec;
  appspec.files = {file_spec("app", dest_ + "/app")};
  const InstallResult result = install("d-A-local", appspec);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(mode_of(dest_ + "/app/tool.sh"), 0755u);
  EXPECT_EQ(mode_of(dest_ + "/app/private.txt"), 0600u);
  EXPECT_EQ(mode_of(dest_ + "/app/dir"), 0777u & ~install_test::umask_now());  // directory modes are not kept
  EXPECT_EQ(link_target(dest_ + "/app/link-to-target"), "target.txt");
  EXPECT_EQ(link_target(dest_ + "/app/abs-link"), "/etc/hostname");
  struct stat info {};
  ASSERT_EQ(::stat((dest_ + "/app/private.txt").c_str(), &info), 0);
  EXPECT_EQ(info.st_mtime, 1234567890);
  EXPECT_EQ(info.st_atime, 1000000000);
  EXPECT_EQ(read_file(dest_ + "/app/dir/inner.txt"), "i");

  // Redeploying is idempotent.
  ASSERT_TRUE(install("d-A-local", appspec).ok());
  EXPECT_EQ(tree(dest_), (std::set<std::string>{"app/", "app/tool.sh", "app/private.txt", "app/target.txt", "app/dir/",
                                                "app/dir/inner.txt", "app/link-to-target", "app/abs-link"}));
}

TEST_F(InstallCopy, DotFilesAndSymlinkedDirectoriesAreCopied) {
  const std::string a = archive("d-A-local");
  write_file(a + "/app/.env", "E");
  write_file(a + "/shared/lib.txt", "L");
  ASSERT_EQ(::symlink("../shared", (a + "/app/lib").c_str()), 0);
  Ec2AppSpec appspec;
  appspec.files = {file_spec("app", dest_ + "/app")};
  ASSERT_TRUE(install("d-A-local", appspec).ok());
  EXPECT_EQ(tree(dest_), (std::set<std::string>{"app/", "app/.env", "app/lib/", "app/lib/lib.txt"}));
}

TEST_F(InstallCopy, DirectoryLinkLoopIsRefused) {
  const std::string a = archive("d-A-local");
  write_file(a + "/app/x.txt", "x");
  ASSERT_EQ(::symlink("..", (a + "/app/up").c_str()), 0);
  Ec2AppSpec appspec;
  appspec.files = {file_spec("app", dest_ + "/app")};
  const InstallResult result = install("d-A-local", appspec);
  EXPECT_EQ(result.error_kind, InstallErrorKind::runtime);
  EXPECT_EQ(result.error, "The directory link " + a + "/app/up leads back to " + a +
                              ", which contains it: copying it would never end. Remove the link from the bundle or "
                              "point it elsewhere.");
  EXPECT_FALSE(exists(dest_ + "/app"));
}

TEST_F(InstallCopy, MissingSourceFailsWhenCopying) {
  const std::string a = archive("d-A-local");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("nope.txt", dest_ + "/x")};
  const InstallResult result = install("d-A-local", appspec);
  EXPECT_EQ(result.error_kind, InstallErrorKind::system_call);
  EXPECT_EQ(result.error, "No such file or directory @ rb_sysopen - " + a + "/nope.txt");
  EXPECT_EQ(cleanup(), dest_ + "/x\n" + dest_ + "/x/nope.txt\n");
  EXPECT_FALSE(exists(base_ + "/root/deployment-instructions/grp_last_successful_install"));
}

TEST_F(InstallCopy, MkdirOverAFileFailsWithEexist) {
  write_file(archive("d-A-local") + "/app/a.txt", "a");
  write_file(dest_ + "/file", "not a directory");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("app", dest_ + "/file")};
  const InstallResult result = install("d-A-local", appspec);
  EXPECT_EQ(result.error_kind, InstallErrorKind::system_call);
  EXPECT_EQ(result.error, "File exists @ dir_s_mkdir - " + dest_ + "/file");
}

TEST_F(InstallCopy, OverwriteWithASymlinkSourceFailsWithEexist) {
  const std::string a = archive("d-A-local");
  write_file(a + "/app/target.txt", "t");
  ASSERT_EQ(::symlink("target.txt", (a + "/app/link").c_str()), 0);
  write_file(dest_ + "/app/link", "user file");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("app", dest_ + "/app")};
  const InstallResult result = install("d-A-local", appspec, "OVERWRITE");
  EXPECT_EQ(result.error_kind, InstallErrorKind::system_call);
  EXPECT_EQ(result.error, "File exists @ syserr_fail2_in - " + dest_ + "/app/link");
  EXPECT_EQ(read_file(dest_ + "/app/link"), "user file");
}

TEST_F(InstallCopy, OverwriteIntoAnExistingDirectoryCopiesBelowIt) {
  // FileUtils.copy onto a directory puts the file inside it.
  write_file(archive("d-A-local") + "/app/a", "A");
  make_dirs(dest_ + "/app/a");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("app", dest_ + "/app")};
  ASSERT_TRUE(install("d-A-local", appspec, "OVERWRITE").ok());
  EXPECT_EQ(read_file(dest_ + "/app/a/a"), "A");
}

}  // namespace
}  // namespace cdrun
