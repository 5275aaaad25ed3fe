// What `cdrun bundle` leaves out of an archive: the fixed names (.git/, __MACOSX/, .DS_Store) and
// the gitignore-style patterns of a .cdrunignore file (gitignore(5)'s PATTERN FORMAT).
#pragma once

#include <string>
#include <vector>

namespace cdrun::pack {

// One line of a .cdrunignore, parsed.
struct IgnorePattern {
  std::string glob;        // without the "!", the leading "/" and the trailing "/"
  bool negated = false;    // "!pattern": a match includes again what an earlier pattern left out
  bool directory_only = false;  // "pattern/": matches directories only
  bool anchored = false;   // a "/" at the start or in the middle: matched against the whole path
};

class IgnoreRules {
 public:
  // Parses .cdrunignore text: "#" comments, blank lines, "\#" and "\!" for a literal first
  // character, trailing spaces dropped unless escaped with "\".
  static IgnoreRules parse(const std::string& text);

  // Whether the patterns leave out `path` (relative to the bundle's root, "/"-separated, no
  // trailing "/"): the last pattern that matches decides. The caller does not descend into a left
  // out directory, so (as in git) a file under it cannot be included again.
  bool ignores(const std::string& path, bool is_directory) const;

  const std::vector<IgnorePattern>& patterns() const { return patterns_; }

 private:
  std::vector<IgnorePattern> patterns_;
};

// The names left out whatever the patterns say, at any depth: .git and .DS_Store, and __MACOSX
// directories.
bool always_left_out(const std::string& name, bool is_directory);

// gitignore's glob match of a whole `text` against `glob`: "*" and "?" do not match "/", "[...]"
// (with "!" or "^" negation and ranges) matches one character, "\x" matches x literally; "**" as
// a whole path segment matches any number of directories ("**/x", "a/**/b", "a/**").
bool glob_matches(const std::string& glob, const std::string& text);

}  // namespace cdrun::pack
