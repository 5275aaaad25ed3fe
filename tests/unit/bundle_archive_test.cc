// Archive bundles read in place: zip / tar / tgz written by the test with libarchive.
#include <gtest/gtest.h>

#include "appspec/bundle/bundle.h"
#include "appspec/bundle/bundle_checks.h"
#include "bundle_test_support.h"

namespace cdrun {
namespace {

using bundle_test::ArchiveFormat;
using bundle_test::contains;
using bundle_test::Member;
using bundle_test::TempDir;
using bundle_test::with_code;
using bundle_test::write_archive;
namespace bt = bundle_test;

std::unique_ptr<Bundle> open_ok(const std::string& path, std::optional<BundleKind> kind = std::nullopt) {
  OpenedBundle opened = open_bundle(path, kind);
  EXPECT_EQ(opened.error, "");
  return std::move(opened.bundle);
}

Diagnostics entry_checks(const Bundle& bundle) {
  BundleCheckInput input;
  input.bundle = &bundle;
  return check_bundle(input);
}

class BundleArchive : public ::testing::TestWithParam<ArchiveFormat> {
 protected:
  std::string make(const std::vector<Member>& members) {
    const std::string path = dir_ / "bundle.bin";  // no extension: the kind must come from the content
    EXPECT_TRUE(write_archive(path, GetParam(), members));
    return path;
  }
  BundleKind expected_kind() const {
    switch (GetParam()) {
      case ArchiveFormat::zip: return BundleKind::zip;
      case ArchiveFormat::tar: return BundleKind::tar;
      case ArchiveFormat::tgz: return BundleKind::tgz;
    }
    return BundleKind::zip;
  }
  TempDir dir_;
};

TEST_P(BundleArchive, ListsNormalisedMembersAndDetectsTheKind) {
  auto bundle = open_ok(make({bt::dir("./"), bt::file("./appspec.yml", "version: 0.0\n"), bt::dir("./scripts/"),
                              bt::file("./scripts/start.sh", "#!/bin/sh\n", 0755), bt::symlink("./current", "scripts")}));
  ASSERT_TRUE(bundle);
  EXPECT_EQ(bundle->kind(), expected_kind());
  const auto& e = bundle->entries();
  ASSERT_EQ(e.size(), 4u);  // "./" is the root itself, not an entry
  EXPECT_EQ(e[0].path, "appspec.yml");
  EXPECT_EQ(e[0].raw_name, "./appspec.yml");
  EXPECT_EQ(e[1].path, "scripts");
  EXPECT_EQ(e[1].type, EntryType::directory);
  EXPECT_EQ(e[2].path, "scripts/start.sh");
  EXPECT_EQ(e[2].mode, 0755u);
  EXPECT_EQ(e[2].size, 10u);
  EXPECT_EQ(e[3].type, EntryType::symlink);
  EXPECT_EQ(e[3].link_target, "scripts");
  EXPECT_TRUE(bundle->read_problems().empty());
  EXPECT_TRUE(entry_checks(*bundle).empty());
}

TEST_P(BundleArchive, ReadFilesInOnePassWithTheLimit) {
  auto bundle = open_ok(make({bt::file("a.sh", "#!/bin/sh\necho a\n"), bt::file("big", std::string(5000, 'x')),
                              bt::file("c", "ccc"), bt::dir("d/")}));
  ASSERT_TRUE(bundle);
  const auto files = bundle->read_files({"a.sh", "big", "d", "absent"}, 100);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files.at("a.sh"), "#!/bin/sh\necho a\n");
  EXPECT_EQ(files.at("big"), std::string(100, 'x'));
}

TEST_P(BundleArchive, MembersEscapingTheRootAreErrorsNamingTheRawName) {
  auto bundle = open_ok(make({bt::file("appspec.yml", "version: 0.0\n"), bt::file("../evil", "x"),
                              bt::file("/etc/passwd", "root::0:0::/:/bin/sh\n"), bt::file("a/../../up", "x")}));
  ASSERT_TRUE(bundle);
  const auto& e = bundle->entries();
  ASSERT_EQ(e.size(), 4u);
  EXPECT_FALSE(e[0].escapes_root);
  EXPECT_TRUE(e[1].escapes_root);
  EXPECT_TRUE(e[2].escapes_root);
  EXPECT_TRUE(e[3].escapes_root);
  const Diagnostics escapes = with_code(entry_checks(*bundle), "CD320");
  ASSERT_EQ(escapes.size(), 3u);
  for (const Diagnostic& d : escapes) EXPECT_EQ(d.severity, Severity::error);
  EXPECT_TRUE(contains(escapes[0].message, "\"../evil\""));
  EXPECT_TRUE(contains(escapes[1].message, "\"/etc/passwd\""));
  EXPECT_TRUE(contains(escapes[2].message, "\"a/../../up\""));
}

TEST_P(BundleArchive, SymlinkLeadingOutsideIsAnError) {
  auto bundle = open_ok(make({bt::file("appspec.yml", "v"), bt::symlink("conf/etc", "../../etc"),
                              bt::symlink("abs", "/etc/shadow"), bt::symlink("ok", "appspec.yml")}));
  ASSERT_TRUE(bundle);
  const Diagnostics outside = with_code(entry_checks(*bundle), "CD322");
  ASSERT_EQ(outside.size(), 2u);
  EXPECT_EQ(outside[0].severity, Severity::error);
  EXPECT_TRUE(contains(outside[0].message, "\"conf/etc\" -> \"../../etc\""));
  EXPECT_TRUE(contains(outside[1].message, "\"abs\" -> \"/etc/shadow\""));
  EXPECT_TRUE(contains(outside[0].file, "!conf/etc"));
}

TEST_P(BundleArchive, SymlinkLoopInAnArchiveIsAWarning) {
  auto bundle = open_ok(make({bt::symlink("a", "b"), bt::symlink("b", "a")}));
  ASSERT_TRUE(bundle);
  const Diagnostics loops = with_code(entry_checks(*bundle), "CD313");
  ASSERT_EQ(loops.size(), 2u);
  EXPECT_EQ(loops[0].severity, Severity::warning);
}

INSTANTIATE_TEST_SUITE_P(BundleFormats, BundleArchive,
                         ::testing::Values(ArchiveFormat::zip, ArchiveFormat::tar, ArchiveFormat::tgz));

TEST(BundleArchiveTar, DotDotInsideTheRootStillBreaksGnuTar) {
  TempDir dir;
  ASSERT_TRUE(write_archive(dir / "b.tar", ArchiveFormat::tar, {bt::file("a/../b", "x")}));
  auto bundle = open_ok(dir / "b.tar");
  ASSERT_TRUE(bundle);
  ASSERT_EQ(bundle->entries().size(), 1u);
  EXPECT_EQ(bundle->entries()[0].path, "b");
  const Diagnostics d = with_code(entry_checks(*bundle), "CD321");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].severity, Severity::error);
  EXPECT_TRUE(contains(d[0].message, "Error extracting tar archive: 2"));
}

