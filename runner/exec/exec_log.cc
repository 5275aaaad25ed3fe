#include "runner/exec/exec_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "runner/fs/filesystem.h"

namespace cdrun {

bool ExecLog::open(const std::string& path, std::string* error) {
  path_ = path;
  const std::size_t slash = path.rfind('/');
  if (slash != std::string::npos && slash > 0) {
    std::string mkdir_error;
    if (!download::make_directories(path.substr(0, slash), &mkdir_error)) {
      *error = "cannot open log " + path + ": " + mkdir_error;
      return false;
    }
  }
  fd_.reset(::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0666));
  if (!fd_.valid()) {
    *error = "cannot open log " + path + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

void ExecLog::entry(const std::string& text) {
  if (!fd_.valid()) return;
  line_.assign(stamp_.now());
  line_ += ' ';
  line_ += text;
  if (line_.back() != '\n') line_ += '\n';
  const char* data = line_.data();
  std::size_t left = line_.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_.get(), data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (write_error_.empty()) write_error_ = std::strerror(n < 0 ? errno : EIO);
      return;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
}

}  // namespace cdrun
