// The two output pipes of a running hook, read with poll() on the caller's thread, split into
// lines and handed to the observer as they arrive; nothing is accumulated beyond one line.
#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

#include "runner/process/process_fd.h"
#include "runner/process/process_lines.h"
#include "runner/process/process_runner.h"

namespace cdrun {

// Once the child has exited: how much already-written output to read (drain()) before asking
// whether someone else still holds the pipes.
constexpr std::size_t kExitDrainBudget = 4 * 1024 * 1024;

class OutputPipes {
 public:
  OutputPipes(UniqueFd stdout_read, UniqueFd stderr_read, ProcessObserver& observer);

  // Waits at most `timeout` for output, EOF, or `wake_fd` (e.g. a pidfd; -1 = none) becoming
  // readable, then reads one chunk from each pipe that is ready.
  void poll_once(std::chrono::milliseconds timeout, int wake_fd);
  // Reads without waiting until both pipes are empty or closed, at most about `budget` bytes, so
  // a pipe whose last writer is gone reports EOF now rather than later.
  void drain(std::size_t budget);
  // Delivers what is left of an unterminated line and closes both pipes; later output is lost.
  void close_all();

  bool stdout_open() const { return streams_[0].fd.valid(); }
  bool stderr_open() const { return streams_[1].fd.valid(); }
  bool any_open() const { return stdout_open() || stderr_open(); }
  // Inodes of the pipes still open, to find who else holds them.
  std::vector<unsigned long long> open_inodes() const;

 private:
  struct Stream {
    UniqueFd fd;
    bool is_stderr = false;
    unsigned long long inode = 0;
    LineSplitter lines;
  };
  // Reads once; returns the number of bytes read (0 at EOF, after closing, or when none ready).
  std::size_t read_chunk(Stream& stream);
  void deliver(bool is_stderr, const std::string& line);
  void close_stream(Stream& stream);

  ProcessObserver& observer_;
  Stream streams_[2];
  std::vector<char> buffer_;
};

}  // namespace cdrun
