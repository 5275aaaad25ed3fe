#include "runner/fs/ruby_paths.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <optional>
#include <vector>

#include "host/accounts/accounts.h"

namespace cdrun {

std::string ruby_file_join(const std::string& left, const std::string& right) {
  // Start of the run of '/' that ends `left` (or its end when there is none).
  size_t tail = left.size();
  while (tail > 0 && left[tail - 1] == '/') --tail;
  const bool left_has_trailing = tail < left.size();
  if (!right.empty() && right[0] == '/') return left.substr(0, tail) + right;
  if (left_has_trailing) return left + right;
  return left + "/" + right;
}

std::string ruby_dirname(const std::string& path) {
  size_t root = 0;
  while (root < path.size() && path[root] == '/') ++root;
  // The last run of '/' that is followed by something other than '/'.
  size_t last = std::string::npos;
  size_t i = root;
  while (i < path.size()) {
    if (path[i] != '/') {
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < path.size() && path[i] == '/') ++i;
    if (i < path.size()) last = start;
  }
  if (last == std::string::npos) return root > 0 ? "/" : ".";
  return path.substr(0, last);
}

std::string ruby_basename(const std::string& path) {
  size_t end = path.size();
  while (end > 0 && path[end - 1] == '/') --end;
  if (end == 0) return path.empty() ? "" : "/";
  const size_t slash = path.rfind('/', end - 1);
  const size_t start = slash == std::string::npos ? 0 : slash + 1;
  return path.substr(start, end - start);
}

namespace {

// "~" or "~name" at the start of a path, or "" when it names nobody we know.
std::string home_of(const std::string& user) {
  if (user.empty()) {
    const char* home = std::getenv("HOME");
    if (home && *home) return home;
  }
  const std::optional<accounts::UserAccount> found =
      user.empty() ? accounts::find_user_by_uid(::getuid()) : accounts::find_user(user);
  return found ? found->home : "";
}

// Already what expand_path returns (every cleanup line and most destinations): no work needed.
bool is_canonical_absolute(const std::string& path) {
  if (path.empty() || path[0] != '/') return false;
  if (path.size() == 1) return true;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const size_t length = end - start;
    if (length == 0) return false;  // "//" or a trailing '/'
    if (path[start] == '.' && (length == 1 || (length == 2 && path[start + 1] == '.'))) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

std::string ruby_expand_path(const std::string& path, const std::string& cwd, TildePrefix tilde) {
  if (is_canonical_absolute(path)) return path;
  std::string absolute = path;
  if (tilde == TildePrefix::home && !path.empty() && path[0] == '~') {
    const size_t slash = path.find('/');
    const std::string user = path.substr(1, slash == std::string::npos ? std::string::npos : slash - 1);
    const std::string home = home_of(user);
    if (!home.empty()) absolute = home + (slash == std::string::npos ? "" : path.substr(slash));
  }
  if (absolute.empty() || absolute[0] != '/') absolute = cwd + "/" + absolute;

  std::vector<std::string> parts;
  size_t i = 0;
  while (i < absolute.size()) {
    while (i < absolute.size() && absolute[i] == '/') ++i;
    const size_t start = i;
    while (i < absolute.size() && absolute[i] != '/') ++i;
    const std::string part = absolute.substr(start, i - start);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  if (parts.empty()) return "/";
  std::string out;
  for (const std::string& part : parts) out += "/" + part;
  return out;
}

std::string current_directory() {
  std::vector<char> buffer(4096);
  while (::getcwd(buffer.data(), buffer.size()) == nullptr) {
    if (errno != ERANGE || buffer.size() > (1u << 20)) return "/";
    buffer.resize(buffer.size() * 2);
  }
  return buffer.data();
}

}  // namespace cdrun
