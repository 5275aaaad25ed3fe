// The permissions section applied by a real install (case 06a, §4.6, §9 item 14).
#include <grp.h>
#include <pwd.h>

#include <gtest/gtest.h>

#include "install_test_support.h"

namespace cdrun {
namespace {

using install_test::file_spec;
using install_test::InstallFixture;
using install_test::mode_of;
using install_test::write_file;

struct Owner {
  uid_t uid;
  gid_t gid;
};

Owner owner_of(const std::string& path) {
  struct stat info {};
  ::lstat(path.c_str(), &info);
  return {info.st_uid, info.st_gid};
}

PermissionSpec permission(const std::string& object, const std::string& pattern, std::vector<std::string> types) {
  PermissionSpec spec;
  spec.object = object;
  spec.pattern = pattern;
  spec.type = std::move(types);
  return spec;
}

class InstallPermissions : public InstallFixture {
 protected:
  void SetUp() override {
    InstallFixture::SetUp();
    const struct passwd* nobody = ::getpwnam("nobody");
    const struct group* nogroup = ::getgrnam("nogroup");
    if (!nobody || !nogroup) GTEST_SKIP() << "needs the user nobody and the group nogroup";
    if (::geteuid() != 0) GTEST_SKIP() << "chown to nobody needs root";
    nobody_ = nobody->pw_uid;
    nogroup_ = nogroup->gr_gid;
  }
  uid_t nobody_ = 0;
  gid_t nogroup_ = 0;
};

TEST_F(InstallPermissions, Case06a) {
  const std::string a = archive("d-A-local");
  for (const char* name : {"readme.txt", "run.sh", "lib.sh", "secret.txt", "sub/data.txt", "sub/deep.sh"}) {
    write_file(a + "/app/" + name, "x", 0644);
  }
  const std::string app = dest_ + "/app";
  Ec2AppSpec appspec;
  appspec.files = {file_spec("app", app)};
  PermissionSpec scripts = permission(app, "*.sh", {"file"});
  scripts.mode = "755";
  PermissionSpec secret = permission(app + "/secret.txt", "**", {"file", "directory"});
  secret.mode = "400";
  secret.owner = "nobody";
  PermissionSpec texts = permission(app, "*.txt", {"file"});
  texts.except = {"secret.txt"};
  texts.mode = "640";
  texts.group = "nogroup";
  PermissionSpec sub = permission(app + "/sub", "**", {"file"});
  sub.mode = "0700";
  sub.owner = "nobody";
  sub.group = "nogroup";
  PermissionSpec dirs = permission(app, "**", {"directory"});
  dirs.mode = "750";
  appspec.permissions = {scripts, secret, texts, sub, dirs};

  const InstallResult result = install("d-A-local", appspec);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(mode_of(app + "/run.sh"), 0755u);
  EXPECT_EQ(mode_of(app + "/lib.sh"), 0755u);
  EXPECT_EQ(mode_of(app + "/secret.txt"), 0400u);
  EXPECT_EQ(owner_of(app + "/secret.txt").uid, nobody_);
  EXPECT_EQ(owner_of(app + "/secret.txt").gid, 0u);
  EXPECT_EQ(mode_of(app + "/readme.txt"), 0640u);
  EXPECT_EQ(owner_of(app + "/readme.txt").uid, 0u);
  EXPECT_EQ(owner_of(app + "/readme.txt").gid, nogroup_);
  for (const char* name : {"/sub/data.txt", "/sub/deep.sh"}) {  // "*.sh" did not reach sub/deep.sh
    EXPECT_EQ(mode_of(app + name), 0700u) << name;
    EXPECT_EQ(owner_of(app + name).uid, nobody_) << name;
    EXPECT_EQ(owner_of(app + name).gid, nogroup_) << name;
  }
  EXPECT_EQ(mode_of(app + "/sub"), 0750u);
  EXPECT_EQ(mode_of(app), 0777u & ~install_test::umask_now());  // the object itself is never matched
}

TEST_F(InstallPermissions, InstallJsonListsPermissionCommandsAfterTheCopies) {
  const std::string a = archive("d-A-local");
  write_file(a + "/app/run.sh", "x", 0644);
  const std::string app = dest_ + "/app";
  Ec2AppSpec appspec;
  appspec.files = {file_spec("app", app)};
  PermissionSpec scripts = permission(app, "*.sh", {"file"});
  scripts.mode = "750";
  scripts.owner = "nobody";
  PermissionSpec elsewhere = permission(dest_ + "/not-installed", "**", {"file", "directory"});
  elsewhere.mode = "700";  // neither copied nor an existing directory: ignored
  appspec.permissions = {scripts, elsewhere};
  ASSERT_TRUE(install("d-A-local", appspec).ok());
  EXPECT_EQ(install_json_text(),
            "{\"instructions\":[{\"type\":\"mkdir\",\"directory\":\"" + app +
                "\"},{\"type\":\"copy\",\"source\":\"" + a + "/app/run.sh\",\"destination\":\"" + app +
                "/run.sh\"},{\"type\":\"chmod\",\"mode\":\"750\",\"file\":\"" + app +
                "/run.sh\"},{\"type\":\"chown\",\"owner\":\"nobody\",\"group\":null,\"file\":\"" + app + "/run.sh\"}]}");
  EXPECT_EQ(mode_of(app + "/run.sh"), 0750u);
  EXPECT_EQ(owner_of(app + "/run.sh").uid, nobody_);
}

TEST_F(InstallPermissions, PermissionsOnAnExistingDirectoryReachOnlyThisInstallsFiles) {
  write_file(dest_ + "/app/old.txt", "user", 0644);
  write_file(archive("d-A-local") + "/new.txt", "x", 0644);
  Ec2AppSpec appspec;
  appspec.files = {file_spec("new.txt", dest_ + "/app")};
  PermissionSpec all = permission(dest_ + "/app", "**", {"file", "directory"});
  all.mode = "600";
  appspec.permissions = {all};
  ASSERT_TRUE(install("d-A-local", appspec).ok());
  EXPECT_EQ(mode_of(dest_ + "/app/new.txt"), 0600u);
  EXPECT_EQ(mode_of(dest_ + "/app/old.txt"), 0644u);
}

TEST_F(InstallPermissions, UnknownUserAndGroupAreArgumentErrors) {
  write_file(archive("d-A-local") + "/a.txt", "x");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("a.txt", dest_ + "/app")};
  PermissionSpec bad = permission(dest_ + "/app/a.txt", "**", {"file"});
  bad.owner = "cdrun-no-such-user";
  bad.group = "cdrun-no-such-group";
  appspec.permissions = {bad};
  InstallResult result = install("d-A-local", appspec);
  EXPECT_EQ(result.error_kind, InstallErrorKind::argument);
  EXPECT_EQ(result.error, "can't find user for cdrun-no-such-user");

