// The agent's permission matcher (LinuxPermissionInfo#matches_pattern?, #matches_except? and
// #matches_simple_glob): only '*' is special, a glob never crosses '/', "**" takes everything
// below the object, and the object itself never matches.
#include "runner/install/install_instructions.h"
#include "runner/fs/ruby_paths.h"
#include "runner/install/install_step.h"

namespace cdrun {

namespace {

// '*' matches any run of characters (a leading '.' included); everything else is literal.
bool matches_simple_glob(const std::string& name, const std::string& pattern) {
  if (name.find('/') != std::string::npos) return false;
  size_t n = 0;
  size_t p = 0;
  size_t star = std::string::npos;
  size_t resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (p < pattern.size() && pattern[p] == name[n]) {
      ++p;
      ++n;
    } else if (star != std::string::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// The part of `path` below `base` ("<object>/"), or false when `path` is not below it.
bool relative_below(const std::string& base, const std::string& path, std::string* relative) {
  std::string name = path;
  if (!name.empty() && name.back() == '/') name.pop_back();  // Ruby's chomp("/")
  if (name.compare(0, base.size(), base) != 0) return false;
  *relative = name.substr(base.size());
  return true;
}

}  // namespace

std::string permission_base(const std::string& object, const std::string& cwd) {
  std::string base = ruby_expand_path(object, cwd, TildePrefix::home);
  if (base.empty() || base.back() != '/') base += '/';
  return base;
}

bool permission_matches_below(const std::string& base, const std::string& pattern, const std::string& path) {
  std::string relative;
  if (!relative_below(base, path, &relative)) return false;
  if (pattern == "**") return true;
  return matches_simple_glob(relative, pattern);
}

bool permission_excepted_below(const std::string& base, const std::vector<std::string>& except,
                               const std::string& path) {
  std::string relative;
  if (!relative_below(base, path, &relative)) return false;
  for (const std::string& glob : except) {
    if (matches_simple_glob(relative, glob)) return true;
  }
  return false;
}

bool permission_matches(const PermissionSpec& permission, const std::string& path) {
  return permission_matches_below(permission_base(permission.object, current_directory()), permission.pattern, path);
}

bool permission_excepted(const PermissionSpec& permission, const std::string& path) {
  return permission_excepted_below(permission_base(permission.object, current_directory()), permission.except, path);
}

}  // namespace cdrun
