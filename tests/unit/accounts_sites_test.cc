// The places that look users and groups up, answered by host/accounts and a fake getent: `~user`
// in paths, the HOME fallback of the AWS credential files, the owners of the Install step, and
// the owners of extracted tar members.
#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include <gtest/gtest.h>

#include "aws/core/environment.h"
#include "install_test_support.h"
#include "runner/download/download_step.h"
#include "runner/fs/ruby_paths.h"
#include "tests/unit/accounts_test_support.h"

namespace cdrun {
namespace {

using accounts_test::ldap_getent;
using accounts_test::ScratchHost;
using accounts_test::UseAccountSources;

// HOME unset for the scope (restored afterwards).
class WithoutHome {
 public:
  WithoutHome() {
    if (const char* home = std::getenv("HOME")) saved_ = home;
    ::unsetenv("HOME");
  }
  ~WithoutHome() {
    if (saved_) ::setenv("HOME", saved_->c_str(), 1);
  }

 private:
  std::optional<std::string> saved_;
};

struct Owner {
  uid_t uid = 0;
  gid_t gid = 0;
};

Owner owner_of(const std::string& path) {
  struct stat info {};
  EXPECT_EQ(::lstat(path.c_str(), &info), 0) << path;
  return {info.st_uid, info.st_gid};
}

// A getent that knows the LDAP-only user and, by uid, the account we run as.
std::string getent_knowing_us(const std::string& home) {
  const std::string uid = std::to_string(::geteuid());
  return ldap_getent("[ \"$1 $2\" = 'passwd " + uid + "' ] && echo 'me:x:" + uid + ":0::" + home +
                     ":/bin/sh' && exit 0\n");
}

TEST(AccountSites, TildeUserIsTheHomeThatGetentGives) {
  ScratchHost host;
  host.set_getent(ldap_getent());
  UseAccountSources use(host.sources());
  EXPECT_EQ(ruby_expand_path("~ldapuser/app", "/cwd", TildePrefix::home), "/home/ldapuser/app");
  EXPECT_EQ(ruby_expand_path("~ldapuser", "/cwd", TildePrefix::home), "/home/ldapuser");
  EXPECT_EQ(ruby_expand_path("~alice/app", "/cwd", TildePrefix::home), "/cwd/~alice/app");  // getent: not found
  EXPECT_EQ(ruby_expand_path("~ldapuser/app", "/cwd", TildePrefix::literal), "/cwd/~ldapuser/app");
}

TEST(AccountSites, TildeUserWithoutGetentComesFromThePasswdFile) {
  ScratchHost host;
  UseAccountSources use(host.sources());
  EXPECT_EQ(ruby_expand_path("~alice/app", "/cwd", TildePrefix::home), "/home/alice/app");
  EXPECT_EQ(ruby_expand_path("~ldapuser/app", "/cwd", TildePrefix::home), "/cwd/~ldapuser/app");
}

TEST(AccountSites, TildeWithoutHomeIsOurAccountsHome) {
  ScratchHost host;
  if (::getuid() != ::geteuid()) GTEST_SKIP() << "needs the same real and effective uid";
  host.set_getent(getent_knowing_us("/home/me-from-getent"));
  UseAccountSources use(host.sources());
  WithoutHome no_home;
  EXPECT_EQ(ruby_expand_path("~/app", "/cwd", TildePrefix::home), "/home/me-from-getent/app");
}

TEST(AccountSites, AwsHomeFallbackIsOurAccountsHome) {
  ScratchHost host;
  host.set_getent(getent_knowing_us("/home/me-from-getent"));
  UseAccountSources use(host.sources());
  const aws::EnvLookup no_env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  EXPECT_EQ(aws::home_directory(no_env), "/home/me-from-getent");
  host.set_getent("#!/bin/sh\nexit 2\n");
  EXPECT_EQ(aws::home_directory(no_env), "");
  const aws::EnvLookup with_home = [](const std::string& name) -> std::optional<std::string> {
    return name == "HOME" ? std::optional<std::string>("/from/env") : std::nullopt;
  };
  EXPECT_EQ(aws::home_directory(with_home), "/from/env");
}

class InstallOwners : public install_test::InstallFixture {
 protected:
  void SetUp() override {
    InstallFixture::SetUp();
    if (::geteuid() != 0) GTEST_SKIP() << "chown to another user needs root";
  }
  Ec2AppSpec owned_by(const std::string& owner, const std::string& group) {
    install_test::write_file(archive("d-A-local") + "/a.txt", "x");
    Ec2AppSpec appspec;
    appspec.files = {install_test::file_spec("a.txt", dest_ + "/app")};
    PermissionSpec chown;
    chown.object = dest_ + "/app/a.txt";
    chown.pattern = "**";
    chown.type = {"file"};
    chown.owner = owner;
    chown.group = group;
    appspec.permissions = {chown};
    return appspec;
  }
};

TEST_F(InstallOwners, OwnerAndGroupThatOnlyGetentKnows) {
  ScratchHost host;
  host.set_getent(ldap_getent());
  UseAccountSources use(host.sources());
  const InstallResult result = install("d-A-local", owned_by("ldapuser", "ldapgroup"));
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(owner_of(dest_ + "/app/a.txt").uid, 70001u);
  EXPECT_EQ(owner_of(dest_ + "/app/a.txt").gid, 80001u);
}

TEST_F(InstallOwners, NamesGetentDoesNotKnowAreTheAgentsErrors) {
  ScratchHost host;
  host.set_getent(ldap_getent());
  UseAccountSources use(host.sources());
  InstallResult result = install("d-A-local", owned_by("alice", "ldapgroup"));  // alice: only in the file
  EXPECT_EQ(result.error_kind, InstallErrorKind::argument);
  EXPECT_EQ(result.error, "can't find user for alice");
  result = install("d-A-local", owned_by("ldapuser", "staff"));
  EXPECT_EQ(result.error_kind, InstallErrorKind::argument);
  EXPECT_EQ(result.error, "can't find group for staff");
}

TEST_F(InstallOwners, WithoutGetentTheFilesName) {
  ScratchHost host;
  UseAccountSources use(host.sources());
  const InstallResult result = install("d-A-local", owned_by("alice", "staff"));
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(owner_of(dest_ + "/app/a.txt").uid, 1001u);
  EXPECT_EQ(owner_of(dest_ + "/app/a.txt").gid, 50u);
}

// One tar member owned by `user` (stored id 4242) and `group` (stored id 4343).
void write_owned_tar(const std::string& path, const std::string& user, const std::string& group) {
  archive* out = archive_write_new();
  archive_write_set_format_pax_restricted(out);
  ASSERT_EQ(archive_write_open_filename(out, path.c_str()), ARCHIVE_OK);
  archive_entry* entry = archive_entry_new();
  archive_entry_set_pathname(entry, "owned.txt");
  archive_entry_set_filetype(entry, AE_IFREG);
  archive_entry_set_perm(entry, 0644);
  archive_entry_set_size(entry, 1);
  archive_entry_set_uid(entry, 4242);
  archive_entry_set_gid(entry, 4343);
  archive_entry_set_uname(entry, user.c_str());
  archive_entry_set_gname(entry, group.c_str());
  EXPECT_EQ(archive_write_header(out, entry), ARCHIVE_OK);
  EXPECT_EQ(archive_write_data(out, "x", 1), 1);
  archive_entry_free(entry);
  EXPECT_EQ(archive_write_close(out), ARCHIVE_OK);
  archive_write_free(out);
}

// As root, a tar member's owner is its name's id on this host (as GNU tar maps it), else its stored id.
Owner extract_owned_tar(const std::string& user, const std::string& group) {
  bundle_test::TempDir temp;
  write_owned_tar(temp / "bundle.tar", user, group);
  DownloadRequest request;
  request.layout.root_dir = temp / "root";
  request.layout.group_id = "dg";
  request.layout.deployment_id = "d-TEST00000-local";
  request.bundle_path = temp / "bundle.tar";
  request.bundle_kind = BundleKind::tar;
  AgentLog log;
  const DownloadResult result = run_download_bundle(request, log);
  EXPECT_TRUE(result.ok) << result.error;
  return owner_of(request.layout.archive_dir() + "/owned.txt");
}

TEST(AccountSites, TarMemberOwnersAreMappedByName) {
  if (::geteuid() != 0) GTEST_SKIP() << "owners are restored only as root";
  ScratchHost host;
  host.set_getent(ldap_getent());
  UseAccountSources use(host.sources());
  const Owner known = extract_owned_tar("ldapuser", "ldapgroup");
  EXPECT_EQ(known.uid, 70001u);
  EXPECT_EQ(known.gid, 80001u);
  const Owner unknown = extract_owned_tar("ghost", "ghosts");
  EXPECT_EQ(unknown.uid, 4242u);
  EXPECT_EQ(unknown.gid, 4343u);
}

}  // namespace
}  // namespace cdrun
