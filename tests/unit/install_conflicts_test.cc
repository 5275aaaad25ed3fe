// file_exists_behavior (§4.3) and the instruction builder's conflicts (§4.4): every message in
// full, and nothing on disk changed when the install is refused.
#include <gtest/gtest.h>

#include "install_test_support.h"

namespace cdrun {
namespace {

using install_test::exists;
using install_test::file_spec;
using install_test::InstallFixture;
using install_test::read_file;
using install_test::write_file;

class InstallConflicts : public InstallFixture {
 protected:
  void expect_refused_untouched(const InstallResult& result) {
    EXPECT_EQ(result.error_kind, InstallErrorKind::runtime);
    EXPECT_FALSE(result.previous_removed);
    EXPECT_FALSE(has_cleanup());
    EXPECT_FALSE(exists(base_ + "/root/deployment-instructions/grp-install.json"));
    EXPECT_FALSE(exists(base_ + "/root/deployment-instructions/grp_last_successful_install"));
  }
};

TEST_F(InstallConflicts, DisallowIsTheDefault) {
  write_file(dest_ + "/app/a.txt", "PRE", 0600);
  write_file(archive("d-A-local") + "/app/a.txt", "new");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("app", dest_ + "/app")};
  const InstallResult result = install("d-A-local", appspec);
  EXPECT_EQ(result.error,
            "The deployment failed because a specified file already exists at this location: " + dest_ + "/app/a.txt");
  EXPECT_EQ(result.conflicts, std::vector<std::string>{dest_ + "/app/a.txt"});
  expect_refused_untouched(result);
  EXPECT_EQ(read_file(dest_ + "/app/a.txt"), "PRE");
  EXPECT_EQ(install_test::mode_of(dest_ + "/app/a.txt"), 0600u);
}

TEST_F(InstallConflicts, TargetIsNamedAsWrittenNotExpanded) {
  write_file(dest_ + "/app/a.txt", "PRE");
  write_file(archive("d-A-local") + "/a.txt", "new");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("a.txt", dest_ + "//app/")};
  const InstallResult result = install("d-A-local", appspec, "DISALLOW");
  EXPECT_EQ(result.error,
            "The deployment failed because a specified file already exists at this location: " + dest_ + "//app/a.txt");
}

TEST_F(InstallConflicts, InvalidDeploymentValueFailsOnlyWhenAFileExists) {
  write_file(archive("d-A-local") + "/app/a.txt", "new");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("app", dest_ + "/app")};
  EXPECT_TRUE(install("d-A-local", appspec, "FOO").ok());

  write_file(dest_ + "/other/a.txt", "PRE");
  appspec.files = {file_spec("app", dest_ + "/other")};
  const InstallResult result = install("d-A-local", appspec, "FOO");
  EXPECT_EQ(result.error_kind, InstallErrorKind::runtime);
  EXPECT_EQ(result.error,
            "The deployment failed because an invalid option was specified for fileExistsBehavior: FOO. Valid options "
            "include OVERWRITE, RETAIN, and DISALLOW.");
  EXPECT_EQ(read_file(dest_ + "/other/a.txt"), "PRE");
}

TEST_F(InstallConflicts, AppspecValueBeatsTheDeploymentValue) {
  write_file(dest_ + "/app/a.txt", "PRE");
  write_file(archive("d-A-local") + "/app/a.txt", "new");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("app", dest_ + "/app")};
  appspec.file_exists_behavior = "RETAIN";
  const InstallResult result = install("d-A-local", appspec, "FOO");
  EXPECT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(read_file(dest_ + "/app/a.txt"), "PRE");
}

TEST_F(InstallConflicts, TwoSourcesForOneDestination) {
  const std::string a = archive("d-A-local");
  write_file(a + "/a.txt", "1");
  write_file(a + "/other/a.txt", "2");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("a.txt", dest_ + "/x"), file_spec("other/a.txt", dest_ + "/x/")};
  const InstallResult result = install("d-A-local", appspec);
  EXPECT_EQ(result.error,
            "The deployment failed because the application specification file specifies two source files named " + a +
                "/other/a.txt and " + a + "/a.txt for the same destination (" + dest_ +
                "/x/a.txt). Remove one of the source file paths from the AppSpec file, and then try again.");
  expect_refused_untouched(result);
  EXPECT_FALSE(exists(dest_ + "/x"));
}

