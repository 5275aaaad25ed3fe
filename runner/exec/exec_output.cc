#include "runner/exec/exec_output.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

namespace cdrun {
namespace {

constexpr int kFullPipeWaitMs = 5000;

}  // namespace

void write_fully(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n > 0) {
      data += n;
      size -= static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd wait_for{fd, POLLOUT, 0};
      if (::poll(&wait_for, 1, kFullPipeWaitMs) > 0) continue;
    }
    return;  // EPIPE (SIGPIPE is ignored), a closed descriptor, or a reader stuck for too long
  }
}

std::string one_line(const std::string& text) {
  std::string line;
  line.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      line += "\\n";
    } else if (c == '\t') {
      line += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      line += escaped;
    } else {
      line += c;
    }
  }
  return line;
}

void ExecOutput::on_output(bool is_stderr, const std::string& line) {
  if (pass_through_) write_fully(is_stderr ? 2 : 1, line.data(), line.size());
  if (log_ && log_->is_open()) {
    entry_.assign(is_stderr ? "[stderr]" : "[stdout]");
    entry_ += line;
    log_->entry(entry_);
  }
}

void ExecOutput::note(const std::string& message) {
  std::size_t start = 0;
  while (start < message.size()) {
    std::size_t end = message.find('\n', start);
    if (end == std::string::npos) end = message.size();
    const std::string line = "cdrun exec: " + message.substr(start, end - start) + "\n";
    if (pass_through_) write_fully(2, line.data(), line.size());
    if (log_ && log_->is_open()) log_->entry("[stderr]" + line);
    start = end + 1;
  }
}

}  // namespace cdrun
