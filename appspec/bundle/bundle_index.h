// Lookup over a bundle's entries as the extracted tree would look on the instance: directories
// that exist only because files live under them, last-written entry wins, and symlinks resolved
// the way the kernel would (physically, component by component) without touching the disk.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "appspec/bundle/bundle.h"

namespace cdrun {

class BundleIndex {
 public:
  explicit BundleIndex(const Bundle& bundle);

  // The entry stored at `path` (normalised; escaping members are never indexed), or null.
  const BundleEntry* entry(const std::string& path) const;
  // True for the root "", explicit directory entries and directories implied by deeper members.
  bool is_directory(const std::string& path) const;
  bool contains(const std::string& path) const { return entry(path) || is_directory(path); }

  // Names directly under the root, sorted, each once.
  const std::vector<std::string>& top_level() const { return top_level_; }
  // Names directly inside directory `dir` (one linear scan; for rare layout questions only).
  std::vector<std::string> children(const std::string& dir) const;

  enum class Status { found, missing, outside, loop };
  struct Resolved {
    Status status = Status::missing;
    std::string path;  // the physical path reached (meaningful for found; best effort otherwise)
  };
  // Follows symlinks in every component (and in the last one when follow_last).
  Resolved resolve(const std::string& path, bool follow_last = true) const;

 private:
  // Keys are views into the bundle's own entry paths (parents are prefixes of them), so building
  // the index for 100,000 entries allocates no strings.
  const Bundle& bundle_;
  std::unordered_map<std::string_view, const BundleEntry*> entries_;
  std::unordered_set<std::string_view> directories_;
  std::vector<std::string> top_level_;
};

}  // namespace cdrun
