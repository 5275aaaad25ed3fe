// An exclusive flock(2) on a directory: keeps two `cdrun onprem renew` runs (the timer and a person,
// or a daemon) from interleaving their writes to the same configuration.
#pragma once

#include <string>

namespace cdrun::aws {

class DirectoryLock {
 public:
  DirectoryLock() = default;
  ~DirectoryLock();
  DirectoryLock(DirectoryLock&& other) noexcept;
  DirectoryLock& operator=(DirectoryLock&& other) noexcept;
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;

  // Waits up to `timeout_seconds` for the lock. Returns "" when held, else why not.
  std::string acquire(const std::string& dir, int timeout_seconds);
  void release();

 private:
  int fd_ = -1;
};

}  // namespace cdrun::aws
