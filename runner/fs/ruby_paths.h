// Ruby's path functions as the agent's Installer uses them. The exact strings matter: they end up
// in install.json, in the cleanup list and in the agent's error messages.
#pragma once

#include <string>

namespace cdrun {

// File.join of two parts: a '/' is added only when neither side has one at the seam; when the
// right part starts with '/', the left part's trailing '/'s are dropped (Ruby keeps the right's).
std::string ruby_file_join(const std::string& left, const std::string& right);

// File.dirname: "a/b/" -> "a", "/a" -> "/", "a" -> ".".
std::string ruby_dirname(const std::string& path);

// File.basename without suffix: "a/b/" -> "b", "/" -> "/".
std::string ruby_basename(const std::string& path);

// File.expand_path against `cwd`: "~" and "~user" prefixes, "." and ".." resolved lexically,
// repeated and trailing '/' removed.
std::string ruby_expand_path(const std::string& path, const std::string& cwd);

// The process working directory ("/" when it cannot be read).
std::string current_directory();

}  // namespace cdrun