TEST_F(InstallConflicts, FileOntoADirectoryOfThisInstall) {
  const std::string a = archive("d-A-local");
  write_file(a + "/sub/inner.txt", "1");
  write_file(a + "/name", "2");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("sub", dest_ + "/out/name"), file_spec("name", dest_ + "/out")};
  const InstallResult result = install("d-A-local", appspec);
  EXPECT_EQ(result.error,
            "The deployment failed because the application specification file calls for installing the file " + a +
                "/name, but a file with that name already exists at the location (" + dest_ +
                "/out/name). Update your AppSpec file or directory structure, and then try again.");
  expect_refused_untouched(result);
}

TEST_F(InstallConflicts, DirectoryOntoAFileOfThisInstall) {
  const std::string a = archive("d-A-local");
  write_file(a + "/sub/inner.txt", "1");
  write_file(a + "/name", "2");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("name", dest_ + "/out"), file_spec("sub", dest_ + "/out/name")};
  const InstallResult result = install("d-A-local", appspec);
  EXPECT_EQ(result.error,
            "The deployment failed because the application specification file includes an mkdir command more than "
            "once for the same destination path (" +
                dest_ + "/out/name) from (" + a +
                "/name). Update the files section of the AppSpec file, and then try again.");
  expect_refused_untouched(result);
}

TEST_F(InstallConflicts, SecondMkdirOfADirectoryIsDropped) {
  const std::string a = archive("d-A-local");
  write_file(a + "/a/one.txt", "1");
  write_file(a + "/b/two.txt", "2");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("a", dest_ + "/out/x"), file_spec("b", dest_ + "/out/x")};
  const InstallResult result = install("d-A-local", appspec);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(cleanup(), dest_ + "/out\n" + dest_ + "/out/x\n" + dest_ + "/out/x/one.txt\n" + dest_ + "/out/x/two.txt\n");
}

TEST_F(InstallConflicts, PermissionOnTheSameObjectTwice) {
  write_file(archive("d-A-local") + "/a.txt", "1");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("a.txt", dest_ + "/app")};
  PermissionSpec first;
  first.object = dest_ + "/app/a.txt";
  first.mode = "600";
  PermissionSpec second = first;
  second.object = dest_ + "/app/./a.txt";
  appspec.permissions = {first, second};
  const InstallResult result = install("d-A-local", appspec);
  EXPECT_EQ(result.error, "The deployment failed because the permissions setting for (" + dest_ +
                              "/app/a.txt) is specified more than once in the application specification file. Update "
                              "the files section of the AppSpec file, and then try again.");
  expect_refused_untouched(result);
}

TEST_F(InstallConflicts, EveryConflictIsListedAndThePreviousInstallKept) {
  write_file(archive("d-A-local") + "/app/a.txt", "v1-a");
  write_file(archive("d-A-local") + "/app/b.txt", "v1-b");
  Ec2AppSpec v1;
  v1.files = {file_spec("app", dest_ + "/app")};
  ASSERT_TRUE(install("d-A-local", v1).ok());
  const std::string cleanup_v1 = cleanup();
  const std::string json_v1 = install_json_text();

  write_file(dest_ + "/app/n1.txt", "user 1");
  write_file(dest_ + "/app/n2.txt", "user 2");
  const std::string b = archive("d-B-local");
  write_file(b + "/app/a.txt", "v2-a");
  write_file(b + "/app/n1.txt", "v2-n1");
  write_file(b + "/app/n2.txt", "v2-n2");
  const InstallResult result = install("d-B-local", v1);
  EXPECT_EQ(result.error_kind, InstallErrorKind::runtime);
  ASSERT_EQ(result.conflicts.size(), 2u);
  EXPECT_EQ(std::set<std::string>(result.conflicts.begin(), result.conflicts.end()),
            (std::set<std::string>{dest_ + "/app/n1.txt", dest_ + "/app/n2.txt"}));
  EXPECT_EQ(result.error,
            "The deployment failed because a specified file already exists at this location: " + result.conflicts[0]);
  EXPECT_FALSE(result.previous_removed);
  // a.txt of v1 would have been removed first, so it is no conflict; and nothing changed.
  EXPECT_EQ(read_file(dest_ + "/app/a.txt"), "v1-a");
  EXPECT_EQ(read_file(dest_ + "/app/b.txt"), "v1-b");
  EXPECT_EQ(read_file(dest_ + "/app/n1.txt"), "user 1");
  EXPECT_EQ(cleanup(), cleanup_v1);
  EXPECT_EQ(install_json_text(), json_v1);
  EXPECT_EQ(last_successful(), layout("d-A-local").deployment_dir());
}

}  // namespace
}  // namespace cdrun
