// Ruby's File.join / dirname / basename / expand_path as the Installer relies on them.
#include <gtest/gtest.h>

#include "runner/fs/ruby_paths.h"

namespace cdrun {
namespace {

TEST(InstallPaths, JoinAddsOneSlashOnlyWhereNeitherSideHasOne) {
  EXPECT_EQ(ruby_file_join("/a/archive", "b.txt"), "/a/archive/b.txt");
  EXPECT_EQ(ruby_file_join("/a/archive", "/"), "/a/archive/");       // source: /
  EXPECT_EQ(ruby_file_join("/a/archive/", "b.txt"), "/a/archive/b.txt");
  EXPECT_EQ(ruby_file_join("/a/archive/", "/b.txt"), "/a/archive/b.txt");
  EXPECT_EQ(ruby_file_join("/a//", "b"), "/a//b");                   // Ruby keeps the left's run
  EXPECT_EQ(ruby_file_join("/a", "//b"), "/a//b");                   // and the right's
  EXPECT_EQ(ruby_file_join("", "x"), "/x");
  EXPECT_EQ(ruby_file_join("/", "x"), "/x");
}

TEST(InstallPaths, DirnameFollowsRuby) {
  EXPECT_EQ(ruby_dirname("/tmp/dest/app"), "/tmp/dest");
  EXPECT_EQ(ruby_dirname("/tmp/dest/app/"), "/tmp/dest");
  EXPECT_EQ(ruby_dirname("/tmp//dest"), "/tmp");
  EXPECT_EQ(ruby_dirname("/tmp"), "/");
  EXPECT_EQ(ruby_dirname("/"), "/");
  EXPECT_EQ(ruby_dirname("rel"), ".");
  EXPECT_EQ(ruby_dirname("rel/x"), "rel");
  EXPECT_EQ(ruby_dirname(""), ".");
}

TEST(InstallPaths, BasenameIgnoresTrailingSlashes) {
  EXPECT_EQ(ruby_basename("/a/config/app.conf"), "app.conf");
  EXPECT_EQ(ruby_basename("/a/static/"), "static");
  EXPECT_EQ(ruby_basename("file"), "file");
  EXPECT_EQ(ruby_basename("/"), "/");
  EXPECT_EQ(ruby_basename("//"), "/");
}

TEST(InstallPaths, ExpandPathResolvesAgainstTheWorkingDirectory) {
  EXPECT_EQ(ruby_expand_path("/tmp/dest/app/", "/cwd", TildePrefix::home), "/tmp/dest/app");
  EXPECT_EQ(ruby_expand_path("/tmp//dest/./app/../web", "/cwd", TildePrefix::home), "/tmp/dest/web");
  EXPECT_EQ(ruby_expand_path("dest/app", "/cwd/here", TildePrefix::home), "/cwd/here/dest/app");
  EXPECT_EQ(ruby_expand_path("../up", "/cwd/here", TildePrefix::home), "/cwd/up");
  EXPECT_EQ(ruby_expand_path("/..", "/cwd", TildePrefix::home), "/");
  EXPECT_EQ(ruby_expand_path("", "/cwd", TildePrefix::home), "/cwd");
  EXPECT_EQ(ruby_expand_path("/a/.hidden/..x/...", "/cwd", TildePrefix::home), "/a/.hidden/..x/...");
  EXPECT_EQ(ruby_expand_path("/a/b/..", "/cwd", TildePrefix::home), "/a");
  EXPECT_EQ(ruby_expand_path("/a/.", "/cwd", TildePrefix::home), "/a");
  EXPECT_EQ(ruby_expand_path("/", "/cwd", TildePrefix::home), "/");
}

TEST(InstallPaths, ExpandPathUsesHomeForTilde) {
  const char* saved = std::getenv("HOME");
  const std::string old = saved ? saved : "";
  ::setenv("HOME", "/home/tester", 1);
  EXPECT_EQ(ruby_expand_path("~/app", "/cwd", TildePrefix::home), "/home/tester/app");
  EXPECT_EQ(ruby_expand_path("~", "/cwd", TildePrefix::home), "/home/tester");
  EXPECT_EQ(ruby_expand_path("~root/x", "/cwd", TildePrefix::home), "/root/x");
  if (saved) ::setenv("HOME", old.c_str(), 1);
  else ::unsetenv("HOME");
}

}  // namespace
}  // namespace cdrun
