// What a deployment root holds, per deployment group (agent-behavior.md §2): the last successful
// and most recent deployments, the deployment dirs kept, and the files the cleanup list owns.
// Read-only.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cdrun {

struct KeptDeployment {
  std::string id;
  std::string dir;
  long long mtime = 0;          // seconds since the epoch (what max_revisions pruning sorts by)
  long long mtime_nsec = 0;     // within the second: deployments a second apart are common
  bool has_scripts_log = false;  // logs/scripts.log: some hook ran scripts in it
};

// A deployment dir named by <group>_last_successful_install or <group>_most_recent_install.
struct RecordedDeployment {
  std::string id;
  std::string dir;
  bool exists = false;
};

struct GroupStatus {
  std::string group;
  std::optional<RecordedDeployment> last_successful;
  std::optional<RecordedDeployment> most_recent;
  std::vector<KeptDeployment> deployments;  // oldest first
  bool has_cleanup_list = false;
  std::vector<std::string> cleanup_files;   // in the order Install wrote them
  std::size_t selinux_entries = 0;          // "semanage\0<path>" lines
};

struct RootStatus {
  std::string root;
  std::vector<GroupStatus> groups;  // by name
};

// The groups of the root, by name: every directory that is not the root's own bookkeeping, and
// every owner of an instruction file (a group whose deployment dirs are all gone still has those).
std::vector<std::string> deployment_groups(const std::string& root);

// Every group deployment_groups() names, or only `group`.
RootStatus scan_deployment_root(const std::string& root, const std::optional<std::string>& group);

}  // namespace cdrun
