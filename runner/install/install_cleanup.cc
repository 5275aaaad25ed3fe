#include "runner/install/install_cleanup.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "runner/install/install_commands.h"
#include "runner/fs/ruby_paths.h"

namespace cdrun {

namespace {

// Ruby's String#strip: whitespace and NUL on both ends.
std::string strip(const std::string& text) {
  const char* blank = " \t\n\v\f\r";
  auto is_blank = [&](char c) { return c == '\0' || std::strchr(blank, c) != nullptr; };
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && is_blank(text[begin])) ++begin;
  while (end > begin && is_blank(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

InstallError errno_error(int error, const char* where, const std::string& path) {
  return {InstallErrorKind::system_call, std::string(std::strerror(error)) + " @ " + where + " - " + path};
}

}  // namespace

std::vector<CleanupEntry> parse_cleanup_list(const std::string& contents) {
  std::vector<CleanupEntry> entries;
  size_t start = 0;
  while (start < contents.size()) {
    const size_t newline = contents.find('\n', start);
    if (newline == std::string::npos) break;  // the unfinished last line of an interrupted write
    const std::string line = contents.substr(start, newline - start + 1);
    start = newline + 1;
    static const std::string kSelinux("semanage\0", 9);
    CleanupEntry entry;
    if (line.compare(0, kSelinux.size(), kSelinux) == 0) {
      entry.selinux = true;
      entry.path = strip(line.substr(kSelinux.size()));
    } else {
      entry.path = strip(line);
    }
    entries.push_back(std::move(entry));
  }
  return {entries.rbegin(), entries.rend()};
}

InstallError read_cleanup_file(const std::string& file, bool* present, std::vector<CleanupEntry>* entries) {
  *present = false;
  entries->clear();
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return {};
    return errno_error(errno, "rb_sysopen", file);
  }
  *present = true;
  std::string contents;
  char buffer[65536];
  ssize_t got;
  while ((got = ::read(fd, buffer, sizeof buffer)) != 0) {
    if (got < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      return errno_error(error, "io_fread", file);
    }
    contents.append(buffer, static_cast<size_t>(got));
  }
  ::close(fd);
  *entries = parse_cleanup_list(contents);
  return {};
}

PredictedTree::PredictedTree(const std::vector<CleanupEntry>& entries, std::string cwd) : cwd_(std::move(cwd)) {
  for (const CleanupEntry& entry : entries) {
    if (entry.selinux || entry.path.empty()) continue;
    const std::string key = ruby_expand_path(entry.path, cwd_, TildePrefix::home);
    if (removed_.count(key)) continue;
    struct stat info {};
    if (::lstat(entry.path.c_str(), &info) != 0) continue;
    if (!S_ISDIR(info.st_mode)) {
      removed_.insert(key);
      continue;
    }
    // rmdir succeeds only if every entry was removed by an earlier line.
    DIR* dir = ::opendir(entry.path.c_str());
    if (!dir) continue;
    bool empty_by_then = true;
    while (const dirent* child = ::readdir(dir)) {
      const std::string name = child->d_name;
      if (name == "." || name == "..") continue;
      if (!removed_.count(key == "/" ? "/" + name : key + "/" + name)) {
        empty_by_then = false;
        break;
      }
    }
    ::closedir(dir);
    if (empty_by_then) removed_.insert(key);
  }
}

bool PredictedTree::removed_by_cleanup(const std::string& path) const {
  if (removed_.empty()) return false;
  std::string current = ruby_expand_path(path, cwd_, TildePrefix::home);
  while (true) {
    if (removed_.count(current)) return true;
    if (current == "/") return false;
    current = ruby_dirname(current);
  }
}

bool PredictedTree::exists(const std::string& path) const {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && !removed_by_cleanup(path);
}

bool PredictedTree::is_directory(const std::string& path) const {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode) && !removed_by_cleanup(path);
}

InstallError execute_cleanup(const std::vector<CleanupEntry>& entries) {
  for (const CleanupEntry& entry : entries) {
    if (entry.selinux) {
      // The agent ignores the result of `semanage fcontext -d`.
      run_command({"semanage", "fcontext", "-d", entry.path});
      continue;
    }
    // unlink first (files and symlinks, the common case); Linux answers EISDIR for a directory,
    // which then gets rmdir. No lstat needed.
    if (::unlink(entry.path.c_str()) == 0 || errno == ENOENT || errno == ENOTDIR) continue;
    if (errno != EISDIR) return errno_error(errno, "apply2files", entry.path);
    if (::rmdir(entry.path.c_str()) != 0 && errno != ENOTEMPTY && errno != EEXIST && errno != ENOENT) {
      return errno_error(errno, "dir_s_rmdir", entry.path);
    }
  }
  return {};
}

}  // namespace cdrun
