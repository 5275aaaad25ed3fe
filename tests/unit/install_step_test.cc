// The Install step end to end on real directories: instruction order, install.json, the cleanup
// list, and the second install that removes the first (cases 05a, 05c).
#include <gtest/gtest.h>

#include "install_test_support.h"

namespace cdrun {
namespace {

using install_test::exists;
using install_test::file_spec;
using install_test::InstallFixture;
using install_test::read_file;
using install_test::tree;
using install_test::write_file;

class InstallStep : public InstallFixture {};

// Like 05a: the whole archive, a single file into a directory, a directory into a deep missing
// destination. Every archive directory holds one entry, so readdir order is fixed.
TEST_F(InstallStep, WholeArchiveFileAndNestedDestination) {
  const std::string a = archive("d-A-local");
  write_file(a + "/config/app.conf", "conf", 0640);
  Ec2AppSpec appspec;
  appspec.files = {file_spec("/", dest_ + "/app"), file_spec("config/app.conf", dest_ + "/etc"),
                   file_spec("config", dest_ + "/static-nested/a/b")};
  const InstallResult result = install("d-A-local", appspec);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.files_copied, 3u);
  EXPECT_FALSE(result.previous_removed);

  const std::string d = dest_;
  EXPECT_EQ(install_json_text(),
            "{\"instructions\":[{\"type\":\"mkdir\",\"directory\":\"" + d + "/app\"},"
            "{\"type\":\"mkdir\",\"directory\":\"" + d + "/app/config\"},"
            "{\"type\":\"copy\",\"source\":\"" + a + "/config/app.conf\",\"destination\":\"" + d + "/app/config/app.conf\"},"
            "{\"type\":\"mkdir\",\"directory\":\"" + d + "/etc\"},"
            "{\"type\":\"copy\",\"source\":\"" + a + "/config/app.conf\",\"destination\":\"" + d + "/etc/app.conf\"},"
            "{\"type\":\"mkdir\",\"directory\":\"" + d + "/static-nested\"},"
            "{\"type\":\"mkdir\",\"directory\":\"" + d + "/static-nested/a\"},"
            "{\"type\":\"mkdir\",\"directory\":\"" + d + "/static-nested/a/b\"},"
            "{\"type\":\"copy\",\"source\":\"" + a + "/config/app.conf\",\"destination\":\"" + d +
                "/static-nested/a/b/app.conf\"}]}");
  EXPECT_EQ(cleanup(), d + "/app\n" + d + "/app/config\n" + d + "/app/config/app.conf\n" + d + "/etc\n" + d +
                           "/etc/app.conf\n" + d + "/static-nested\n" + d + "/static-nested/a\n" + d +
                           "/static-nested/a/b\n" + d + "/static-nested/a/b/app.conf\n");
  EXPECT_EQ(last_successful(), base_ + "/root/grp/d-A-local");
  EXPECT_EQ(read_file(d + "/static-nested/a/b/app.conf"), "conf");
  EXPECT_EQ(install_test::mode_of(d + "/etc/app.conf"), 0640u);
  EXPECT_EQ(install_test::mode_of(d + "/app/config"), 0777u & ~install_test::umask_now());
}

TEST_F(InstallStep, EmptyFilesSectionWritesEmptyInstructions) {
  const InstallResult result = install("d-A-local", Ec2AppSpec{});
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(install_json_text(), "{\"instructions\":[]}");
  EXPECT_TRUE(has_cleanup());
  EXPECT_EQ(cleanup(), "");
}

// Like 05a runs 1-2: v2 removes v1's files; a directory holding a user's file stays, and since it
// already exists v2 no longer lists it.
TEST_F(InstallStep, SecondInstallRemovesTheFirstButKeepsForeignFiles) {
  const std::string v1 = archive("d-A-local");
  write_file(v1 + "/app/sub/c.txt", "c");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("app", dest_ + "/app")};
  ASSERT_TRUE(install("d-A-local", appspec).ok());
  EXPECT_EQ(cleanup(), dest_ + "/app\n" + dest_ + "/app/sub\n" + dest_ + "/app/sub/c.txt\n");

  write_file(dest_ + "/app/sub/user-added.txt", "mine");
  const std::string v2 = archive("d-B-local");
  write_file(v2 + "/app/conf/d.txt", "d");
  const InstallResult result = install("d-B-local", appspec);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_TRUE(result.previous_removed);
  EXPECT_EQ(tree(dest_), (std::set<std::string>{"app/", "app/sub/", "app/sub/user-added.txt", "app/conf/",
                                                "app/conf/d.txt"}));
  EXPECT_EQ(cleanup(), dest_ + "/app/conf\n" + dest_ + "/app/conf/d.txt\n");
  EXPECT_EQ(last_successful(), base_ + "/root/grp/d-B-local");

  // The same revision again: its own files never conflict.
  ASSERT_TRUE(install("d-B-local", appspec).ok());
  EXPECT_EQ(cleanup(), dest_ + "/app/conf\n" + dest_ + "/app/conf/d.txt\n");
}

// Like 05c: OVERWRITE replaces the user's file, lists it, and the next install deletes it.
TEST_F(InstallStep, OverwriteRecordsThePreexistingFile) {
  write_file(dest_ + "/app/a.txt", "PREEXISTING", 0600);
  const std::string v1 = archive("d-A-local");
  write_file(v1 + "/app/a.txt", "new", 0644);
  Ec2AppSpec appspec;
  appspec.files = {file_spec("app", dest_ + "/app")};
  const InstallResult result = install("d-A-local", appspec, "OVERWRITE");
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(read_file(dest_ + "/app/a.txt"), "new");
  EXPECT_EQ(install_test::mode_of(dest_ + "/app/a.txt"), 0644u);
  EXPECT_EQ(cleanup(), dest_ + "/app/a.txt\n");

  write_file(archive("d-B-local") + "/app/b.txt", "b");
  ASSERT_TRUE(install("d-B-local", appspec).ok());
  EXPECT_EQ(tree(dest_), (std::set<std::string>{"app/", "app/b.txt"}));
}

TEST_F(InstallStep, RetainKeepsTheFileAndNeverTouchesIt) {
  write_file(dest_ + "/app/a.txt", "PRE", 0600);
  const std::string v1 = archive("d-A-local");
  write_file(v1 + "/app/a.txt", "new", 0644);
  write_file(v1 + "/app/b.txt", "b", 0644);
  Ec2AppSpec appspec;
  appspec.files = {file_spec("app", dest_ + "/app")};
  PermissionSpec all;
  all.object = dest_ + "/app";
  all.mode = "640";
  appspec.permissions = {all};
  const InstallResult result = install("d-A-local", appspec, "RETAIN");
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(read_file(dest_ + "/app/a.txt"), "PRE");
  EXPECT_EQ(install_test::mode_of(dest_ + "/app/a.txt"), 0600u);
  EXPECT_EQ(install_test::mode_of(dest_ + "/app/b.txt"), 0640u);
  EXPECT_EQ(cleanup(), dest_ + "/app/b.txt\n");
}

}  // namespace
}  // namespace cdrun
