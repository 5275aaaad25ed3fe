// A directory bundle: the tree as walk_directory saw it, and files read through the root.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "appspec/bundle/bundle_directory_walk.h"
#include "appspec/bundle/bundle_index.h"
#include "appspec/bundle/bundle_readers.h"

namespace cdrun {

namespace {

class DirectoryBundle final : public Bundle {
 public:
  DirectoryBundle(std::string root, DirectoryWalk walk)
      : root_(std::move(root)), entries_(std::move(walk.entries)), problems_(std::move(walk.problems)) {}

  BundleKind kind() const override { return BundleKind::directory; }
  const std::string& display_name() const override { return root_; }
  const std::vector<BundleEntry>& entries() const override { return entries_; }
  const Diagnostics& read_problems() const override { return problems_; }
  std::map<std::string, std::string> read_files(const std::set<std::string>& paths,
                                                std::size_t limit) const override;

 private:
  std::string root_;
  std::vector<BundleEntry> entries_;
  Diagnostics problems_;
};

std::map<std::string, std::string> DirectoryBundle::read_files(const std::set<std::string>& paths,
                                                               std::size_t limit) const {
  std::map<std::string, std::string> out;
  const BundleIndex& lookup = index();
  for (const std::string& wanted : paths) {
    const BundleIndex::Resolved resolved = lookup.resolve(wanted);
    if (resolved.status != BundleIndex::Status::found) continue;
    const BundleEntry* e = lookup.entry(resolved.path);
    if (!e || e->type != EntryType::file) continue;
    // O_NONBLOCK so that a FIFO swapped in since the walk cannot block the open.
    const std::string full = root_ + "/" + resolved.path;
    const int fd = ::open(full.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) continue;
    struct stat info {};
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) {
      std::string content;
      char buffer[65536];
      while (content.size() < limit) {
        const ssize_t got = ::read(fd, buffer, std::min(sizeof buffer, limit - content.size()));
        if (got <= 0) break;
        content.append(buffer, static_cast<std::size_t>(got));
      }
      out[wanted] = std::move(content);
    }
    ::close(fd);
  }
  return out;
}

// The walk without what `left_out` hides: entries come in pre-order, so a hidden directory's
// contents follow it and share its path plus "/".
void drop_left_out(DirectoryWalk& walk, const LeftOutFilter& left_out) {
  std::vector<BundleEntry> kept;
  kept.reserve(walk.entries.size());
  std::string hidden_prefix;  // of the last hidden directory, with its "/"
  for (BundleEntry& entry : walk.entries) {
    if (!hidden_prefix.empty() && entry.path.compare(0, hidden_prefix.size(), hidden_prefix) == 0) continue;
    const bool directory = entry.type == EntryType::directory;
    if (left_out(entry.path, directory)) {
      if (directory) hidden_prefix = entry.path + "/";
      continue;
    }
    kept.push_back(std::move(entry));
  }
  walk.entries = std::move(kept);
}

}  // namespace

std::unique_ptr<Bundle> open_directory_bundle(const std::string& path, const LeftOutFilter& left_out,
                                              std::string& error) {
  std::string display = path;
  while (display.size() > 1 && display.back() == '/') display.pop_back();
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot read bundle directory " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  DirectoryWalk walk = walk_directory(fd, display);
  ::close(fd);
  if (left_out) drop_left_out(walk, left_out);
  return std::make_unique<DirectoryBundle>(display, std::move(walk));
}

}  // namespace cdrun
