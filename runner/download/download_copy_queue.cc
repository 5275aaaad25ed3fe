#include "runner/download/download_copy_queue.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "runner/fs/filesystem.h"

namespace cdrun::download {

void CopyQueue::push(FileJob job) {
  if (workers_ > 0) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (jobs_.size() < kCapacity) {
      jobs_.push_back(std::move(job));
      // Waking a thread costs a system call; skip it when every worker is busy anyway.
      const bool wake = idle_ > 0;
      lock.unlock();
      if (wake) ready_.notify_one();
      return;
    }
  }
  copy(job);
}

void CopyQueue::work() {
  for (;;) {
    std::unique_lock<std::mutex> lock(mutex_);
    ++idle_;
    ready_.wait(lock, [this] { return !jobs_.empty() || closed_; });
    --idle_;
    if (jobs_.empty()) return;
    FileJob job = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    if (!failed()) copy(job);
  }
}

void CopyQueue::close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
  }
  ready_.notify_all();
}

bool CopyQueue::fail(std::string message) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!failed_.load()) {
    error_ = std::move(message);
    failed_.store(true);
  }
  return false;
}

std::string CopyQueue::error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return error_;
}

// FileUtils.copy_file: open(dest, "wb", source mode), so the umask applies and the mtime is new.
void CopyQueue::copy(const FileJob& job) {
  for (const std::string& name : job.names) {
    if (failed()) return;
    copy_file(job, name);
  }
}

void CopyQueue::copy_file(const FileJob& job, const std::string& file) {
  const char* name = file.c_str();
  // O_NONBLOCK: should the entry have been swapped for a FIFO since it was listed, do not hang.
  const int in = ::openat(job.from->fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (in < 0) {
    fail(errno_message("cannot open", job.from->path + "/" + file));
    return;
  }
  struct stat st {};
  if (::fstat(in, &st) != 0 || !S_ISREG(st.st_mode)) {
    fail(S_ISREG(st.st_mode) || st.st_mode == 0 ? errno_message("cannot stat", job.from->path + "/" + file)
                                                : job.from->path + "/" + file + " stopped being a regular file during the copy");
    ::close(in);
    return;
  }
  const int out = ::openat(job.to->fd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, st.st_mode & 07777);
  if (out < 0) {
    fail(errno_message("cannot create", job.to->path + "/" + file));
    ::close(in);
    return;
  }
  std::string why;
  const bool copied = st.st_size == 0 || copy_file_bytes(in, out, &why);
  const bool closed = ::close(out) == 0;
  if (!copied) fail("cannot copy " + job.from->path + "/" + file + " to " + job.to->path + "/" + file + ": " + why);
  else if (!closed) fail(errno_message("cannot write", job.to->path + "/" + file));
  else files_.fetch_add(1, std::memory_order_relaxed);
  ::close(in);
}

}  // namespace cdrun::download
