// The walk behind directory bundles (internal to appspec/bundle/bundle_directory*.cc): one fstatat per
// entry, symlinks recorded and never descended into, directories listed by a few worker threads
// (the cost is almost all in the kernel, so it scales with cores) and reassembled in tree order.
#pragma once

#include <string>
#include <vector>

#include "appspec/bundle/bundle.h"

namespace cdrun {

struct DirectoryWalk {
  std::vector<BundleEntry> entries;  // pre-order, siblings sorted by name
  Diagnostics problems;              // unreadable entries, symlink loops, the depth cap
};

// `root_fd` stays owned by the caller; `display` names the bundle in diagnostics.
DirectoryWalk walk_directory(int root_fd, const std::string& display);

}  // namespace cdrun
