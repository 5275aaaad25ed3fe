#include "aws/core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace cdrun::aws {
namespace {

std::string errno_text(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

bool write_all(int fd, const std::string& content) {
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// Removes the temporary file unless the rename has consumed it.
class TempFileGuard {
 public:
  explicit TempFileGuard(std::string path) : path_(std::move(path)) {}
  ~TempFileGuard() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  void release() { path_.clear(); }

 private:
  std::string path_;
};

}  // namespace

std::string write_file_atomically(const std::string& path, const std::string& content, mode_t mode) {
  const std::filesystem::path target(path);
  const std::string dir = target.has_parent_path() ? target.parent_path().string() : ".";
  std::string temp = (std::filesystem::path(dir) / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);  // O_CREAT | O_EXCL, mode 0600
  if (fd < 0) return errno_text("cannot create a temporary file in", dir);
  TempFileGuard guard(temp);
  struct stat existing {};
  const bool replacing = ::lstat(path.c_str(), &existing) == 0;
  if (replacing && S_ISDIR(existing.st_mode)) {
    ::close(fd);
    return path + " is a directory";
  }
  // Ownership first: fchown may clear mode bits, and the final mode must be exactly `mode`.
  if (replacing && (existing.st_uid != ::geteuid() || existing.st_gid != ::getegid()))
    (void)::fchown(fd, existing.st_uid, existing.st_gid);  // not permitted unless root: keep ours
  if (::fchmod(fd, mode) != 0 || !write_all(fd, content) || ::fsync(fd) != 0) {
    const std::string error = errno_text("cannot write", temp);
    ::close(fd);
    return error;
  }
  if (::close(fd) != 0) return errno_text("cannot write", temp);
  if (::rename(temp.c_str(), path.c_str()) != 0) return errno_text("cannot rename the new file onto", path);
  guard.release();
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);  // best effort: the file is in place either way
    ::close(dir_fd);
  }
  return "";
}

std::string write_files_atomically(const std::string& dir, const std::vector<NamedContent>& files, mode_t mode) {
  static const std::string kNoneWritten = "; none of the files was written";
  const auto in_dir = [&dir](const std::string& name) { return (std::filesystem::path(dir) / name).string(); };
  for (const NamedContent& file : files) {
    struct stat existing {};
    if (::lstat(in_dir(file.name).c_str(), &existing) == 0 && S_ISDIR(existing.st_mode))
      return "cannot write " + in_dir(file.name) + ": " + std::strerror(EISDIR) + kNoneWritten;
  }
  std::vector<std::string> staged;
  const auto remove_staged = [&staged](size_t from) {
    for (size_t i = from; i < staged.size(); ++i) ::unlink(staged[i].c_str());
  };
  for (const NamedContent& file : files) {
    const std::string staging = in_dir("." + file.name + ".cdrun-new");
    if (std::string error = write_file_atomically(staging, file.content, mode); !error.empty()) {
      remove_staged(0);
      return error + kNoneWritten;
    }
    staged.push_back(staging);
  }
  for (size_t i = 0; i < files.size(); ++i) {
    if (::rename(staged[i].c_str(), in_dir(files[i].name).c_str()) != 0) {
      const std::string error = errno_text("cannot rename the new file onto", in_dir(files[i].name));
      remove_staged(i);
      return error + (i == 0 ? kNoneWritten : "; the files before it were already replaced");
    }
  }
  return "";
}

std::string make_directories(const std::string& dir, mode_t mode) {
  std::error_code error;
  std::filesystem::path built;
  for (const auto& part : std::filesystem::path(dir)) {
    built /= part;
    if (std::filesystem::is_directory(built, error)) continue;
    if (::mkdir(built.c_str(), mode) != 0 && errno != EEXIST) return errno_text("cannot create directory", built.string());
  }
  if (!std::filesystem::is_directory(dir, error)) return dir + " is not a directory";
  return "";
}

}  // namespace cdrun::aws
