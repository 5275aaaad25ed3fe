// End to end: a bundle is never judged valid without its appspec read. A directory named
// appspec.yml, an appspec the user cannot read, a symlink that leads nowhere or out of the bundle
// are errors (CD307); a symlink to a file inside an archive is followed as the agent's File.read
// follows the extracted link (CD308), and what it leads to is judged. An unreadable hook script is
// an error too (CD312).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle_builder.h"
#include "validate_bundle_expect.h"

namespace cdrun::e2e {
namespace {

const std::string kAppSpec = "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: start.sh\n";
const std::string kIsADirectory =
    "appspec.yml is a directory, not a file; the agent's File.read fails with \"Is a directory @ io_fread\"";

// `cdrun validate --format json dir` run by an unprivileged user (see run_unprivileged).
JsonRun validate_json_unprivileged(const TempDir& dir) {
  const Outcome run = run_unprivileged(CDRUN_BINARY, {"validate", "--format", "json", dir.path()});
  return {run.exit_code, nlohmann::json::parse(run.out, nullptr, false), run.err};
}

void expect_invalid(const JsonRun& run) {
  EXPECT_EQ(run.exit_code, 1) << run.report.dump(2);
  EXPECT_EQ(run.report["valid"], false) << run.report.dump(2);
}

// The run's report holds the CD307 error `message` about `file`, and calls the bundle invalid.
void expect_unread(const JsonRun& run, const std::string& file, const std::string& message) {
  expect_diagnostic(run, {"CD307", "error", file, 0, 0, message});
  expect_invalid(run);
}

TEST(ValidateUnreadAppSpecE2E, CD307AppSpecThatIsADirectory) {
  TempDir dir;
  dir.write("bundle/appspec.yml/README", "not an appspec\n");
  const JsonRun run = validate_json(dir.path() + "/bundle");
  expect_unread(run, dir.path() + "/bundle/appspec.yml", kIsADirectory);

  const std::string tar = dir.path() + "/bundle.tar";
  write_archive(tar, ArchiveFormat::tar, {directory_member("appspec.yml/"), file_member("appspec.yml/x", "x\n")});
  const JsonRun archived = validate_json(tar);
  expect_unread(archived, tar + "!appspec.yml", kIsADirectory);
}

// As root the file is root's own with mode 0600 and cdrun runs as nobody; as another user the
// user's own file with mode 0000 is just as unreadable.
TEST(ValidateUnreadAppSpecE2E, CD307AppSpecTheUserCannotRead) {
  if (!unprivileged_runs_possible()) GTEST_SKIP() << "as root, this test needs setpriv and a build nobody can run";
  TempDir dir;
  ::chmod(dir.path().c_str(), 0755);
  const std::string appspec = dir.write("appspec.yml", kAppSpec, ::geteuid() == 0 ? 0600 : 0000);
  dir.write("start.sh", "#!/bin/bash\ntrue\n", 0755);
  const JsonRun json = validate_json_unprivileged(dir);
  expect_unread(json, appspec,
                "cannot read appspec.yml: Permission denied; cdrun gives no verdict on an appspec it has not read");
  EXPECT_FALSE(json.report.contains("agent")) << json.report.dump(2);  // no agent verdict either
}

TEST(ValidateUnreadAppSpecE2E, CD307SymlinkThatLeadsNowhereOrOutOfTheBundle) {
  TempDir dir;
  ASSERT_EQ(::mkdir((dir.path() + "/dangling").c_str(), 0755), 0);
  ASSERT_EQ(::symlink("nowhere.yml", (dir.path() + "/dangling/appspec.yml").c_str()), 0);
  const JsonRun dangling = validate_json(dir.path() + "/dangling");
  expect_diagnostic(dangling, {"CD307", "error", dir.path() + "/dangling/appspec.yml", 0, 0,
                               "appspec.yml is a symbolic link to \"nowhere.yml\", which is not in the bundle; the agent's "
                               "File.read fails with \"No such file or directory\""});
  EXPECT_TRUE(with_code(dangling.report, "CD301").empty()) << dangling.report.dump(2);
  expect_invalid(dangling);

  const std::string tar = dir.path() + "/outside.tar";
  write_archive(tar, ArchiveFormat::tar, {symlink_member("appspec.yml", "/etc/codedeploy/appspec.yml")});
  const JsonRun outside = validate_json(tar);
  expect_unread(outside, tar + "!appspec.yml",
                "appspec.yml is a symbolic link to \"/etc/codedeploy/appspec.yml\", outside the bundle; the "
                "agent would read whatever that path holds on the instance, which cdrun cannot judge");
}

// The agent extracts the link (tar -x, unzip) and File.read follows it: the target is the appspec.
TEST(ValidateUnreadAppSpecE2E, CD308SymlinkInsideAnArchiveIsFollowedAndItsTargetJudged) {
  TempDir dir;
  for (ArchiveFormat format : {ArchiveFormat::zip, ArchiveFormat::tar}) {
    const std::string archive = dir.path() + (format == ArchiveFormat::zip ? "/linked.zip" : "/linked.tar");
    write_archive(archive, format,
                  {symlink_member("appspec.yml", "config/appspec.yml"),
                   file_member("config/appspec.yml", "version: 1.0\nos: linux\n")});
    const JsonRun run = validate_json(archive);
    expect_diagnostic(run, {"CD308", "note", archive + "!appspec.yml", 0, 0,
                            "appspec.yml is a symbolic link to \"config/appspec.yml\"; the agent's File.read follows it to "
                            "\"config/appspec.yml\", and cdrun judges that file"});
    // Judged: the agent's verdict on the target's "version: 1.0".
    EXPECT_EQ(run.report["agent"]["accepts"], false) << run.report.dump(2);
    EXPECT_EQ(with_code(run.report, "CD100").size(), 1u) << run.report.dump(2);
    expect_invalid(run);
  }
}

TEST(ValidateUnreadAppSpecE2E, CD312HookScriptTheUserCannotRead) {
  if (!unprivileged_runs_possible()) GTEST_SKIP() << "as root, this test needs setpriv and a build nobody can run";
  TempDir dir;
  ::chmod(dir.path().c_str(), 0755);
  dir.write("appspec.yml", kAppSpec);
  const std::string script = dir.write("start.sh", "#!/bin/bash\ntrue\n", ::geteuid() == 0 ? 0700 : 0000);
  const JsonRun json = validate_json_unprivileged(dir);
  expect_diagnostic(json, {"CD312", "error", script, 0, 0,
                           "cannot read the hook script: Permission denied; none of its checks ran"});
  expect_invalid(json);
}

}  // namespace
}  // namespace cdrun::e2e
