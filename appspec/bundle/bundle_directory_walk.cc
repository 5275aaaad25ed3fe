#include "appspec/bundle/bundle_directory_walk.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

#include "appspec/bundle/bundle_path.h"

namespace cdrun {

namespace {

// Deeper trees are almost certainly accidents; the cap also bounds path lengths.
constexpr int kMaxDepth = 256;
constexpr std::size_t kNoJob = static_cast<std::size_t>(-1);
// Worker threads start only once this many directories wait to be listed.
constexpr std::size_t kBacklogForThreads = 32;
constexpr std::size_t kNoLimit = static_cast<std::size_t>(-1);

struct Listing {
  std::vector<BundleEntry> children;
  std::vector<std::size_t> child_job;  // per child: the job listing it (directories), or kNoJob
  Diagnostics problems;
};

struct Job {
  std::string relative;
  int depth = 0;
};

class Walker {
 public:
  Walker(int root_fd, std::string display) : root_fd_(root_fd), display_(std::move(display)) {}

  DirectoryWalk run() {
    jobs_.push_back(Job{"", 0});
    listings_.emplace_back();
    // Small bundles (the usual case) finish here without starting a thread.
    work(kBacklogForThreads);
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads && next_ < jobs_.size(); ++i) {
      try {
        pool.emplace_back([this] { work(kNoLimit); });
      } catch (const std::system_error&) {
        break;  // no more threads available: the ones we have finish the walk
      }
    }
    work(kNoLimit);
    for (std::thread& t : pool) t.join();
    DirectoryWalk out;
    assemble(0, out);
    return out;
  }

 private:
  // Lists directories until none is left, or until `backlog` of them wait to be listed.
  void work(std::size_t backlog) {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return next_ < jobs_.size() || done_ == jobs_.size(); });
      if (next_ == jobs_.size()) return;  // every job done and nothing left to start
      if (jobs_.size() - next_ >= backlog) return;
      const std::size_t id = next_++;
      const Job job = jobs_[id];
      lock.unlock();
      auto listing = std::make_unique<Listing>();
      std::vector<std::pair<std::size_t, Job>> subdirectories;
      list(job, *listing, subdirectories);
      lock.lock();
      for (auto& [child, sub] : subdirectories) {
        listing->child_job[child] = jobs_.size();
        jobs_.push_back(std::move(sub));
        listings_.emplace_back();
      }
      listings_[id] = std::move(listing);
      ++done_;
      wake_.notify_all();
    }
  }

  void problem(Listing& listing, const char* code, const std::string& relative, std::string message, std::string hint) {
    listing.problems.push_back(make_diagnostic(Severity::warning, code, std::move(message),
                                               bundle_path::join(display_, relative), {}, std::move(hint)));
  }

  void list(const Job& job, Listing& listing, std::vector<std::pair<std::size_t, Job>>& subdirectories) {
    const char* where = job.relative.empty() ? "." : job.relative.c_str();
    const int fd = ::openat(root_fd_, where, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR* dir = fd < 0 ? nullptr : ::fdopendir(fd);
    if (!dir) {
      const int error = errno;
      if (fd >= 0) ::close(fd);
      problem(listing, "CD312", job.relative, "cannot read directory: " + std::string(std::strerror(error)),
              "make the directory readable so its files can be checked");
      return;
    }
    std::vector<std::string> names;
    while (const dirent* item = ::readdir(dir)) {
      const char* n = item->d_name;
      if (n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0'))) continue;
      names.emplace_back(n);
    }
    std::sort(names.begin(), names.end());
    listing.children.reserve(names.size());
    for (const std::string& name : names) {
      const std::string path = bundle_path::join(job.relative, name);
      if (!record(::dirfd(dir), name.c_str(), path, listing)) continue;
      listing.child_job.push_back(kNoJob);
      if (listing.children.back().type != EntryType::directory) continue;
      if (job.depth + 1 >= kMaxDepth) {
        problem(listing, "CD314", path,
                "directory nesting deeper than " + std::to_string(kMaxDepth) + " levels; its contents were not checked",
                "flatten the directory tree");
        continue;
      }
      subdirectories.emplace_back(listing.children.size() - 1, Job{path, job.depth + 1});
    }
    ::closedir(dir);
  }

  // Appends the entry for `name`; false when it cannot even be stat'ed.
  bool record(int dir_fd, const char* name, const std::string& path, Listing& listing) {
    struct stat info {};
    if (::fstatat(dir_fd, name, &info, AT_SYMLINK_NOFOLLOW) != 0) {
      problem(listing, "CD312", path, "cannot read entry: " + std::string(std::strerror(errno)),
              "make the entry readable so it can be checked");
      return false;
    }
    BundleEntry e;
    e.path = path;
    e.raw_name = path;
    e.mode = static_cast<unsigned>(info.st_mode & 07777);
    e.size = static_cast<std::uint64_t>(info.st_size);
    if (S_ISDIR(info.st_mode)) {
      e.type = EntryType::directory;
    } else if (S_ISLNK(info.st_mode)) {
      e.type = EntryType::symlink;
      char target[4096];
      const ssize_t length = ::readlinkat(dir_fd, name, target, sizeof target);
      e.link_target.assign(target, length > 0 ? static_cast<std::size_t>(length) : 0);
      struct stat followed {};
      if (::fstatat(dir_fd, name, &followed, 0) != 0 && errno == ELOOP) {
        problem(listing, "CD313", path, "symlink loop: \"" + path + "\" -> \"" + e.link_target + "\" never reaches a file",
                "remove the symlink or point it at a real file or directory inside the bundle");
      }
    } else if (!S_ISREG(info.st_mode)) {
      e.type = EntryType::other;
    }
    listing.children.push_back(std::move(e));
    return true;
  }

  void assemble(std::size_t id, DirectoryWalk& out) {
    Listing& listing = *listings_[id];
    out.problems.insert(out.problems.end(), std::make_move_iterator(listing.problems.begin()),
                        std::make_move_iterator(listing.problems.end()));
    for (std::size_t i = 0; i < listing.children.size(); ++i) {
      out.entries.push_back(std::move(listing.children[i]));
      if (listing.child_job[i] != kNoJob) assemble(listing.child_job[i], out);
    }
    listings_[id].reset();
  }

  int root_fd_;
  std::string display_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Job> jobs_;                          // every directory to list; index = job id
  std::vector<std::unique_ptr<Listing>> listings_;  // filled in as jobs finish
  std::size_t next_ = 0;
  std::size_t done_ = 0;
};

}  // namespace

DirectoryWalk walk_directory(int root_fd, const std::string& display) {
  return Walker(root_fd, display).run();
}

}  // namespace cdrun
