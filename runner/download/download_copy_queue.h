// The hand-off between the walker of a directory bundle and the threads copying its regular files
// (internal to download_copy_tree.cc). Jobs name a file by its directory's descriptor, shared by
// every job in that directory, so no path is resolved twice.
#pragma once

#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace cdrun::download {

// An open directory and its path (for messages); closed when the last job using it is done.
struct DirHandle {
  DirHandle(int descriptor, std::string shown) : fd(descriptor), path(std::move(shown)) {}
  ~DirHandle() { ::close(fd); }
  DirHandle(const DirHandle&) = delete;
  DirHandle& operator=(const DirHandle&) = delete;
  int fd;
  std::string path;
};
using DirRef = std::shared_ptr<const DirHandle>;

// Up to kBatch regular files of one directory: a worker keeps to one directory at a time, so the
// threads do not queue on the same directory lock in the kernel, and hand-offs stay rare.
struct FileJob {
  static constexpr size_t kBatch = 64;
  DirRef from;
  DirRef to;
  std::vector<std::string> names;
};

class CopyQueue {
 public:
  void set_worker_count(size_t workers) { workers_ = workers; }
  // Hands `job` to a worker, or copies it on the calling thread when the queue is full: the walker
  // then helps instead of waiting, and the number of open directories stays bounded.
  void push(FileJob job);
  // A worker's loop; returns once close() was called and the queue is drained.
  void work();
  void close();

  // Records the first failure (later ones are consequences); always returns false.
  bool fail(std::string message);
  bool failed() const { return failed_.load(std::memory_order_relaxed); }
  std::string error() const;
  size_t files_copied() const { return files_.load(); }

 private:
  static constexpr size_t kCapacity = 16;
  void copy(const FileJob& job);
  void copy_file(const FileJob& job, const std::string& name);

  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<FileJob> jobs_;
  size_t idle_ = 0;
  bool closed_ = false;
  size_t workers_ = 0;
  std::atomic<bool> failed_{false};
  std::string error_;
  std::atomic<size_t> files_{0};
};

}  // namespace cdrun::download
