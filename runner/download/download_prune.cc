#include "runner/download/download_prune.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <tuple>

#include "runner/fs/filesystem.h"
#include "runner/download/download_step.h"

namespace cdrun::download {

namespace {

struct Candidate {
  std::string path;
  timespec mtime{};
};

// File.mtime follows symlinks; a dangling one still has its own lstat time to sort by.
timespec modification_time(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 && ::lstat(path.c_str(), &st) != 0) return timespec{};
  return st.st_mtim;
}

// File.absolute_path: a relative root_dir is taken from the current directory.
std::string absolute(const std::string& path) {
  if (!path.empty() && path.front() == '/') return path;
  char cwd[4096];
  if (!::getcwd(cwd, sizeof cwd)) return path;
  return join_path(cwd, path);
}

bool is_cdrun_own(const std::string& name) { return name.compare(0, 6, ".cdrun") == 0; }

}  // namespace

PruneResult prune_deployments(const DeploymentLayout& layout, int archives_to_retain) {
  PruneResult result;
  const std::string group_dir = layout.group_dir();
  DIR* listing = ::opendir(group_dir.c_str());
  if (!listing) return result;  // no group directory yet: nothing to retain or delete
  std::vector<Candidate> candidates;
  const std::string current = layout.deployment_dir();
  while (const dirent* entry = ::readdir(listing)) {
    const std::string name = entry->d_name;
    if (name == "." || name == ".." || is_cdrun_own(name)) continue;
    const std::string path = join_path(group_dir, name);
    if (path != current) candidates.push_back(Candidate{path, {}});
  }
  ::closedir(listing);

  const long extra = static_cast<long>(candidates.size()) - archives_to_retain + 1;
  if (extra <= 0) return result;

  // The last successful revision is never deleted, even when that leaves more than retain.
  const std::string last_successful = read_instruction_path(layout.last_successful_file());
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                  [&](const Candidate& c) { return c.path == last_successful; }),
                   candidates.end());
  for (Candidate& candidate : candidates) candidate.mtime = modification_time(candidate.path);
  // Ties in mtime are broken by name so the choice does not depend on readdir order.
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(a.mtime.tv_sec, a.mtime.tv_nsec, a.path) < std::tie(b.mtime.tv_sec, b.mtime.tv_nsec, b.path);
  });
  if (candidates.size() > static_cast<size_t>(extra)) candidates.resize(static_cast<size_t>(extra));

  for (const Candidate& candidate : candidates) {
    const std::string path = absolute(candidate.path);
    if (path == "/") continue;  // LinuxUtil.delete_dirs_command skips it
    std::string why;
    if (!remove_tree(path, &why)) {
      result.error = "Error deleting directories: " + why;
      return result;
    }
    result.removed.push_back(path);
  }
  return result;
}

}  // namespace cdrun::download

namespace cdrun {

std::vector<std::string> prune_old_deployments(const DeploymentLayout& layout, int archives_to_retain) {
  return download::prune_deployments(layout, archives_to_retain).removed;
}

}  // namespace cdrun
