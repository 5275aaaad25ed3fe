// An install that stops half-way leaves a cleanup list from which the next install removes the
// partial files; hosts without setfacl/SELinux are refused before anything changes; large
// trees install quickly with rate-limited progress.
#include <chrono>

#include <gtest/gtest.h>

#include "install_test_support.h"
#include "runner/install/install_commands.h"

namespace cdrun {
namespace {

using install_test::exists;
using install_test::file_spec;
using install_test::InstallFixture;
using install_test::read_file;
using install_test::tree;
using install_test::write_file;

class InstallRecovery : public InstallFixture {};

TEST_F(InstallRecovery, InterruptedInstallIsCleanedUpByTheNextOne) {
  const std::string a = archive("d-A-local");
  write_file(a + "/one.txt", "1");
  write_file(a + "/three.txt", "3");
  write_file(a + "/app/inner.txt", "i");
  Ec2AppSpec broken;
  // The second copy fails (its source is missing): the first is done, the third never starts.
  broken.files = {file_spec("one.txt", dest_ + "/x"), file_spec("missing.txt", dest_ + "/x"),
                  file_spec("three.txt", dest_ + "/x"), file_spec("app", dest_ + "/y")};
  const InstallResult failed = install("d-A-local", broken);
  EXPECT_EQ(failed.error, "No such file or directory @ rb_sysopen - " + a + "/missing.txt");
  EXPECT_EQ(failed.files_copied, 1u);
  // Lines are on disk before their copy; lines of copies never attempted are taken back.
  EXPECT_EQ(cleanup(), dest_ + "/x\n" + dest_ + "/x/one.txt\n" + dest_ + "/x/missing.txt\n");
  EXPECT_EQ(tree(dest_), (std::set<std::string>{"x/", "x/one.txt"}));
  EXPECT_FALSE(exists(base_ + "/root/deployment-instructions/grp_last_successful_install"));

  Ec2AppSpec fixed;
  fixed.files = {file_spec("app", dest_ + "/y")};
  const InstallResult result = install("d-A-local", fixed);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_TRUE(result.previous_removed);
  EXPECT_EQ(tree(dest_), (std::set<std::string>{"y/", "y/inner.txt"}));
  EXPECT_EQ(last_successful(), base_ + "/root/grp/d-A-local");
}

TEST_F(InstallRecovery, ListWrittenByAKilledInstallIsHonoured) {
  // What a SIGKILL leaves: a list whose last line is unfinished, and a partly written file.
  write_file(dest_ + "/x/one.txt", "1");
  write_file(dest_ + "/x/two.txt", "partial");
  write_file(base_ + "/root/deployment-instructions/grp-cleanup",
             dest_ + "/x\n" + dest_ + "/x/one.txt\n" + dest_ + "/x/two.txt\n" + dest_ + "/x/thr");
  write_file(archive("d-A-local") + "/two.txt", "2");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("two.txt", dest_ + "/z")};
  const InstallResult result = install("d-A-local", appspec);
  ASSERT_TRUE(result.ok()) << result.error;  // two.txt of the killed install is no conflict
  EXPECT_EQ(tree(dest_), (std::set<std::string>{"z/", "z/two.txt"}));
  EXPECT_EQ(cleanup(), dest_ + "/z\n" + dest_ + "/z/two.txt\n");
}

TEST_F(InstallRecovery, MissingSetfaclRefusesBeforeRemovingAnything) {
  if (!find_executable("setfacl").empty()) GTEST_SKIP() << "setfacl is installed here";
  write_file(archive("d-A-local") + "/a.txt", "v1");
  Ec2AppSpec v1;
  v1.files = {file_spec("a.txt", dest_ + "/app")};
  ASSERT_TRUE(install("d-A-local", v1).ok());

  Ec2AppSpec v2 = v1;
  PermissionSpec acl;
  acl.object = dest_ + "/app/a.txt";
  acl.acls = std::vector<std::string>{"user:nobody:r--"};
  v2.permissions = {acl};
  const InstallResult result = install("d-A-local", v2);
  EXPECT_EQ(result.error_kind, InstallErrorKind::system_call);
  EXPECT_EQ(result.error,
            "setfacl is not installed on this host, so the acls of the permissions section cannot be applied to " +
                dest_ + "/app/a.txt. Install the acl package (it provides /usr/bin/setfacl), and then try again.");
  EXPECT_FALSE(result.previous_removed);
  EXPECT_EQ(cleanup(), dest_ + "/app\n" + dest_ + "/app/a.txt\n");
}

TEST_F(InstallRecovery, ContextWithoutSelinuxIsRefused) {
  if (exists("/sys/fs/selinux/enforce")) GTEST_SKIP() << "SELinux is present here";
  write_file(archive("d-A-local") + "/a.txt", "v1");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("a.txt", dest_ + "/app")};
  PermissionSpec context;
  context.object = dest_ + "/app/a.txt";
  context.context = SelinuxContext{std::string("system_u"), "httpd_sys_content_t", std::string("s0")};
  appspec.permissions = {context};
  const InstallResult result = install("d-A-local", appspec);
  EXPECT_EQ(result.error_kind, InstallErrorKind::runtime);
  EXPECT_EQ(result.error, "The permissions section of the AppSpec file sets an SELinux context on " + dest_ +
                              "/app/a.txt, but SELinux is not enabled on this host (no /sys/fs/selinux/enforce), so "
                              "the context cannot be applied. Remove the context from the AppSpec file or deploy to a "
                              "host with SELinux, and then try again.");
  EXPECT_FALSE(exists(dest_ + "/app"));
}

class CountingProgress : public InstallProgress {
 public:
  void on_progress(size_t done, size_t total) override {
    const auto now = std::chrono::steady_clock::now();
    if (calls > 0) shortest = std::min(shortest, now - last);
    last = now;
    ++calls;
    EXPECT_LE(done, total);
  }
  int calls = 0;
  std::chrono::steady_clock::time_point last;
  std::chrono::steady_clock::duration shortest = std::chrono::hours(1);
};

TEST_F(InstallRecovery, ThousandsOfSmallFilesInstallQuickly) {
  const std::string a = archive("d-A-local");
  for (int d = 0; d < 8; ++d) {
    for (int f = 0; f < 250; ++f) {
      write_file(a + "/data/d" + std::to_string(d) + "/f" + std::to_string(f) + ".txt", std::string(100, 'x'));
    }
  }
  Ec2AppSpec appspec;
  appspec.files = {file_spec("data", dest_ + "/data")};
  CountingProgress progress;
  const auto start = std::chrono::steady_clock::now();
  const InstallResult first = install("d-A-local", appspec, "", &progress);
  const InstallResult second = install("d-A-local", appspec, "", &progress);  // removes then copies again
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(first.ok()) << first.error;
  ASSERT_TRUE(second.ok()) << second.error;
  EXPECT_EQ(second.files_copied, 2000u);
  EXPECT_EQ(tree(dest_ + "/data").size(), 2008u);
  EXPECT_LT(elapsed, std::chrono::seconds(30));  // generous: sanitizer builds and slow disks
  if (progress.calls > 1) {
    EXPECT_GE(progress.shortest, std::chrono::milliseconds(190));
  }
}

}  // namespace
}  // namespace cdrun
