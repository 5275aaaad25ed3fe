#include "runner/download/download_copy_tree.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <system_error>
#include <thread>
#include <vector>

#include "runner/download/download_copy_queue.h"
#include "runner/fs/filesystem.h"

namespace cdrun::download {

namespace {

struct Entry {
  std::string name;
  unsigned char type;  // d_type; DT_UNKNOWN when the filesystem does not say
};

// One directory being copied: its entries were read up front so that only two descriptors per
// level stay open while the walk is deeper down.
struct Frame {
  DirRef from;
  DirRef to;
  std::vector<Entry> entries;
  size_t next = 0;
  std::vector<std::string> files;  // regular files not yet handed to the queue
};

void hand_over_files(Frame& frame, CopyQueue& queue) {
  if (frame.files.empty()) return;
  queue.push(FileJob{frame.from, frame.to, std::move(frame.files)});
  frame.files.clear();
}

bool list_entries(const DirHandle& dir, std::vector<Entry>& entries, CopyQueue& queue) {
  const int listing_fd = ::dup(dir.fd);
  DIR* listing = listing_fd < 0 ? nullptr : ::fdopendir(listing_fd);
  if (!listing) {
    if (listing_fd >= 0) ::close(listing_fd);
    return queue.fail(errno_message("cannot list", dir.path));
  }
  errno = 0;
  while (const dirent* entry = ::readdir(listing)) {
    const char* name = entry->d_name;
    if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) continue;
    entries.push_back(Entry{name, entry->d_type});
    errno = 0;
  }
  const int saved = errno;
  ::closedir(listing);
  errno = saved;
  return saved == 0 || queue.fail(errno_message("cannot list", dir.path));
}

unsigned char type_from_mode(mode_t mode) {
  if (S_ISREG(mode)) return DT_REG;
  if (S_ISDIR(mode)) return DT_DIR;
  if (S_ISLNK(mode)) return DT_LNK;
  if (S_ISFIFO(mode)) return DT_FIFO;
  if (S_ISSOCK(mode)) return DT_SOCK;
  if (S_ISCHR(mode)) return DT_CHR;
  if (S_ISBLK(mode)) return DT_BLK;
  return DT_UNKNOWN;
}

bool copy_symlink(const Frame& frame, const std::string& name, CopyQueue& queue) {
  std::vector<char> target(256);
  for (;;) {
    const ssize_t length = ::readlinkat(frame.from->fd, name.c_str(), target.data(), target.size());
    if (length < 0) return queue.fail(errno_message("cannot read symlink", frame.from->path + "/" + name));
    if (static_cast<size_t>(length) < target.size()) {
      target[static_cast<size_t>(length)] = '\0';
      break;
    }
    target.resize(target.size() * 4);
  }
  if (::symlinkat(target.data(), frame.to->fd, name.c_str()) == 0) return true;
  return queue.fail(errno_message("cannot create symlink", frame.to->path + "/" + name));
}

// FIFOs and sockets are recreated with the source's mode, as cp_r does; cp_r refuses devices.
bool copy_special(const Frame& frame, const std::string& name, unsigned char type, CopyQueue& queue) {
  const std::string source = frame.from->path + "/" + name;
  if (type == DT_CHR || type == DT_BLK) {
    return queue.fail("cannot handle device file " + source);
  }
  struct stat st {};
  if (::fstatat(frame.from->fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    return queue.fail(errno_message("cannot stat", source));
  }
  const mode_t kind = type == DT_FIFO ? S_IFIFO : S_IFSOCK;
  if (::mknodat(frame.to->fd, name.c_str(), kind | (st.st_mode & 07777), 0) == 0) return true;
  return queue.fail(errno_message("cannot create", frame.to->path + "/" + name));
}

// Creates the copy of directory `name` and returns its frame, entries listed; null on failure.
std::unique_ptr<Frame> enter_directory(const Frame& parent, const std::string& name, CopyQueue& queue) {
  const std::string source = parent.from->path + "/" + name;
  const std::string copy = parent.to->path + "/" + name;
  const int from = ::openat(parent.from->fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (from < 0) {
    queue.fail(errno_message("cannot open", source));
    return nullptr;
  }
  auto frame = std::make_unique<Frame>();
  frame->from = std::make_shared<const DirHandle>(from, source);
  if (::mkdirat(parent.to->fd, name.c_str(), 0777) != 0) {
    queue.fail(errno_message("cannot create directory", copy));
    return nullptr;
  }
  const int to = ::openat(parent.to->fd, name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (to < 0) {
    queue.fail(errno_message("cannot open", copy));
    return nullptr;
  }
  frame->to = std::make_shared<const DirHandle>(to, copy);
  if (!list_entries(*frame->from, frame->entries, queue)) return nullptr;
  return frame;
}

// Depth-first with an explicit stack: bundle trees may be deeper than the thread's stack allows.
void walk(std::unique_ptr<Frame> root, CopyQueue& queue) {
  std::vector<std::unique_ptr<Frame>> stack;
  stack.push_back(std::move(root));
  while (!stack.empty() && !queue.failed()) {
    Frame& frame = *stack.back();
    if (frame.next == frame.entries.size()) {
      hand_over_files(frame, queue);
      stack.pop_back();
      continue;
    }
    const Entry& entry = frame.entries[frame.next++];
    unsigned char type = entry.type;
    if (type == DT_UNKNOWN) {
      struct stat st {};
      if (::fstatat(frame.from->fd, entry.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        queue.fail(errno_message("cannot stat", frame.from->path + "/" + entry.name));
        break;
      }
      type = type_from_mode(st.st_mode);
    }
    switch (type) {
      case DT_REG:
        frame.files.push_back(entry.name);
        if (frame.files.size() == FileJob::kBatch) hand_over_files(frame, queue);
        break;
      case DT_LNK: copy_symlink(frame, entry.name, queue); break;
      case DT_DIR: {
        std::unique_ptr<Frame> child = enter_directory(frame, entry.name, queue);
        if (child) stack.push_back(std::move(child));
        break;
      }
      case DT_UNKNOWN: queue.fail("unknown file type: " + frame.from->path + "/" + entry.name); break;
      default: copy_special(frame, entry.name, type, queue); break;
    }
  }
}

// cp_r refuses to copy a directory into itself; the walk would otherwise chase its own copy.
bool destination_inside_source(const std::string& source, const std::string& destination) {
  const size_t slash = destination.rfind('/');
  const std::string parent = slash == std::string::npos ? "." : slash == 0 ? "/" : destination.substr(0, slash);
  char real_source[PATH_MAX];
  char real_parent[PATH_MAX];
  if (!::realpath(source.c_str(), real_source) || !::realpath(parent.c_str(), real_parent)) return false;
  const std::string from = std::string(real_source) == "/" ? "/" : std::string(real_source) + "/";
  const std::string into = std::string(real_parent) + "/";
  return into.compare(0, from.size(), from) == 0;
}

}  // namespace

CopyTreeResult copy_tree(const std::string& source, const std::string& destination, int workers) {
  CopyTreeResult result;
  CopyQueue queue;
  auto root = std::make_unique<Frame>();
  const int from = ::open(source.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (from < 0) {
    result.error = errno_message("cannot copy", source);
    return result;
  }
  root->from = std::make_shared<const DirHandle>(from, source);
  if (destination_inside_source(source, destination)) {
    result.error = "cannot copy directory " + source + " to itself " + destination;
    return result;
  }
  if (::mkdir(destination.c_str(), 0777) != 0) {
    result.error = errno_message("cannot create directory", destination);
    return result;
  }
  const int to = ::open(destination.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (to < 0) {
    result.error = errno_message("cannot open", destination);
    return result;
  }
  root->to = std::make_shared<const DirHandle>(to, destination);

  std::vector<std::thread> threads;
  for (int i = 0; i < workers; ++i) {
    try {
      threads.emplace_back([&queue] { queue.work(); });
    } catch (const std::system_error&) {
      break;  // fewer workers; the walker copies whatever the queue cannot take
    }
  }
  queue.set_worker_count(threads.size());
  if (list_entries(*root->from, root->entries, queue)) walk(std::move(root), queue);
  queue.close();
  for (std::thread& thread : threads) thread.join();

  result.ok = !queue.failed();
  result.error = queue.error();
  result.files = queue.files_copied();
  return result;
}

}  // namespace cdrun::download
