// Directory bundles: one walk, symlinks recorded and never followed, hostile trees survived.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <sys/wait.h>

#include "appspec/bundle/bundle.h"
#include "appspec/bundle/bundle_checks.h"
#include "bundle_test_support.h"

namespace cdrun {
namespace {

using bundle_test::contains;
using bundle_test::TempDir;
using bundle_test::with_code;

std::vector<std::string> paths_of(const Bundle& bundle) {
  std::vector<std::string> out;
  for (const BundleEntry& e : bundle.entries()) out.push_back(e.path);
  return out;
}

Diagnostics entry_checks(const Bundle& bundle) {
  BundleCheckInput input;
  input.bundle = &bundle;
  return check_bundle(input);
}

TEST(BundleDirectory, WalksSortedWithTypesModesAndSizes) {
  TempDir dir;
  dir.write("scripts/start.sh", "#!/bin/sh\n", 0755);
  dir.write("appspec.yml", "version: 0.0\n");
  dir.write("b/z.txt", "z");
  dir.write("b/a.txt", "aa");
  dir.symlink("scripts/start.sh", "run");
  OpenedBundle opened = open_bundle(dir.path() + "/");
  ASSERT_TRUE(opened.bundle) << opened.error;
  const Bundle& bundle = *opened.bundle;
  EXPECT_EQ(bundle.kind(), BundleKind::directory);
  EXPECT_EQ(bundle.display_name(), dir.path());
  EXPECT_EQ(paths_of(bundle), (std::vector<std::string>{"appspec.yml", "b", "b/a.txt", "b/z.txt", "run", "scripts",
                                                        "scripts/start.sh"}));
  const BundleEntry* script = bundle.find("scripts/start.sh");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->type, EntryType::file);
  EXPECT_EQ(script->mode, 0755u);
  EXPECT_EQ(script->size, 10u);
  const BundleEntry* link = bundle.find("run");
  ASSERT_TRUE(link);
  EXPECT_EQ(link->type, EntryType::symlink);
  EXPECT_EQ(link->link_target, "scripts/start.sh");
  EXPECT_EQ(bundle.find("b")->type, EntryType::directory);
  EXPECT_TRUE(bundle.read_problems().empty());
}

TEST(BundleDirectory, ReadFilesFollowsInsideLinksOnly) {
  TempDir dir;
  dir.write("bundle/real/start.sh", "#!/bin/sh\necho hi\n", 0755);
  dir.write("secret", "outside\n");
  dir.symlink("real", "bundle/linked");
  dir.symlink("../secret", "bundle/escape");
  auto bundle = open_bundle(dir / "bundle").bundle;
  ASSERT_TRUE(bundle);
  const auto files = bundle->read_files({"linked/start.sh", "real/start.sh", "escape", "real"}, 5);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files.at("linked/start.sh"), "#!/bi");
  EXPECT_EQ(files.at("real/start.sh"), "#!/bi");
}

TEST(BundleDirectory, SymlinkLoopIsAReadProblemAndNoHang) {
  TempDir dir;
  dir.write("appspec.yml", "version: 0.0\n");
  dir.symlink("b", "a");
  dir.symlink("a", "b");
  dir.symlink(".", "self/dot");  // a cycle for a walker that follows links, not a loop for stat
  auto bundle = open_bundle(dir.path()).bundle;
  ASSERT_TRUE(bundle);
  const Diagnostics loops = with_code(bundle->read_problems(), "CD313");
  ASSERT_EQ(loops.size(), 2u);
  EXPECT_EQ(loops[0].severity, Severity::warning);
  EXPECT_EQ(loops[0].file, dir / "a");
  EXPECT_EQ(loops[1].file, dir / "b");
  EXPECT_EQ(paths_of(*bundle), (std::vector<std::string>{"a", "appspec.yml", "b", "self", "self/dot"}));
  EXPECT_TRUE(with_code(entry_checks(*bundle), "CD313").empty());  // reported once, by the reader
}

TEST(BundleDirectory, SymlinkToOutsideIsAnError) {
  TempDir dir;
  dir.write("bundle/appspec.yml", "version: 0.0\n");
  dir.symlink("../../etc", "bundle/config/etc");
  dir.symlink("/etc/passwd", "bundle/passwd");
  dir.symlink("../appspec.yml", "bundle/config/spec");  // stays inside
  auto bundle = open_bundle(dir / "bundle").bundle;
  ASSERT_TRUE(bundle);
  const Diagnostics outside = with_code(entry_checks(*bundle), "CD322");
  ASSERT_EQ(outside.size(), 2u);
  EXPECT_EQ(outside[0].severity, Severity::error);
  EXPECT_EQ(outside[0].file, dir / "bundle/config/etc");
  EXPECT_TRUE(contains(outside[0].message, "\"../../etc\""));
  EXPECT_EQ(outside[1].file, dir / "bundle/passwd");
}

TEST(BundleDirectory, FifoIsAWarningAndNeverOpened) {
  TempDir dir;
  dir.write("appspec.yml", "version: 0.0\n");
  ASSERT_EQ(::mkfifo((dir / "pipe").c_str(), 0644), 0);
  auto bundle = open_bundle(dir.path()).bundle;
  ASSERT_TRUE(bundle);
  EXPECT_EQ(bundle->find("pipe")->type, EntryType::other);
  EXPECT_TRUE(bundle->read_files({"pipe"}, 100).empty());
  const Diagnostics special = with_code(entry_checks(*bundle), "CD323");
  ASSERT_EQ(special.size(), 1u);
  EXPECT_EQ(special[0].severity, Severity::warning);
}

TEST(BundleDirectory, DepthIsCapped) {
  TempDir dir;
  std::string deep;
  for (int i = 0; i < 260; ++i) deep += "d/";
  dir.write(deep + "f", "x");
  auto bundle = open_bundle(dir.path()).bundle;
  ASSERT_TRUE(bundle);
  const Diagnostics capped = with_code(bundle->read_problems(), "CD314");
  ASSERT_EQ(capped.size(), 1u);
  // Levels 1..256 are listed; the 256th directory is not descended into.
  EXPECT_EQ(bundle->entries().size(), 256u);
}

TEST(BundleDirectory, UnreadableDirectoryIsAReadProblem) {
  TempDir dir;
  dir.write("locked/f", "x");
  ::chmod((dir / "locked").c_str(), 0);
  auto count_problems = [&] {
    auto bundle = open_bundle(dir.path()).bundle;
    return bundle ? static_cast<int>(with_code(bundle->read_problems(), "CD312").size()) : -1;
  };
  if (::geteuid() != 0) {
    EXPECT_EQ(count_problems(), 1);
    return;
  }
  // Root reads any directory, so read the bundle as "nobody" in a child process.
  ::chmod(dir.path().c_str(), 0755);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
    ::_exit(count_problems() == 1 ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: the unreadable directory was not reported; 3: could not become nobody";
}

}  // namespace
}  // namespace cdrun
