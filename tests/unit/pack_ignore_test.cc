// The .cdrunignore matcher of `cdrun bundle`, with expected values from gitignore(5)'s PATTERN
// FORMAT section and its examples.
#include <gtest/gtest.h>

#include "runner/pack/ignore_rules.h"
#include "runner/pack/pack_tree.h"

namespace cdrun::pack {
namespace {

struct Probe {
  const char* path;
  bool is_directory;
  bool ignored;
};

void expect_probes(const std::string& ignore_text, const std::vector<Probe>& probes) {
  const IgnoreRules rules = IgnoreRules::parse(ignore_text);
  for (const Probe& probe : probes) {
    EXPECT_EQ(rules.ignores(probe.path, probe.is_directory), probe.ignored)
        << "patterns:\n" << ignore_text << "path: " << probe.path << (probe.is_directory ? "/" : "");
  }
}

TEST(PackIgnore, CommentsBlankLinesAndEscapes) {
  // "A blank line matches no files"; "#" starts a comment; "\#" and "\!" put a literal first character.
  expect_probes("# build.log\n\n\\#notes\n\\!bang\n", {
      {"build.log", false, false}, {"#notes", false, true}, {"!bang", false, true}, {"notes", false, false}});
  EXPECT_EQ(IgnoreRules::parse("# only a comment\n\n   \n").patterns().size(), 0u);
}

TEST(PackIgnore, TrailingSpacesIgnoredUnlessEscaped) {
  expect_probes("a.txt   \nb\\ \n", {{"a.txt", false, true}, {"b ", false, true}, {"b", false, false}});
}

TEST(PackIgnore, NameWithoutSlashMatchesAtAnyDepth) {
  // "hello.*" matches any file or directory whose name begins with "hello.".
  expect_probes("hello.*\n", {{"hello.c", false, true}, {"src/hello.h", false, true}, {"a/b/hello.d", true, true},
                              {"hello", false, false}, {"ahello.c", false, false}});
}

TEST(PackIgnore, TrailingSlashMatchesDirectoriesOnly) {
  // "frotz/" matches frotz and a/frotz that are directories; "foo/" not a file or symlink foo.
  expect_probes("frotz/\n", {{"frotz", true, true}, {"a/frotz", true, true}, {"frotz", false, false},
                             {"a/frotz", false, false}});
}

TEST(PackIgnore, SlashAtStartOrInTheMiddleAnchorsToTheRoot) {
  // "doc/frotz/" matches doc/frotz but not a/doc/frotz; "/*.c" matches cat-file.c, not mozilla-sha1/sha1.c.
  expect_probes("doc/frotz/\n", {{"doc/frotz", true, true}, {"a/doc/frotz", true, false}});
  expect_probes("/*.c\n", {{"cat-file.c", false, true}, {"mozilla-sha1/sha1.c", false, false}});
  // "foo/*" matches foo/test.json and foo/bar, not foo/bar/hello.c ("*" does not match "/").
  expect_probes("foo/*\n", {{"foo/test.json", false, true}, {"foo/bar", true, true},
                            {"foo/bar/hello.c", false, false}, {"foo", true, false}});
}

TEST(PackIgnore, DoubleAsterisks) {
  // "**/foo" matches foo anywhere; "**/foo/bar" matches bar directly under any foo.
  expect_probes("**/foo\n", {{"foo", false, true}, {"x/foo", true, true}, {"x/y/foo", false, true},
                             {"foobar", false, false}});
  expect_probes("**/foo/bar\n", {{"foo/bar", false, true}, {"x/foo/bar", false, true}, {"foo/x/bar", false, false}});
  // "abc/**" matches everything inside abc, not abc itself.
  expect_probes("abc/**\n", {{"abc/x", false, true}, {"abc/x/y", false, true}, {"abc", true, false}});
  // "a/**/b" matches a/b, a/x/b, a/x/y/b.
  expect_probes("a/**/b\n", {{"a/b", false, true}, {"a/x/b", false, true}, {"a/x/y/b", false, true},
                             {"a/x/c", false, false}, {"b", false, false}});
  // Other consecutive asterisks are regular asterisks: "a**b" is "a*b", within one name.
  expect_probes("/a**b\n", {{"axxb", false, true}, {"ax/b", false, false}});
}

TEST(PackIgnore, QuestionMarkAndBracketExpressions) {
  expect_probes("/?.txt\n/[a-c]x\n/[!0-9]y\n", {
      {"a.txt", false, true}, {"ab.txt", false, false}, {"bx", false, true}, {"dx", false, false},
      {"zy", false, true}, {"5y", false, false}});
  EXPECT_FALSE(glob_matches("a?b", "a/b"));       // "?" does not match "/"
  EXPECT_FALSE(glob_matches("a[/]b", "a/b"));     // nor does a bracket expression
  EXPECT_TRUE(glob_matches("[]]", "]"));          // "]" first in the brackets is literal
  EXPECT_TRUE(glob_matches("a[", "a["));          // an unclosed "[" is itself
}

TEST(PackIgnore, LastMatchingPatternWinsAndNegationReincludes) {
  expect_probes("*.log\n!keep.log\n", {{"x.log", false, true}, {"keep.log", false, false}, {"d/keep.log", false, false}});
  expect_probes("!keep.log\n*.log\n", {{"keep.log", false, true}});
}

TEST(PackIgnore, CarriageReturnsOfAWindowsFileAreNotPartOfThePattern) {
  expect_probes("*.tmp\r\nbuild/\r\n", {{"a.tmp", false, true}, {"build", true, true}});
}

TEST(PackIgnore, AlwaysLeftOutNames) {
  EXPECT_TRUE(always_left_out(".git", true));
  EXPECT_TRUE(always_left_out(".git", false));  // a submodule's .git file
  EXPECT_TRUE(always_left_out("__MACOSX", true));
  EXPECT_FALSE(always_left_out("__MACOSX", false));
  EXPECT_TRUE(always_left_out(".DS_Store", false));
  EXPECT_FALSE(always_left_out(".gitignore", false));
  EXPECT_FALSE(always_left_out(".github", true));
}

TEST(PackLinks, TargetsJudgedOnTheirText) {
  EXPECT_EQ(link_escape_reason("bin/tool", "../lib/tool"), "");
  EXPECT_EQ(link_escape_reason("current", "releases/./v1"), "");
  EXPECT_EQ(link_escape_reason("a/b/c", "../../x"), "");
  EXPECT_EQ(link_escape_reason("a/b/c", "../../../x"),
            "symlink a/b/c -> ../../../x leads outside the bundle directory; refusing to bundle it");
  EXPECT_EQ(link_escape_reason("up", ".."),
            "symlink up -> .. leads outside the bundle directory; refusing to bundle it");
  // Out and back in is still a path outside on the way: the agent's extraction would follow it.
  EXPECT_NE(link_escape_reason("x", "../bundle/y"), "");
  EXPECT_EQ(link_escape_reason("etc", "/etc"),
            "symlink etc -> /etc is absolute; only links to a path inside the bundle directory are kept");
}

}  // namespace
}  // namespace cdrun::pack
