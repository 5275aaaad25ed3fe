// End to end: `cdrun deploy` as a new user meets it: run as an ordinary user whose HOME cannot be
// written (a container started with -u UID has HOME=/), into a root under /opt it may not write,
// and with an archive given without -t.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "bundle_builder.h"
#include "deploy_fixture.h"

namespace cdrun::e2e {
namespace {

const std::string kCodedeployLocal = std::filesystem::path(CDRUN_BINARY).parent_path() / "codedeploy-local";

// As run_unprivileged, with exactly the HOME given and no XDG_STATE_HOME.
Outcome run_with_home(const std::string& program, const std::vector<std::string>& args, const std::string& home) {
  return run_unprivileged(program, args, {"-u", "XDG_STATE_HOME", "HOME=" + home});
}

// A fixture whose directory nobody may enter and write, for runs through setpriv.
struct SharedFixture {
  SharedFixture() { ::chmod(f.dir().path().c_str(), 0777); }
  DeployFixture f;
};

const char kHookAppspec[] = "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: hello.sh\n";

std::string write_hello_bundle(const DeployFixture& f) {
  const std::string bundle = f.write_bundle("app", kHookAppspec, {{"hello.sh", "#!/bin/sh\necho hello\n"}});
  ::chmod(bundle.c_str(), 0755);
  ::chmod((bundle + "/hello.sh").c_str(), 0755);
  ::chmod((bundle + "/appspec.yml").c_str(), 0644);
  return bundle;
}

TEST(DeployUnprivilegedE2E, AnUnwritableHomeIsNamedWithTheReasonAndTheWaysOut) {
  if (!unprivileged_runs_possible()) GTEST_SKIP() << "as root, this test needs setpriv and a build nobody can run";
  SharedFixture shared;
  const std::string bundle = write_hello_bundle(shared.f);
  const std::string expected =
      "ERROR: cannot create the per-user directory /.local/state/cdrun (Permission denied): set XDG_STATE_HOME or HOME "
      "to a directory you can write, or pass --root-dir DIR to deploy under DIR\n";
  for (const std::string& program : {std::string(CDRUN_BINARY), kCodedeployLocal}) {
    const std::vector<std::string> args = program == kCodedeployLocal ? std::vector<std::string>{"-l", bundle}
                                                                      : std::vector<std::string>{"deploy", "-l", bundle};
    const Outcome run = run_with_home(program, args, "/");
    EXPECT_EQ(run.exit_code, 1) << program;
    EXPECT_EQ(run.out, expected) << program;
  }
}

TEST(DeployUnprivilegedE2E, WithRootDirEverythingItWritesIsUnderTheRootAndHomeIsNotNeeded) {
  if (!unprivileged_runs_possible()) GTEST_SKIP() << "as root, this test needs setpriv and a build nobody can run";
  SharedFixture shared;
  const DeployFixture& f = shared.f;
  const std::string bundle = write_hello_bundle(f);
  const std::string root = f.dir().path() + "/scratch-root";
  const Outcome run = run_with_home(kCodedeployLocal, {"--root-dir", root, "-l", bundle}, "/");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("AppSpec file valid. Local deployment successful\n"), std::string::npos) << run.out;
  const std::string local_log = f.read(root + "/deployment-logs/codedeploy-local.log");
  EXPECT_NE(local_log.find("Handle local directory " + bundle), std::string::npos) << local_log;
  EXPECT_TRUE(std::filesystem::exists(root + "/deployment-logs/codedeploy-agent-deployments.log"));
}

TEST(DeployUnprivilegedE2E, WithRootDirTheLogDirOfTheUsersOwnConfigurationStays) {
  DeployFixture f;
  const std::string bundle = write_hello_bundle(f);
  const std::string log_dir = f.dir().path() + "/chosen-log";
  const std::string config = f.dir().write("agent.yml", ":log_dir: " + log_dir + "\n");
  const Outcome run = f.deploy(bundle, {"-c", config});
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(f.read(log_dir + "/codedeploy-local.log").find("Handle local directory " + bundle), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(f.root() + "/deployment-logs/codedeploy-local.log"));
}

TEST(DeployUnprivilegedE2E, AnUnwritableDeploymentRootSuggestsRootOrRootDir) {
  if (!unprivileged_runs_possible()) GTEST_SKIP() << "as root, this test needs setpriv and a build nobody can run";
  SharedFixture shared;
  const DeployFixture& f = shared.f;
  const std::string bundle = write_hello_bundle(f);
  // Stands for /opt: the agent configuration's root is in a directory only root may write.
  const std::string opt = f.dir().path() + "/opt";
  std::filesystem::create_directory(opt);
  ::chmod(opt.c_str(), 0555);
  const std::string config = f.dir().write("agent.yml", ":root_dir: " + opt + "/codedeploy-agent/deployment-root\n");
  const std::string home = f.dir().path() + "/home";
  std::filesystem::create_directory(home);
  ::chmod(home.c_str(), 0777);
  const Outcome run = run_with_home(CDRUN_BINARY, {"deploy", "-c", config, "-l", bundle}, home);
  ::chmod(opt.c_str(), 0755);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "ERROR: cannot create directory " + opt + "/codedeploy-agent: Permission denied\n"
                     "hint: run as root, or pass --root-dir DIR to deploy into a directory you can write\n");
}

TEST(DeployUnprivilegedE2E, ARootRefusedForAnotherReasonGetsNoHint) {
  DeployFixture f;
  const std::string bundle = write_hello_bundle(f);
  const std::string not_a_directory = f.dir().write("plain-file", "x");
  const std::string config = f.dir().write("agent.yml", ":root_dir: " + not_a_directory + "/root\n:log_dir: " +
                                                            f.dir().path() + "/log\n");
  const Outcome run = run_cdrun({"deploy", "-c", config, "-l", bundle});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "ERROR: cannot create directory " + not_a_directory + ": Not a directory\n");
}

TEST(DeployUnprivilegedE2E, AnArchiveWithoutTypeIsRefusedAsCodedeployLocalDoesWithTheTypeToAdd) {
  DeployFixture f;
  const std::vector<Member> members{file_member("appspec.yml", "version: 0.0\nos: linux\n")};
  const struct {
    std::string name;
    ArchiveFormat format;
    std::string hint;
  } cases[] = {
      {"app.tgz", ArchiveFormat::tgz, "is a gzip-compressed tar archive: add -t tgz"},
      {"app.zip", ArchiveFormat::zip, "is a zip archive: add -t zip"},
      {"app.tar", ArchiveFormat::tar, "is a tar archive: add -t tar"},
      // The name does not matter: the content does, as for validate.
      {"release.bin", ArchiveFormat::tgz, "is a gzip-compressed tar archive: add -t tgz"},
  };
  for (const auto& c : cases) {
    const std::string archive = f.bundle(c.name);
    write_archive(archive, c.format, members);
    const Outcome run = f.deploy(archive);
    EXPECT_EQ(run.exit_code, 1) << c.name;
    EXPECT_EQ(run.out, "ERROR: location " + archive + " is specified with type directory but it is a file\nhint: " +
                           archive + " " + c.hint + "\n")
        << c.name;
  }
  const std::string text = f.dir().write("notes.txt", "not an archive\n");
  const Outcome plain = f.deploy(text);
  EXPECT_EQ(plain.out, "ERROR: location " + text + " is specified with type directory but it is a file\n");
}

}  // namespace
}  // namespace cdrun::e2e