TEST(BundleArchiveTar, HardLinkReadsItsTargetsData) {
  TempDir dir;
  Member link{"copy.sh", "", 0755, Member::hardlink, "orig.sh"};
  Member fifo{"pipe", "", 0644, Member::fifo, ""};
  ASSERT_TRUE(write_archive(dir / "b.tar", ArchiveFormat::tar, {bt::file("orig.sh", "#!/bin/sh\n", 0755), link, fifo}));
  auto bundle = open_ok(dir / "b.tar");
  ASSERT_TRUE(bundle);
  const auto files = bundle->read_files({"copy.sh"}, 1 << 20);
  ASSERT_EQ(files.count("copy.sh"), 1u);
  EXPECT_EQ(files.at("copy.sh"), "#!/bin/sh\n");
  const Diagnostics special = with_code(entry_checks(*bundle), "CD323");
  ASSERT_EQ(special.size(), 1u);
  EXPECT_EQ(special[0].severity, Severity::warning);
  EXPECT_EQ(special[0].file, dir / "b.tar" + "!pipe");
}

TEST(BundleArchiveKind, DeclaredKindThatTheAgentCannotExtractIsAnError) {
  TempDir dir;
  ASSERT_TRUE(write_archive(dir / "plain.tar", ArchiveFormat::tar, {bt::file("a", "x")}));
  ASSERT_TRUE(write_archive(dir / "z.zip", ArchiveFormat::zip, {bt::file("a", "x")}));
  ASSERT_TRUE(write_archive(dir / "g.tgz", ArchiveFormat::tgz, {bt::file("a", "x")}));

  auto as_tgz = open_ok(dir / "plain.tar", BundleKind::tgz);
  ASSERT_TRUE(as_tgz);
  EXPECT_EQ(as_tgz->kind(), BundleKind::tgz);
  ASSERT_EQ(with_code(as_tgz->read_problems(), "CD310").size(), 1u);
  EXPECT_TRUE(contains(as_tgz->read_problems()[0].message, "tar -zxpsf"));

  auto as_tar = open_ok(dir / "z.zip", BundleKind::tar);
  ASSERT_TRUE(as_tar);
  EXPECT_EQ(with_code(as_tar->read_problems(), "CD310").size(), 1u);

  // GNU tar -xf detects gzip by itself, so a tgz declared as tar extracts fine.
  auto gz_as_tar = open_ok(dir / "g.tgz", BundleKind::tar);
  ASSERT_TRUE(gz_as_tar);
  EXPECT_TRUE(gz_as_tar->read_problems().empty());
}

TEST(BundleArchiveKind, NonArchivesAndWrongKindsFailToOpen) {
  TempDir dir;
  dir.write("notes.txt", "just text, not an archive\n");
  dir.write("empty.zip", "");
  dir.mkdir("tree");
  EXPECT_FALSE(open_bundle(dir / "notes.txt").error.empty());
  EXPECT_FALSE(open_bundle(dir / "notes.txt").bundle);
  EXPECT_TRUE(contains(open_bundle(dir / "empty.zip").error, "empty"));
  EXPECT_TRUE(contains(open_bundle(dir / "missing.zip").error, "missing.zip"));
  EXPECT_TRUE(contains(open_bundle(dir / "tree", BundleKind::zip).error, "is a directory"));
  EXPECT_TRUE(contains(open_bundle(dir / "notes.txt", BundleKind::directory).error, "not a directory"));
}

TEST(BundleArchiveKind, TruncatedArchiveIsAReadProblemNotACrash) {
  TempDir dir;
  std::string noise;  // incompressible, so that half the file cuts through member data
  unsigned state = 12345;
  for (int i = 0; i < 400000; ++i) noise += static_cast<char>((state = state * 1103515245u + 12345u) >> 24);
  ASSERT_TRUE(write_archive(dir / "b.tgz", ArchiveFormat::tgz,
                            {bt::file("a", noise.substr(0, 200000)), bt::file("b", noise.substr(200000))}));
  std::filesystem::resize_file(dir / "b.tgz", std::filesystem::file_size(dir / "b.tgz") / 2);
  OpenedBundle opened = open_bundle(dir / "b.tgz");
  ASSERT_TRUE(opened.bundle) << opened.error;
  EXPECT_EQ(with_code(opened.bundle->read_problems(), "CD311").size(), 1u);
  EXPECT_NO_THROW(opened.bundle->read_files({"a", "b"}, 1 << 20));
}

}  // namespace
}  // namespace cdrun