  appspec.permissions[0].owner = "nobody";
  result = install("d-A-local", appspec);
  EXPECT_EQ(result.error_kind, InstallErrorKind::argument);
  EXPECT_EQ(result.error, "can't find group for cdrun-no-such-group");
}

TEST_F(InstallPermissions, FilePatternAndDefaultAclMessages) {
  write_file(archive("d-A-local") + "/app/a.sh", "x");
  Ec2AppSpec appspec;
  appspec.files = {file_spec("app", dest_ + "/app")};
  PermissionSpec on_file = permission(dest_ + "/app/a.sh", "*.sh", {"file"});
  on_file.mode = "700";
  appspec.permissions = {on_file};
  InstallResult result = install("d-A-local", appspec);
  EXPECT_EQ(result.error, "The deployment failed because the application specification file includes an object (" +
                              dest_ + "/app/a.sh) with an invalid pattern (*.sh), such as a pattern for a file applied "
                              "to a directory. Correct the permissions section of the AppSpec file, and then try again.");

  PermissionSpec on_dir = permission(dest_ + "/app", "**", {"file"});
  on_dir.acls = std::vector<std::string>{"default:user:nobody:r--"};
  appspec.permissions = {on_dir};
  result = install("d-A-local", appspec);
  EXPECT_EQ(result.error_kind, InstallErrorKind::runtime);
  EXPECT_EQ(result.error,
            "The deployment failed because the -d parameter has been specified to apply an acl setting to a file. This "
            "parameter is supported for directories only. Update the AppSpec file, and then try again.");
}

}  // namespace
}  // namespace cdrun
