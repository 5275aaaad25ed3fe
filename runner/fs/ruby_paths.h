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

// What a leading "~" or "~user" is: a home directory, as Ruby's File.expand_path takes it, or the
// start of an ordinary file name (for a path that was already used as given, e.g. checked to exist).
enum class TildePrefix { home, literal };

// File.expand_path against `cwd`: a relative path is taken from `cwd`, "." and ".." are resolved
// lexically, repeated and trailing '/' removed. With TildePrefix::home, "~" is $HOME (else our
// account's home) and "~name" that user's home, both from host/accounts (getent, else /etc/passwd);
// a name nobody has stays as written.
std::string ruby_expand_path(const std::string& path, const std::string& cwd, TildePrefix tilde);

// The process working directory ("/" when it cannot be read).
std::string current_directory();

}  // namespace cdrun
