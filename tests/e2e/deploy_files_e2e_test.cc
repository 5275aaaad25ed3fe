// End to end: the Install step of `cdrun deploy` — file_exists_behavior, cleanup of the previous
// revision, permissions, archive bundles and hostile archives.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>

#include "bundle_builder.h"
#include "deploy_fixture.h"

namespace cdrun::e2e {
namespace {

const std::string kFiles = "version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: @DEST@\n";

unsigned mode_of(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

TEST(DeployFilesE2E, DisallowRefusesAForeignFileAndChangesNothing) {
  DeployFixture f;
  ASSERT_EQ(f.deploy(f.write_bundle("v1", kFiles, {{"app/a.txt", "v1"}})).exit_code, 0);
  f.dir().write("dest/b.txt", "mine");
  f.dir().write("dest/c.txt", "mine too");
  const std::string cleanup = f.instruction("-cleanup");
  Outcome run = f.deploy(f.write_bundle("v2", kFiles, {{"app/a.txt", "v2"}, {"app/b.txt", "v2"}, {"app/c.txt", "v2"}}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("The deployment failed because a specified file already exists at this location: " + f.dest()),
            std::string::npos) << run.err;
  EXPECT_NE(run.err.find(f.dest() + "/b.txt"), std::string::npos);
  EXPECT_NE(run.err.find(f.dest() + "/c.txt"), std::string::npos);
  // Unlike the agent, the previous revision is still in place and still owned by the group.
  EXPECT_EQ(f.read(f.dest() + "/a.txt"), "v1");
  EXPECT_EQ(f.instruction("-cleanup"), cleanup);
}

TEST(DeployFilesE2E, OverwriteRecordsTheUsersFileForTheNextCleanup) {
  DeployFixture f;
  f.dir().write("dest/a.txt", "mine", 0600);
  ASSERT_EQ(f.deploy(f.write_bundle("v1", kFiles, {{"app/a.txt", "v1"}}), {"-b", "overwrite"}).exit_code, 0);
  EXPECT_EQ(f.read(f.dest() + "/a.txt"), "v1");
  EXPECT_EQ(mode_of(f.dest() + "/a.txt"), 0644u);
  EXPECT_NE(f.instruction("-cleanup").find(f.dest() + "/a.txt\n"), std::string::npos);
  ASSERT_EQ(f.deploy(f.write_bundle("v2", kFiles, {{"app/other.txt", "v2"}})).exit_code, 0);
  EXPECT_EQ(f.read(f.dest() + "/a.txt"), "") << "the agent's cleanup deletes the overwritten original";
}

TEST(DeployFilesE2E, RetainKeepsTheUsersFile) {
  DeployFixture f;
  f.dir().write("dest/a.txt", "mine", 0600);
  const std::string appspec = kFiles + "file_exists_behavior: RETAIN\n";
  ASSERT_EQ(f.deploy(f.write_bundle("v1", appspec, {{"app/a.txt", "v1"}, {"app/b.txt", "v1"}})).exit_code, 0);
  EXPECT_EQ(f.read(f.dest() + "/a.txt"), "mine");
  EXPECT_EQ(f.instruction("-cleanup").find(f.dest() + "/a.txt\n"), std::string::npos);
}

TEST(DeployFilesE2E, RedeployRemovesThePreviousFilesButKeepsForeignOnes) {
  DeployFixture f;
  ASSERT_EQ(f.deploy(f.write_bundle("v1", kFiles, {{"app/old.txt", "1"}, {"app/sub/s.txt", "1"}})).exit_code, 0);
  f.dir().write("dest/sub/user.txt", "user");
  ASSERT_EQ(f.deploy(f.write_bundle("v2", kFiles, {{"app/new.txt", "2"}})).exit_code, 0);
  EXPECT_EQ(f.read(f.dest() + "/old.txt"), "");
  EXPECT_EQ(f.read(f.dest() + "/sub/s.txt"), "");
  EXPECT_EQ(f.read(f.dest() + "/sub/user.txt"), "user");
  EXPECT_EQ(f.read(f.dest() + "/new.txt"), "2");
}

TEST(DeployFilesE2E, PermissionsApplyAsTheAgentMatchesThem) {
  DeployFixture f;
  const std::string appspec = kFiles +
      "permissions:\n  - object: @DEST@\n    pattern: '*.sh'\n    mode: 750\n    type: [file]\n"
      "  - object: @DEST@/conf\n    mode: '0600'\n    type: [file]\n";
  ASSERT_EQ(f.deploy(f.write_bundle("v1", appspec, {{"app/run.sh", "x"}, {"app/deep/run.sh", "x"}, {"app/conf/c.txt", "x"}})).exit_code, 0);
  EXPECT_EQ(mode_of(f.dest() + "/run.sh"), 0750u);
  EXPECT_EQ(mode_of(f.dest() + "/deep/run.sh"), 0755u) << "a pattern matches direct children only";
  EXPECT_EQ(mode_of(f.dest() + "/conf/c.txt"), 0600u);
  EXPECT_EQ(mode_of(f.dest() + "/conf"), 0755u) << "the object itself is never changed";
}

TEST(DeployFilesE2E, AclsAreSetWithSetfaclAsTheAgentBuildsThem) {
  if (std::system("command -v setfacl > /dev/null && command -v getfacl > /dev/null") != 0) GTEST_SKIP() << "acl tools missing";
  DeployFixture f;
  const std::string appspec = kFiles + "permissions:\n  - object: @DEST@\n    pattern: '*.sh'\n    type: [file]\n"
                                       "    acls:\n      - u:nobody:rw\n";
  Outcome run = f.deploy(f.write_bundle("v1", appspec, {{"app/run.sh", "#!/bin/sh\n"}}));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  // The agent adds the base entries from the file's mode (0755) and a mask equal to the group bits.
  const std::string acl_file = f.dir().path() + "/acl.txt";
  ASSERT_EQ(std::system(("getfacl -cp " + f.dest() + "/run.sh > " + acl_file).c_str()), 0);
  EXPECT_EQ(f.read(acl_file), "user::rwx\nuser:nobody:rw-\t#effective:r--\ngroup::r-x\nmask::r-x\nother::r-x\n\n");
  EXPECT_NE(f.instruction("-install.json").find("{\"type\":\"setfacl\",\"acl\":[\"user:nobody:rw-\"],\"file\":\"" + f.dest() + "/run.sh\"}"),
            std::string::npos);
}

TEST(DeployFilesE2E, EachArchiveTypeDeploysTheSameTree) {
  const std::pair<const char*, ArchiveFormat> types[] = {{"zip", ArchiveFormat::zip}, {"tar", ArchiveFormat::tar}, {"tgz", ArchiveFormat::tgz}};
  for (const auto& [type, format] : types) {
    DeployFixture f;
    const std::string appspec = "version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: " + f.dest() + "\n";
    const std::string archive = f.dir().path() + "/bundle." + type;
    // A single top-level directory holding the appspec: the agent strips it.
    write_archive(archive, format, {file_member("top/appspec.yml", appspec), file_member("top/app/a.txt", "a", 0600)});
    Outcome run = f.deploy(archive, {"-t", type});
    EXPECT_EQ(run.exit_code, 0) << type << ": " << run.out << run.err;
    EXPECT_EQ(f.read(f.dest() + "/a.txt"), "a") << type;
    EXPECT_EQ(mode_of(f.dest() + "/a.txt"), 0600u) << type;
  }
}

TEST(DeployFilesE2E, HostileArchiveIsRefusedBeforeAnythingIsWritten) {
  DeployFixture f;
  const std::string archive = f.dir().path() + "/evil.tar";
  write_archive(archive, ArchiveFormat::tar, {file_member("appspec.yml", "version: 0.0\nos: linux\n"), file_member("../escaped.txt", "x"),
                                 symlink_member("link", "../../etc")});
  Outcome run = f.deploy(archive, {"-t", "tar"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("../escaped.txt"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("link"), std::string::npos) << run.err;
  EXPECT_EQ(f.read(f.root() + "/default-local-deployment-group/escaped.txt"), "");
  EXPECT_EQ(f.instruction("_most_recent_install"), "") << "the bundle never became a revision";
}

}  // namespace
}  // namespace cdrun::e2e
