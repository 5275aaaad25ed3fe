// End to end: zip / tar / tgz bundles as a whole: the stripped wrapper directory (CD305), tar
// bundles for Windows (CD306), a declared type the agent cannot extract (CD310), truncation
// (CD311), how files inside an archive are named, and targets that are not bundles at all.
#include <gtest/gtest.h>

#include <filesystem>

#include "bundle_builder.h"
#include "validate_bundle_expect.h"

namespace cdrun::e2e {
namespace {

const std::string kMinimal = "version: 0.0\nos: linux\n";
const std::string kWithHook =
    "version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: /opt/app\nhooks:\n  ApplicationStart:\n"
    "    - location: scripts/start.sh\n      timeout: 60\n";
const std::string kStart = "#!/bin/bash\nsystemctl start app\n";

TEST(ValidateArchiveE2E, CleanTgzPassesStrict) {
  TempDir dir;
  const std::string tgz = dir.path() + "/bundle.tgz";
  write_archive(tgz, ArchiveFormat::tgz,
                {file_member("appspec.yml", kWithHook), directory_member("app/"), file_member("app/index.html", "<p>hi</p>\n"),
                 directory_member("scripts/"), file_member("scripts/start.sh", kStart, 0755)});
  JsonRun run = validate_json(tgz, {"--strict"});
  EXPECT_EQ(run.exit_code, 0) << run.report.dump(2) << run.stderr_text;
  EXPECT_TRUE(run.report["diagnostics"].empty()) << run.report.dump(2);
}

TEST(ValidateArchiveE2E, CD305WrapperDirectoryIsStrippedAndPathsResolveUnderIt) {
  TempDir dir;
  const std::string tgz = dir.path() + "/bundle.tgz";
  write_archive(tgz, ArchiveFormat::tgz,
                {directory_member("myapp/"), file_member("myapp/appspec.yml", kWithHook),
                 file_member("myapp/app/index.html", "<p>hi</p>\n"), file_member("myapp/scripts/start.sh", kStart, 0644)});
  JsonRun run = validate_json(tgz);
  expect_diagnostic(run, {"CD305", "note", tgz, 0, 0,
                          "the agent strips the archive's single top-level directory \"myapp/\" because it holds an "
                          "appspec; the bundle root is \"myapp/\""});
  EXPECT_TRUE(with_code(run.report, "CD330").empty()) << run.report.dump(2);
  EXPECT_TRUE(with_code(run.report, "CD340").empty()) << run.report.dump(2);
  // The script was found under the wrapper and is named by its member path.
  expect_diagnostic(run, {"CD358", "note", tgz + "!myapp/scripts/start.sh", 0, 0,
                          "script is not executable (mode 0644); the agent logs \"is not executable.  Trying to make "
                          "it executable.\" and runs chmod +x on its copy"});
  EXPECT_EQ(run.exit_code, 0);
}

TEST(ValidateArchiveE2E, CD306TarAndTgzBundlesForWindows) {
  TempDir dir;
  const std::string appspec = "version: 0.0\nos: windows\n";
  for (const auto& [format, name] : {std::pair{ArchiveFormat::tar, "tar"}, std::pair{ArchiveFormat::tgz, "tgz"}}) {
    const std::string path = dir.path() + "/bundle." + name;
    write_archive(path, format, {file_member("appspec.yml", appspec)});
    JsonRun run = validate_json(path);
    expect_diagnostic(run, {"CD306", "error", path + "!appspec.yml", 1, 1,
                            std::string(name) + " bundles are not supported for Windows Server instances"});
    EXPECT_EQ(run.exit_code, 1);
  }
  const std::string zip = dir.path() + "/bundle.zip";
  write_archive(zip, ArchiveFormat::zip, {file_member("appspec.yml", appspec)});
  JsonRun run = validate_json(zip);
  EXPECT_TRUE(with_code(run.report, "CD306").empty()) << run.report.dump(2);
  EXPECT_EQ(run.exit_code, 0);
}

TEST(ValidateArchiveE2E, CD310TgzThatIsReallyAPlainTar) {
  TempDir dir;
  const std::string tgz = dir.path() + "/bundle.tgz";
  write_archive(tgz, ArchiveFormat::tar, {file_member("appspec.yml", kMinimal)});
  JsonRun run = validate_json(tgz, {"--type", "tgz"});
  expect_diagnostic(run, {"CD310", "error", tgz, 0, 0,
                          "bundle is declared as tgz but its content is tar; the agent's tar -zxpsf fails to extract it"});
  ASSERT_EQ(with_code(run.report, "CD310").size(), 1u);
  EXPECT_EQ(with_code(run.report, "CD310")[0]["hint"], "deploy it with bundle type tar, or re-create the archive as tgz");
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateArchiveE2E, CD310ZipAndTarDeclaredAsEachOther) {
  TempDir dir;
  const std::string zip = dir.path() + "/bundle.zip";
  const std::string tar = dir.path() + "/bundle.tar";
  write_archive(zip, ArchiveFormat::zip, {file_member("appspec.yml", kMinimal)});
  write_archive(tar, ArchiveFormat::tar, {file_member("appspec.yml", kMinimal)});
  JsonRun as_tar = validate_json(zip, {"--type", "tar"});
  expect_diagnostic(as_tar, {"CD310", "error", zip, 0, 0,
                             "bundle is declared as tar but its content is zip; the agent's tar -xpsf fails to extract it"});
  EXPECT_EQ(as_tar.exit_code, 1);
  JsonRun as_zip = validate_json(tar, {"--type", "zip"});
  expect_diagnostic(as_zip, {"CD310", "error", tar, 0, 0,
                             "bundle is declared as zip but its content is tar; the agent's unzip fails to extract it"});
  EXPECT_EQ(as_zip.exit_code, 1);
}

TEST(ValidateArchiveE2E, GzippedTarDeclaredAsTarIsFine) {
  TempDir dir;
  const std::string tgz = dir.path() + "/bundle.tar";
  write_archive(tgz, ArchiveFormat::tgz, {file_member("appspec.yml", kMinimal)});
  JsonRun run = validate_json(tgz, {"--type", "tar"});  // GNU tar -x recognises gzip by itself
  EXPECT_TRUE(with_code(run.report, "CD310").empty()) << run.report.dump(2);
  EXPECT_EQ(run.exit_code, 0);
}

TEST(ValidateArchiveE2E, CD311TruncatedTar) {
  TempDir dir;
  const std::string tar = dir.path() + "/bundle.tar";
  write_archive(tar, ArchiveFormat::tar,
                {file_member("appspec.yml", kMinimal), file_member("scripts/start.sh", kStart, 0755)});
  // ustar: appspec.yml's header (512 bytes) and its 23 bytes padded to 512; the second header
  // starts at 1024. Cutting 100 bytes into it leaves a short block where a header should be.
  std::filesystem::resize_file(tar, 1124);
  JsonRun run = validate_json(tar);
  expect_diagnostic(run, {"CD311", "error", tar, 0, 0, "archive is corrupt after 1 member: Truncated tar archive"});
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateArchiveE2E, CD311TruncatedZip) {
  TempDir dir;
  const std::string zip = dir.path() + "/bundle.zip";
  write_archive(zip, ArchiveFormat::zip,
                {file_member("appspec.yml", kMinimal), file_member("app/data.bin", std::string(20000, 'x') + "end")});
  // Without its central directory libarchive reads the zip member by member, as a stream; the
  // second member's data ends early. libarchive's own wording of the cause is not pinned here.
  std::filesystem::resize_file(zip, std::filesystem::file_size(zip) / 2);
  JsonRun run = validate_json(zip);
  const auto found = with_code_in(run, "CD311", zip);
  ASSERT_EQ(found.size(), 1u) << run.report.dump(2) << run.stderr_text;
  EXPECT_EQ(found[0]["severity"], "error");
  EXPECT_EQ(found[0]["message"].get<std::string>().rfind("archive is corrupt after ", 0), 0u) << found[0].dump();
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateArchiveE2E, UnreadableTargetsExitWithStatusTwo) {
  TempDir dir;
  const std::string missing = dir.path() + "/missing.zip";
  Outcome gone = run_cdrun({"validate", "--format", "json", missing});
  EXPECT_EQ(gone.exit_code, 2);
  EXPECT_EQ(gone.err, "cdrun: error: cannot read " + missing + ": No such file or directory\n");

  const std::string text = dir.write("notes.zip", "these are meeting notes, not an archive\n");
  Outcome not_archive = run_cdrun({"validate", "--format", "json", text});
  EXPECT_EQ(not_archive.exit_code, 2);
  EXPECT_EQ(not_archive.err, "cdrun: error: " + text + " is not a zip, tar or tgz archive (Unrecognized archive format)\n");

  const std::string empty = dir.write("empty.tar", "");
  Outcome nothing = run_cdrun({"validate", "--format", "json", empty});
  EXPECT_EQ(nothing.exit_code, 2);
  EXPECT_EQ(nothing.err, "cdrun: error: bundle " + empty + " is an empty file, not a zip, tar or tgz archive\n");
}

TEST(ValidateArchiveE2E, AppSpecInsideAnArchiveIsNamedWithBang) {
  TempDir dir;
  const std::string zip = dir.path() + "/bundle.zip";
  write_archive(zip, ArchiveFormat::zip,
                {file_member("appspec.yml", "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: scripts/go.sh\n")});
  JsonRun run = validate_json(zip);
  expect_diagnostic(run, {"CD330", "error", zip + "!appspec.yml", 5, 7,
                          "hook AfterInstall script \"scripts/go.sh\" is not in the bundle; the agent fails with \"Script "
                          "does not exist at specified location: .../deployment-archive/scripts/go.sh\""});
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateArchiveE2E, ScriptLinesInsideATarAreShownInText) {
  TempDir dir;
  const std::string tar = dir.path() + "/bundle.tar";
  write_archive(tar, ArchiveFormat::tar,
                {file_member("appspec.yml", "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: scripts/hook.sh\n"),
                 file_member("scripts/hook.sh", "#!/bin/bash\r\necho hi\r\n", 0755)});
  JsonRun run = validate_json(tar);
  const std::string message =
      "script has Windows (CRLF) line endings; the hook fails with \"/bin/bash^M: bad interpreter\"";
  expect_diagnostic(run, {"CD351", "error", tar + "!scripts/hook.sh", 1, 12, message});
  EXPECT_EQ(run.exit_code, 1);
  Outcome text = run_cdrun({"validate", "--color", "never", tar});
  const std::string block = tar + "!scripts/hook.sh:1:12: error: " + message + " [CD351]\n#!/bin/bash\n           ^\n";
  EXPECT_NE(text.out.find(block), std::string::npos) << text.out;
}

}  // namespace
}  // namespace cdrun::e2e
