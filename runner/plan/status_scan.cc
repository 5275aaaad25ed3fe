#include "runner/plan/status_scan.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <set>

#include "runner/layout/deployment_layout.h"
#include "runner/install/install_cleanup.h"

namespace cdrun {
namespace {

// The root's own directories, next to the group directories (§2).
bool is_root_bookkeeping(const std::string& name) {
  return name == "deployment-instructions" || name == "deployment-logs" || name == "ongoing-deployment";
}

// <group>_last_successful_install, <group>_most_recent_install, <group>-cleanup, <group>-install.json.
std::optional<std::string> group_of_instruction(const std::string& name) {
  for (const char* suffix : {"_last_successful_install", "_most_recent_install", "-cleanup", "-install.json"}) {
    const std::string s = suffix;
    if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
      return name.substr(0, name.size() - s.size());
    }
  }
  return std::nullopt;
}

std::vector<std::string> list_directory(const std::string& path) {
  std::vector<std::string> names;
  DIR* dir = ::opendir(path.c_str());
  if (!dir) return names;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(dir);
  return names;
}

bool is_directory(const std::string& path, struct stat* info = nullptr) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;
  if (info) *info = st;
  return true;
}

bool is_regular_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::optional<RecordedDeployment> recorded(const std::string& instruction_file) {
  const std::string dir = read_instruction_path(instruction_file);
  if (dir.empty()) return std::nullopt;
  std::string trimmed = dir;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
  const size_t slash = trimmed.rfind('/');
  struct stat st {};
  return RecordedDeployment{slash == std::string::npos ? trimmed : trimmed.substr(slash + 1), dir,
                            ::stat(dir.c_str(), &st) == 0};
}

GroupStatus scan_group(const std::string& root, const std::string& group) {
  DeploymentLayout layout;
  layout.root_dir = root;
  layout.group_id = group;
  GroupStatus status;
  status.group = group;
  status.last_successful = recorded(layout.last_successful_file());
  status.most_recent = recorded(layout.most_recent_file());
  for (const std::string& id : list_directory(layout.group_dir())) {
    const std::string dir = join_path(layout.group_dir(), id);
    struct stat info {};
    if (!is_directory(dir, &info)) continue;
    status.deployments.push_back(KeptDeployment{id, dir, static_cast<long long>(info.st_mtim.tv_sec),
                                                static_cast<long long>(info.st_mtim.tv_nsec),
                                                is_regular_file(join_path(dir, "logs/scripts.log"))});
  }
  std::sort(status.deployments.begin(), status.deployments.end(), [](const KeptDeployment& a, const KeptDeployment& b) {
    if (a.mtime != b.mtime) return a.mtime < b.mtime;
    return a.mtime_nsec != b.mtime_nsec ? a.mtime_nsec < b.mtime_nsec : a.id < b.id;
  });
  std::vector<CleanupEntry> entries;
  (void)read_cleanup_file(layout.cleanup_file(), &status.has_cleanup_list, &entries);
  // The parser gives the removal order (reversed); show the order Install wrote them in.
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->selinux) {
      ++status.selinux_entries;
    } else if (!it->path.empty()) {
      status.cleanup_files.push_back(it->path);
    }
  }
  return status;
}

}  // namespace

std::vector<std::string> deployment_groups(const std::string& root) {
  std::set<std::string> groups;
  for (const std::string& name : list_directory(root)) {
    if (name[0] != '.' && !is_root_bookkeeping(name) && is_directory(join_path(root, name))) groups.insert(name);
  }
  for (const std::string& name : list_directory(join_path(root, "deployment-instructions"))) {
    if (name[0] == '.') continue;  // cdrun's temporary files
    if (std::optional<std::string> owner = group_of_instruction(name)) groups.insert(*owner);
  }
  return {groups.begin(), groups.end()};
}

RootStatus scan_deployment_root(const std::string& root, const std::optional<std::string>& group) {
  RootStatus status;
  status.root = root;
  const std::vector<std::string> groups = group ? std::vector<std::string>{*group} : deployment_groups(root);
  for (const std::string& name : groups) status.groups.push_back(scan_group(root, name));
  return status;
}

}  // namespace cdrun
