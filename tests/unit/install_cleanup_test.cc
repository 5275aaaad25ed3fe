// The previous install's cleanup list (§4.5): parsing, prediction of what survives, removal.
#include <gtest/gtest.h>

#include "install_test_support.h"
#include "runner/install/install_cleanup.h"

namespace cdrun {
namespace {

using install_test::exists;
using install_test::InstallFixture;
using install_test::make_dirs;
using install_test::write_file;

CleanupEntry removal(const std::string& path) { return {false, path}; }

TEST(InstallCleanupParse, LinesAreReversedAndTheUnfinishedLastLineIsDropped) {
  const std::vector<CleanupEntry> expected = {removal("/d/app/b.txt"), removal("/d/app")};
  EXPECT_EQ(parse_cleanup_list("/d/app\n/d/app/b.txt\n/d/app/par"), expected);
}

TEST(InstallCleanupParse, LinesAreStrippedAndSelinuxLinesRecognised) {
  const std::string text = std::string("  /d/a \r\n") + std::string("semanage\0/d/real\n", 17) + "\n";
  const std::vector<CleanupEntry> expected = {removal(""), {true, "/d/real"}, removal("/d/a")};
  EXPECT_EQ(parse_cleanup_list(text), expected);
}

TEST(InstallCleanupParse, EmptyContentMeansNothing) {
  EXPECT_TRUE(parse_cleanup_list("").empty());
  EXPECT_TRUE(parse_cleanup_list("no newline at all").empty());
}

class InstallCleanupTree : public InstallFixture {};

TEST_F(InstallCleanupTree, ListedDirectoryWithAForeignFileSurvives) {
  write_file(dest_ + "/app/a.txt", "a");
  write_file(dest_ + "/app/user.txt", "u");
  write_file(dest_ + "/app/sub/c.txt", "c");
  const std::vector<CleanupEntry> entries =
      parse_cleanup_list(dest_ + "/app\n" + dest_ + "/app/a.txt\n" + dest_ + "/app/sub\n" + dest_ + "/app/sub/c.txt\n");
  const PredictedTree tree(entries, "/");
  EXPECT_TRUE(tree.is_directory(dest_ + "/app"));
  EXPECT_TRUE(tree.exists(dest_ + "/app/user.txt"));
  EXPECT_FALSE(tree.exists(dest_ + "/app/a.txt"));
  EXPECT_FALSE(tree.exists(dest_ + "/app/sub"));
  EXPECT_FALSE(tree.is_directory(dest_ + "/app/sub"));
  EXPECT_FALSE(tree.exists(dest_ + "/app/sub/c.txt"));
  EXPECT_FALSE(tree.exists(dest_ + "/app/sub/./c.txt"));  // compared after expansion
}

TEST_F(InstallCleanupTree, ParentListedBeforeItsChildrenIsKept) {
  // Reversed, the parent comes first while the child is still there: rmdir would fail.
  write_file(dest_ + "/p/child.txt", "c");
  const std::vector<CleanupEntry> entries = {removal(dest_ + "/p"), removal(dest_ + "/p/child.txt")};
  const PredictedTree tree(entries, "/");
  EXPECT_TRUE(tree.is_directory(dest_ + "/p"));
  EXPECT_FALSE(tree.exists(dest_ + "/p/child.txt"));
}

TEST_F(InstallCleanupTree, ExecuteRemovesFilesLinksAndEmptyDirectoriesOnly) {
  write_file(dest_ + "/app/a.txt", "a");
  write_file(dest_ + "/app/keep/user.txt", "u");
  make_dirs(dest_ + "/target-dir");
  ASSERT_EQ(::symlink((dest_ + "/target-dir").c_str(), (dest_ + "/app/link").c_str()), 0);
  make_dirs(dest_ + "/app/empty");
  const std::vector<CleanupEntry> entries =
      parse_cleanup_list(dest_ + "/app\n" + dest_ + "/app/a.txt\n" + dest_ + "/app/link\n" + dest_ + "/app/keep\n" +
                         dest_ + "/app/empty\n" + dest_ + "/app/missing.txt\n");
  const InstallError error = execute_cleanup(entries);
  EXPECT_FALSE(error) << error.message;
  EXPECT_FALSE(exists(dest_ + "/app/a.txt"));
  EXPECT_FALSE(exists(dest_ + "/app/link"));
  EXPECT_TRUE(exists(dest_ + "/target-dir"));  // a link is removed, never followed
  EXPECT_FALSE(exists(dest_ + "/app/empty"));
  EXPECT_TRUE(exists(dest_ + "/app/keep/user.txt"));
  EXPECT_TRUE(exists(dest_ + "/app"));
}

TEST_F(InstallCleanupTree, ReadingAMissingListIsNotAnError) {
  bool present = true;
  std::vector<CleanupEntry> entries = {removal("/x")};
  EXPECT_FALSE(read_cleanup_file(dest_ + "/none-cleanup", &present, &entries));
  EXPECT_FALSE(present);
  EXPECT_TRUE(entries.empty());
  write_file(dest_ + "/grp-cleanup", "/d/one\n/d/two\n");
  EXPECT_FALSE(read_cleanup_file(dest_ + "/grp-cleanup", &present, &entries));
  EXPECT_TRUE(present);
  EXPECT_EQ(entries, (std::vector<CleanupEntry>{removal("/d/two"), removal("/d/one")}));
}

}  // namespace
}  // namespace cdrun
