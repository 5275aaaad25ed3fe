#include "runner/process/process_pipes.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>

#include "runner/process/process_tree.h"

namespace cdrun {
namespace {

constexpr std::size_t kChunk = 64 * 1024;

}  // namespace

OutputPipes::OutputPipes(UniqueFd stdout_read, UniqueFd stderr_read, ProcessObserver& observer)
    : observer_(observer), buffer_(kChunk) {
  streams_[0].fd = std::move(stdout_read);
  streams_[1].fd = std::move(stderr_read);
  streams_[1].is_stderr = true;
  for (Stream& stream : streams_) stream.inode = pipe_inode(stream.fd.get());
}

void OutputPipes::poll_once(std::chrono::milliseconds timeout, int wake_fd) {
  pollfd fds[3];
  Stream* owners[3] = {nullptr, nullptr, nullptr};
  nfds_t count = 0;
  for (Stream& stream : streams_) {
    if (!stream.fd.valid()) continue;
    fds[count] = {stream.fd.get(), POLLIN, 0};
    owners[count++] = &stream;
  }
  if (wake_fd >= 0) fds[count++] = {wake_fd, POLLIN, 0};
  const int ready = ::poll(fds, count, static_cast<int>(timeout.count()));
  if (ready <= 0) return;  // timeout, or EINTR: the caller's loop simply comes back
  // One chunk per stream and round keeps stdout and stderr interleaved as they arrive.
  for (nfds_t i = 0; i < count; ++i) {
    if (owners[i] && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) read_chunk(*owners[i]);
  }
}

void OutputPipes::drain(std::size_t budget) {
  std::size_t taken = 0;
  bool progress = true;
  while (progress && taken < budget) {
    progress = false;
    for (Stream& stream : streams_) {
      if (!stream.fd.valid()) continue;
      const std::size_t n = read_chunk(stream);
      taken += n;
      progress = progress || n > 0;
    }
  }
}

void OutputPipes::close_all() {
  for (Stream& stream : streams_) {
    if (stream.fd.valid()) close_stream(stream);
  }
}

std::vector<unsigned long long> OutputPipes::open_inodes() const {
  std::vector<unsigned long long> inodes;
  for (const Stream& stream : streams_) {
    if (stream.fd.valid()) inodes.push_back(stream.inode);
  }
  return inodes;
}

std::size_t OutputPipes::read_chunk(Stream& stream) {
  ssize_t n;
  do {
    n = ::read(stream.fd.get(), buffer_.data(), buffer_.size());
  } while (n < 0 && errno == EINTR);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
  if (n <= 0) {  // EOF, or an error that will not go away
    close_stream(stream);
    return 0;
  }
  const bool is_stderr = stream.is_stderr;
  stream.lines.feed(buffer_.data(), static_cast<std::size_t>(n),
                    [this, is_stderr](const std::string& line) { deliver(is_stderr, line); });
  return static_cast<std::size_t>(n);
}

void OutputPipes::deliver(bool is_stderr, const std::string& line) {
  // An observer that throws must not leave the hook's processes running unsupervised.
  try {
    observer_.on_output(is_stderr, line);
  } catch (...) {
  }
}

void OutputPipes::close_stream(Stream& stream) {
  const bool is_stderr = stream.is_stderr;
  stream.lines.finish([this, is_stderr](const std::string& line) { deliver(is_stderr, line); });
  stream.fd.reset();
}

}  // namespace cdrun
