#include "runner/install/install_copy.h"

#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "runner/fs/ruby_paths.h"

namespace cdrun {

namespace {

InstallError errno_error(int error, const char* where, const std::string& path) {
  return {InstallErrorKind::system_call, std::string(std::strerror(error)) + " @ " + where + " - " + path};
}

InstallError copy_symlink(const std::string& source, const std::string& destination) {
  std::string target(256, '\0');
  while (true) {
    const ssize_t length = ::readlink(source.c_str(), &target[0], target.size());
    if (length < 0) return errno_error(errno, "rb_readlink", source);
    if (static_cast<size_t>(length) < target.size()) {
      target.resize(static_cast<size_t>(length));
      break;
    }
    target.resize(target.size() * 2);
  }
  // An existing destination fails with EEXIST, as the agent's FileUtils.symlink does (OVERWRITE).
  if (::symlink(target.c_str(), destination.c_str()) != 0) return errno_error(errno, "syserr_fail2_in", destination);
  return {};
}

bool refused_by_kernel(int error) {
  return error == EXDEV || error == EINVAL || error == ENOSYS || error == EOPNOTSUPP || error == EBADF;
}

// Copies `size` bytes (stops early at end of file). Returns 0 or an errno.
int copy_data(int in, int out, off_t size, CopySettings* settings) {
  off_t copied = 0;
  static thread_local char buffer[1 << 16];
  while (copied < size) {
    const size_t chunk = static_cast<size_t>(std::min<off_t>(size - copied, 1 << 30));
    ssize_t n = -1;
    if (settings->method == 0) {
      n = ::copy_file_range(in, nullptr, out, nullptr, chunk, 0);
    } else if (settings->method == 1) {
      n = ::sendfile(out, in, nullptr, chunk);
    } else {
      n = ::read(in, buffer, std::min(chunk, sizeof buffer));
      if (n > 0) {
        for (ssize_t done = 0; done < n;) {
          const ssize_t w = ::write(out, buffer + done, static_cast<size_t>(n - done));
          if (w < 0 && errno == EINTR) continue;
          if (w < 0) return errno;
          done += w;
        }
      }
    }
    if (n < 0) {
      if (errno == EINTR) continue;
      if (copied == 0 && settings->method < 2 && refused_by_kernel(errno)) {
        ++settings->method;
        continue;
      }
      return errno;
    }
    if (n == 0) break;
    copied += n;
  }
  return 0;
}

int open_destination(const std::string& destination, mode_t mode, bool* existed) {
  *existed = false;
  int fd = ::open(destination.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0 && errno == EEXIST) {
    *existed = true;
    fd = ::open(destination.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  }
  return fd;
}

}  // namespace

CopySettings current_copy_settings() {
  CopySettings settings;
  settings.is_root = ::geteuid() == 0;
  settings.egid = ::getegid();
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    unsigned value = 0;
    if (std::sscanf(line.c_str(), "Umask: %o", &value) == 1) settings.umask = static_cast<mode_t>(value);
  }
  return settings;
}

InstallError copy_one_file(const std::string& source, const std::string& destination, CopySettings* settings) {
  // O_NOFOLLOW tells a symlink apart without an lstat; O_NONBLOCK keeps a FIFO from hanging us.
  const int in = ::open(source.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (in < 0) {
    if (errno == ELOOP) return copy_symlink(source, destination);
    return errno_error(errno, "rb_sysopen", source);
  }
  struct stat info {};
  if (::fstat(in, &info) != 0 || !S_ISREG(info.st_mode)) {
    const int error = errno;
    ::close(in);
    if (S_ISDIR(info.st_mode)) return errno_error(EISDIR, "io_fread", source);
    if (!S_ISREG(info.st_mode) && info.st_mode != 0) {
      return {InstallErrorKind::system_call, "cdrun copies only regular files and symbolic links: " + source +
                                                 " is a device, socket or FIFO"};
    }
    return errno_error(error, "rb_sysopen", source);
  }
  const mode_t mode = info.st_mode & 07777;
  std::string target = destination;
  bool existed = false;
  int out = open_destination(target, mode, &existed);
  if (out < 0 && errno == EISDIR) {
    target = ruby_file_join(destination, ruby_basename(source));
    out = open_destination(target, mode, &existed);
  }
  if (out < 0) {
    const int error = errno;
    ::close(in);
    return errno_error(error, "rb_sysopen", target);
  }
  const int copy_error = copy_data(in, out, info.st_size, settings);
  ::close(in);
  if (copy_error != 0) {
    ::close(out);
    return errno_error(copy_error, "io_write", target);
  }
  // FileUtils' order: times, owner, mode (chown clears set-id bits, so chmod comes last).
  const struct timespec times[2] = {info.st_atim, info.st_mtim};
  ::futimens(out, times);
  bool need_chmod = existed || (mode & settings->umask) != 0 || (mode & 07000) != 0;
  mode_t final_mode = mode;
  if (settings->is_root || info.st_gid != settings->egid) {
    const uid_t owner = settings->is_root ? info.st_uid : static_cast<uid_t>(-1);
    // Without the right to give the file away, Ruby drops the set-id bits instead.
    if (::fchown(out, owner, info.st_gid) != 0) {
      final_mode &= 01777;
      need_chmod = true;
    }
  }
  if (need_chmod && ::fchmod(out, final_mode) != 0) {
    const int error = errno;
    ::close(out);
    return errno_error(error, "apply2files", target);
  }
  if (::close(out) != 0) return errno_error(errno, "io_write", target);
  return {};
}

}  // namespace cdrun
