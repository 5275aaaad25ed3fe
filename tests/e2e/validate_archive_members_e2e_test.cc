// End to end: hostile archive members (CD313, CD320-CD323): names leading outside the root,
// ".." components, links out of the bundle, symlink loops between members, FIFOs.
#include <gtest/gtest.h>

#include "bundle_builder.h"
#include "validate_bundle_expect.h"

namespace cdrun::e2e {
namespace {

const std::string kMinimal = "version: 0.0\nos: linux\n";
const std::string kTarRefuses = "the agent's GNU tar refuses it and the deployment fails with \"Error extracting tar archive: 2\"";

// Writes `members` after a minimal appspec into bundle.<ext> in `dir` and validates it.
JsonRun validate_archive(const TempDir& dir, ArchiveFormat format, std::vector<Member> members, std::string* path) {
  *path = dir.path() + (format == ArchiveFormat::zip ? "/bundle.zip" : format == ArchiveFormat::tar ? "/bundle.tar" : "/bundle.tgz");
  members.insert(members.begin(), file_member("appspec.yml", kMinimal));
  write_archive(*path, format, members);
  return validate_json(*path);
}

TEST(ValidateArchiveMembersE2E, CD313SymlinkLoopBetweenMembers) {
  TempDir dir;
  std::string tar;
  JsonRun run = validate_archive(dir, ArchiveFormat::tar,
                                 {symlink_member("a", "b"), symlink_member("b", "a"), symlink_member("x", "x/y")}, &tar);
  expect_diagnostic(run, {"CD313", "warning", tar + "!a", 0, 0, "symlink loop: \"a\" -> \"b\" never reaches a file"});
  expect_diagnostic(run, {"CD313", "warning", tar + "!b", 0, 0, "symlink loop: \"b\" -> \"a\" never reaches a file"});
  expect_diagnostic(run, {"CD313", "warning", tar + "!x", 0, 0, "symlink loop: \"x\" -> \"x/y\" never reaches a file"});
  EXPECT_EQ(with_code(run.report, "CD313").size(), 3u);
  EXPECT_EQ(run.exit_code, 0);
}

TEST(ValidateArchiveMembersE2E, CD320ZipSlipAndAbsoluteNamesInAZip) {
  TempDir dir;
  std::string zip;
  JsonRun run = validate_archive(dir, ArchiveFormat::zip, {file_member("../evil", "x"), file_member("/etc/passwd", "x")}, &zip);
  expect_diagnostic(run, {"CD320", "error", zip + "!../evil", 0, 0,
                          "archive member \"../evil\" leads outside the bundle root; unzip warns, and the agent's rubyzip "
                          "fallback then writes it outside deployment-archive (zip-slip)"});
  expect_diagnostic(run, {"CD320", "error", zip + "!/etc/passwd", 0, 0,
                          "archive member \"/etc/passwd\" leads outside the bundle root; unzip strips the \"/\" and warns, "
                          "and that warning makes the agent re-extract everything with rubyzip"});
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateArchiveMembersE2E, CD320EscapingMembersOfATar) {
  TempDir dir;
  std::string tar;
  JsonRun run = validate_archive(dir, ArchiveFormat::tar, {file_member("../evil", "x"), file_member("/etc/passwd", "x")}, &tar);
  expect_diagnostic(run, {"CD320", "error", tar + "!../evil", 0, 0,
                          "archive member \"../evil\" leads outside the bundle root; " + kTarRefuses});
  expect_diagnostic(run, {"CD320", "error", tar + "!/etc/passwd", 0, 0,
                          "archive member \"/etc/passwd\" leads outside the bundle root; " + kTarRefuses});
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateArchiveMembersE2E, CD320AHundredAreListedThenSummarised) {
  TempDir dir;
  std::vector<Member> members;
  for (int i = 0; i < 103; ++i) members.push_back(file_member("../evil" + std::to_string(i), ""));
  std::string tar;
  JsonRun run = validate_archive(dir, ArchiveFormat::tar, members, &tar);
  EXPECT_EQ(count_severity(run, "error"), 100) << run.report.dump(2);
  expect_diagnostic(run, {"CD320", "note", tar, 0, 0, "and 3 more members with the same problem"});
  EXPECT_EQ(with_code(run.report, "CD320").size(), 101u);
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateArchiveMembersE2E, CD321DotDotThatStaysInside) {
  TempDir dir;
  std::string tar;
  JsonRun in_tar = validate_archive(dir, ArchiveFormat::tar, {file_member("a/../b", "x")}, &tar);
  expect_diagnostic(in_tar, {"CD321", "error", tar + "!a/../b", 0, 0,
                             "archive member \"a/../b\" has a \"..\" component; " + kTarRefuses});
  ASSERT_EQ(with_code(in_tar.report, "CD321").size(), 1u);
  EXPECT_EQ(with_code(in_tar.report, "CD321")[0]["hint"], "store it under its plain name \"b\"");
  EXPECT_EQ(in_tar.exit_code, 1);

  std::string zip;
  JsonRun in_zip = validate_archive(dir, ArchiveFormat::zip, {file_member("a/../b", "x")}, &zip);
  expect_diagnostic(in_zip, {"CD321", "warning", zip + "!a/../b", 0, 0,
                             "archive member \"a/../b\" has a \"..\" component; unzip warns about it, which makes the "
                             "agent re-extract everything with rubyzip"});
  EXPECT_EQ(in_zip.exit_code, 0);
}

TEST(ValidateArchiveMembersE2E, CD322LinksLeadingOutside) {
  TempDir dir;
  std::string tgz;
  JsonRun run = validate_archive(dir, ArchiveFormat::tgz,
                                 {directory_member("config/"), symlink_member("config/etc", "../../etc"),
                                  symlink_member("abs", "/etc"), hard_link_member("h", "../x"),
                                  symlink_member("config/ok", "../appspec.yml")},
                                 &tgz);
  expect_diagnostic(run, {"CD322", "error", tgz + "!config/etc", 0, 0,
                          "symlink \"config/etc\" -> \"../../etc\" leads outside the bundle root"});
  expect_diagnostic(run, {"CD322", "error", tgz + "!abs", 0, 0, "symlink \"abs\" -> \"/etc\" leads outside the bundle root"});
  expect_diagnostic(run, {"CD322", "error", tgz + "!h", 0, 0, "hard link \"h\" -> \"../x\" leads outside the bundle root"});
  EXPECT_EQ(with_code(run.report, "CD322").size(), 3u) << "config/ok stays inside\n" << run.report.dump(2);
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateArchiveMembersE2E, CD323FifoMember) {
  TempDir dir;
  std::string tar;
  JsonRun run = validate_archive(dir, ArchiveFormat::tar, {fifo_member("pipe")}, &tar);
  expect_diagnostic(run, {"CD323", "warning", tar + "!pipe", 0, 0,
                          "\"pipe\" is a device, FIFO or socket, not a file; the agent copies it as such during Install"});
  EXPECT_EQ(run.exit_code, 0);
}

}  // namespace
}  // namespace cdrun::e2e
