#include "runner/fs/filesystem.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

namespace cdrun::download {

namespace {

bool fail(std::string* error, const std::string& what, const std::string& path) {
  if (error) *error = errno_message(what, path);
  return false;
}

bool remove_entry(int parent, const std::string& name, const std::string& shown, bool is_dir, std::string* error);

// Removes everything inside the open directory `dir`. Names are read first and removed after the
// listing is closed, because POSIX leaves readdir's behaviour undefined while entries vanish.
bool empty_directory(int dir, const std::string& shown, std::string* error) {
  const int listing_fd = ::dup(dir);
  DIR* listing = listing_fd < 0 ? nullptr : ::fdopendir(listing_fd);
  if (!listing) {
    if (listing_fd >= 0) ::close(listing_fd);
    return fail(error, "cannot list", shown);
  }
  std::vector<std::pair<std::string, bool>> entries;
  while (const dirent* entry = ::readdir(listing)) {
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    bool is_dir = entry->d_type == DT_DIR;
    if (entry->d_type == DT_UNKNOWN) {
      struct stat st {};
      is_dir = ::fstatat(dir, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
    }
    entries.emplace_back(name, is_dir);
  }
  ::closedir(listing);
  bool made_writable = false;
  for (const auto& [name, is_dir] : entries) {
    if (remove_entry(dir, name, shown + "/" + name, is_dir, error)) continue;
    // An unprivileged run cannot unlink inside a read-only directory; rm -rf as root can.
    if (made_writable || (errno != EACCES && errno != EPERM) || ::fchmod(dir, 0700) != 0) return false;
    made_writable = true;
    if (!remove_entry(dir, name, shown + "/" + name, is_dir, error)) return false;
  }
  return true;
}

int open_directory_for_removal(int parent, const std::string& name) {
  int fd = ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 && errno == EACCES && ::fchmodat(parent, name.c_str(), 0700, 0) == 0) {
    fd = ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  }
  return fd;
}

bool remove_entry(int parent, const std::string& name, const std::string& shown, bool is_dir, std::string* error) {
  if (!is_dir) {
    if (::unlinkat(parent, name.c_str(), 0) == 0 || errno == ENOENT) return true;
    if (errno != EISDIR) return fail(error, "cannot remove", shown);
  }
  const int child = open_directory_for_removal(parent, name);
  if (child < 0) {
    if (errno == ENOENT) return true;
    if (errno != ENOTDIR && errno != ELOOP) return fail(error, "cannot open", shown);
    // Replaced by a non-directory since it was listed.
    if (::unlinkat(parent, name.c_str(), 0) == 0 || errno == ENOENT) return true;
    return fail(error, "cannot remove", shown);
  }
  const bool emptied = empty_directory(child, shown, error);
  const int saved = errno;
  ::close(child);
  errno = saved;
  if (!emptied) return false;
  if (::unlinkat(parent, name.c_str(), AT_REMOVEDIR) == 0 || errno == ENOENT) return true;
  return fail(error, "cannot remove", shown);
}

}  // namespace

std::string errno_message(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

bool list_directory(const std::string& path, std::vector<std::string>* names, std::string* error) {
  DIR* listing = ::opendir(path.c_str());
  if (!listing) return fail(error, "cannot list", path);
  errno = 0;
  while (const dirent* entry = ::readdir(listing)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names->push_back(name);
    errno = 0;
  }
  const int saved = errno;
  ::closedir(listing);
  errno = saved;
  return saved == 0 || fail(error, "cannot list", path);
}

bool path_exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

bool make_directories(const std::string& path, std::string* error) {
  for (size_t i = 1; i <= path.size(); ++i) {
    if (i != path.size() && path[i] != '/') continue;
    if (path[i - 1] == '/') continue;
    const std::string partial = path.substr(0, i);
    if (::mkdir(partial.c_str(), 0777) == 0) continue;
    if (errno != EEXIST) return fail(error, "cannot create directory", partial);
    struct stat st {};
    if (::stat(partial.c_str(), &st) != 0) return fail(error, "cannot create directory", partial);
    if (!S_ISDIR(st.st_mode)) {
      errno = ENOTDIR;
      return fail(error, "cannot create directory", partial);
    }
  }
  return true;
}

bool remove_tree(const std::string& path, std::string* error) {
  std::string trimmed = path;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
  if (trimmed.empty() || trimmed == "/") {
    if (error) *error = "refusing to remove " + (trimmed.empty() ? std::string("an empty path") : trimmed);
    return false;
  }
  const size_t slash = trimmed.rfind('/');
  const std::string parent = slash == std::string::npos ? "." : slash == 0 ? "/" : trimmed.substr(0, slash);
  const std::string name = slash == std::string::npos ? trimmed : trimmed.substr(slash + 1);
  const int parent_fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (parent_fd < 0) {
    if (errno == ENOENT) return true;
    return fail(error, "cannot open", parent);
  }
  struct stat st {};
  bool ok = true;
  if (::fstatat(parent_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
    ok = remove_entry(parent_fd, name, trimmed, S_ISDIR(st.st_mode), error);
  } else if (errno != ENOENT) {
    ok = fail(error, "cannot remove", trimmed);
  }
  ::close(parent_fd);
  return ok;
}

bool copy_file_bytes(int in, int out, std::string* why) {
  constexpr size_t kChunk = size_t{1} << 30;
  // Once a call is refused as unsupported, the next slower one takes over from the same offsets.
  enum { range, send, plain } method = range;
  char buffer[65536];
  for (;;) {
    ssize_t moved = 0;
    if (method == range) {
      moved = ::copy_file_range(in, nullptr, out, nullptr, kChunk, 0);
    } else if (method == send) {
      moved = ::sendfile(out, in, nullptr, kChunk);
    } else {
      moved = ::read(in, buffer, sizeof buffer);
      for (ssize_t done = 0; moved > 0 && done < moved;) {
        const ssize_t written = ::write(out, buffer + done, static_cast<size_t>(moved - done));
        if (written < 0 && errno == EINTR) continue;
        if (written < 0) {
          if (why) *why = std::strerror(errno);
          return false;
        }
        done += written;
      }
    }
    if (moved == 0) return true;
    if (moved > 0) continue;
    if (errno == EINTR) continue;
    const bool unsupported = errno == EXDEV || errno == ENOSYS || errno == EOPNOTSUPP || errno == EINVAL ||
                             errno == EBADF || errno == ETXTBSY;
    if (method != plain && unsupported) {
      method = method == range ? send : plain;
      continue;
    }
    if (why) *why = std::strerror(errno);
    return false;
  }
}

}  // namespace cdrun::download
