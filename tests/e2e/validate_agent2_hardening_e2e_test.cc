// End to end: `cdrun validate -c codedeployagent.yml` with agent 2.x's opt-in hardening settings
// (agent2-behavior.md §5.4). Each refusal quotes the agent's own text (host_command/
// bundle_unpacker.rs, installer/error.rs, lifecycle_event/executor.rs), written here by hand.
#include <gtest/gtest.h>
#include <unistd.h>

#include "bundle_builder.h"
#include "validate_bundle_expect.h"

namespace cdrun::e2e {
namespace {

const std::string kAllOn =
    "reject_symlinks_in_bundle: true\nreject_path_traversal_in_bundle: true\n"
    "reject_unsafe_permissions_in_bundle: true\nreject_unconfined_selinux_in_bundle: true\n";

const std::string kHead = "version: 0.0\nos: linux\n";

bool has_code(const JsonRun& run, const std::string& code) { return !with_code(run.report, code).empty(); }

TEST(ValidateAgent2HardeningE2E, AppSpecValuesTheSettingsRefuse) {
  TempDir dir;
  const std::string appspec = dir.write("b/appspec.yml", kHead +
                                                             "files:\n"
                                                             "  - source: ../outside\n"
                                                             "    destination: ../x\n"
                                                             "permissions:\n"
                                                             "  - object: /var/www\n"
                                                             "    mode: 4755\n"
                                                             "    context:\n"
                                                             "      type: unconfined_t\n"
                                                             "      range: s0\n"
                                                             "hooks:\n"
                                                             "  ApplicationStart:\n"
                                                             "    - location: /../start.sh\n");
  const std::string config = dir.write("agent.yml", kAllOn);
  const JsonRun run = validate_json(dir.path() + "/b", {"-c", config});
  expect_diagnostic(run, {"CD245", "error", appspec, 4, 13,
                          "agent 2.x with reject_path_traversal_in_bundle fails the deployment: \"The deployment failed "
                          "because the source path '../outside' attempts to escape the deployment archive directory: "
                          "/opt/codedeploy-agent/deployment-root/<deployment-group-id>/<deployment-id>/deployment-archive\""});
  expect_diagnostic(run, {"CD246", "error", appspec, 5, 18,
                          "agent 2.x with reject_path_traversal_in_bundle fails the deployment: \"The deployment failed "
                          "because a file destination path (../x) uses '..' components that climb above its own root, "
                          "which would write outside the intended destination. Correct the files section of the AppSpec "
                          "file, and then try again.\""});
  expect_diagnostic(run, {"CD248", "error", appspec, 8, 11,
                          "agent 2.x with reject_unsafe_permissions_in_bundle fails the deployment: \"deployment "
                          "rejected: file /var/www requests SUID/SGID mode 4755; set reject_unsafe_permissions_in_bundle: "
                          "false to allow\""});
  expect_diagnostic(run, {"CD249", "error", appspec, 10, 13,
                          "agent 2.x with reject_unconfined_selinux_in_bundle fails the deployment: \"deployment "
                          "rejected: AppSpec specifies SELinux type 'unconfined_t' which disables mandatory access "
                          "controls; set reject_unconfined_selinux_in_bundle: false to allow\""});
  expect_diagnostic(run, {"CD247", "error", appspec, 14, 17,
                          "agent 2.x with reject_path_traversal_in_bundle fails ApplicationStart: \"Script at specified "
                          "location: /../start.sh resolves outside the deployment archive\""});
  EXPECT_EQ(run.exit_code, 1);

  // Without the file, or judged for agent 1.8 alone, none of these exist.
  for (const JsonRun& other : {validate_json(dir.path() + "/b"), validate_json(dir.path() + "/b", {"-c", config, "--agent-version", "1.8"})}) {
    for (const std::string code : {"CD245", "CD246", "CD247", "CD248", "CD249"}) {
      EXPECT_FALSE(has_code(other, code)) << code << other.report.dump(2);
    }
  }
}

TEST(ValidateAgent2HardeningE2E, EachSettingGuardsOnlyItsOwnRule) {
  TempDir dir;
  dir.write("b/appspec.yml", kHead + "permissions:\n  - object: /var/www\n    mode: 2755\n");
  const std::string only_links = dir.write("links.yml", "reject_symlinks_in_bundle: true\n");
  EXPECT_FALSE(has_code(validate_json(dir.path() + "/b", {"-c", only_links}), "CD248"));
  const std::string unsafe = dir.write("unsafe.yml", "reject_unsafe_permissions_in_bundle: true\n");
  const JsonRun run = validate_json(dir.path() + "/b", {"-c", unsafe});
  EXPECT_EQ(with_code(run.report, "CD248").size(), 1u) << run.report.dump(2);
  // 1755 is the sticky bit, not SUID/SGID: allowed.
  dir.write("b/appspec.yml", kHead + "permissions:\n  - object: /var/www\n    mode: 1755\n");
  EXPECT_FALSE(has_code(validate_json(dir.path() + "/b", {"-c", unsafe}), "CD248"));
}

TEST(ValidateAgent2HardeningE2E, SymlinkAndSuidFileInADirectoryBundle) {
  TempDir dir;
  dir.write("b/appspec.yml", kHead);
  const std::string run_sh = dir.write("b/bin/run", "#!/bin/sh\n", 04755);
  ASSERT_EQ(::symlink("run", (dir.path() + "/b/bin/current").c_str()), 0);
  const std::string config = dir.write("agent.yml", ":reject_symlinks_in_bundle: true\n:reject_unsafe_permissions_in_bundle: true\n");
  const JsonRun run = validate_json(dir.path() + "/b", {"-c", config});
  expect_diagnostic(run, {"CD361", "error", dir.path() + "/b/bin/current", 0, 0,
                          "agent 2.x with reject_symlinks_in_bundle refuses the bundle: \"Bundle rejected: archive "
                          "contains symbolic link 'bin/current' -> 'run'. Set reject_symlinks_in_bundle: false to allow "
                          "symlinks.\""});
  expect_diagnostic(run, {"CD363", "error", run_sh, 0, 0,
                          "agent 2.x with reject_unsafe_permissions_in_bundle refuses the bundle: \"deployment rejected: "
                          "file 'bin/run' has unsafe permission mode 4755 (SUID/SGID bits set); set "
                          "reject_unsafe_permissions_in_bundle: false to allow\""});
  EXPECT_EQ(run.exit_code, 1);
  const JsonRun plain = validate_json(dir.path() + "/b");
  EXPECT_FALSE(has_code(plain, "CD361") || has_code(plain, "CD363")) << plain.report.dump(2);
  EXPECT_EQ(plain.exit_code, 0) << plain.report.dump(2);
}

TEST(ValidateAgent2HardeningE2E, TarMembersTheScansRefuse) {
  TempDir dir;
  const std::string tar = dir.path() + "/bundle.tar";
  write_archive(tar, ArchiveFormat::tar,
                {file_member("appspec.yml", kHead), file_member("data.bin", std::string(100, 'x')),
                 hard_link_member("copy.bin", "data.bin"), file_member("tool", "#!/bin/sh\n", 06755),
                 file_member("a/../b.txt", "b"), file_member("big.bin", std::string(1000, 'y'))});
  const std::string config = dir.write("agent.yml", kAllOn + "archive_max_extraction_size: 50\n");
  const JsonRun run = validate_json(tar, {"-c", config});
  // 23 bytes of appspec, then 100: the agent stops summing at the member that passes the cap.
  expect_diagnostic(run, {"CD364", "error", tar, 0, 0,
                          "agent 2.x with archive_max_extraction_size fails DownloadBundle: \"Archive extraction "
                          "rejected: declared size 123 bytes exceeds limit 50 bytes\""});
  expect_diagnostic(run, {"CD361", "error", tar + "!copy.bin", 0, 0,
                          "agent 2.x with reject_symlinks_in_bundle refuses the bundle: \"Bundle rejected: archive "
                          "contains hardlink 'copy.bin' (link count: 2). Set reject_symlinks_in_bundle: false to allow "
                          "hardlinks.\""});
  expect_diagnostic(run, {"CD363", "error", tar + "!tool", 0, 0,
                          "agent 2.x with reject_unsafe_permissions_in_bundle refuses the bundle: \"deployment rejected: "
                          "file 'tool' has unsafe permission mode 6755 (SUID/SGID bits set); set "
                          "reject_unsafe_permissions_in_bundle: false to allow\""});
  expect_diagnostic(run, {"CD362", "error", tar + "!a/../b.txt", 0, 0,
                          "agent 2.x with reject_path_traversal_in_bundle refuses the bundle before extracting it: "
                          "\"Archive extraction rejected: entry 'a/../b.txt' contains path-traversal component '..'; set "
                          "reject_path_traversal_in_bundle: false to allow\""});
  EXPECT_EQ(run.exit_code, 1);
  const std::string roomy = dir.write("roomy.yml", "archive_max_extraction_size: 2KB\n");
  EXPECT_FALSE(has_code(validate_json(tar, {"-c", roomy}), "CD364"));
}

TEST(ValidateAgent2HardeningE2E, ZipNamesAndSuidBitsAsUnzipTreatsThem) {
  TempDir dir;
  const std::string zip = dir.path() + "/bundle.zip";
  write_archive(zip, ArchiveFormat::zip,
                {file_member("appspec.yml", kHead), file_member("/etc/evil", "x"), file_member("tool", "x", 04755)});
  const std::string config = dir.write("agent.yml", kAllOn);
  const JsonRun run = validate_json(zip, {"-c", config});
  expect_diagnostic(run, {"CD362", "error", zip + "!/etc/evil", 0, 0,
                          "agent 2.x with reject_path_traversal_in_bundle refuses the bundle before extracting it: "
                          "\"Archive extraction rejected: zip entry '/etc/evil' contains path-traversal component '/'; "
                          "set reject_path_traversal_in_bundle: false to allow\""});
  expect_diagnostic(run, {"CD363", "warning", zip + "!tool", 0, 0,
                          "agent 2.x with reject_unsafe_permissions_in_bundle refuses the bundle on hosts without unzip: "
                          "\"deployment rejected: file 'tool' has unsafe permission mode 4755 (SUID/SGID bits set); set "
                          "reject_unsafe_permissions_in_bundle: false to allow\" (unzip strips the bits, so with it the "
                          "file installs without them)"});
}

TEST(ValidateAgent2HardeningE2E, AConfigurationTheAgentCannotLoadIsAUsageError) {
  TempDir dir;
  dir.write("b/appspec.yml", kHead);
  const std::string bad = dir.write("agent.yml", "log_dir: /var/log\nreject_symlinks_in_bundle: 'true'\n");
  const Outcome run = run_cdrun({"validate", dir.path() + "/b", "-c", bad});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find(bad + ":2:28: reject_symlinks_in_bundle must be true or false, not the string \"true\"; "
                               "agent 2.x does not start with this configuration (\"failed to parse config file\")"),
            std::string::npos)
      << run.err;
  const Outcome missing = run_cdrun({"validate", dir.path() + "/b", "-c", dir.path() + "/none.yml"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot read the agent configuration file " + dir.path() + "/none.yml: No such file or directory"),
            std::string::npos)
      << missing.err;
  // Agent 1.8 alone does not read agent 2.x's settings, but the file must still be there.
  EXPECT_EQ(run_cdrun({"validate", dir.path() + "/b", "-c", bad, "--agent-version", "1.8"}).exit_code, 0);
}

}  // namespace
}  // namespace cdrun::e2e
