// The objects an Install step would touch on this host, as the agent's instruction generator sees
// them: every copy target and every directory it would create (those missing now on the way to a
// target; agent-behavior.md §4.2), and which permissions entries reach them (§4.6).
#pragma once

#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "appspec/agent/model.h"
#include "runner/plan/plan_model.h"

namespace cdrun {

class InstalledObjects {
 public:
  // Paths are expanded against `cwd`, as the agent's commands use them.
  InstalledObjects(const std::vector<PlanFileMapping>& mappings, std::string cwd);

  // Whether the permission would apply to at least one object (Installer#generate_instructions).
  bool permission_applies(const PermissionSpec& permission);

  // Whether the permission would apply to `directory`, one of created_directories().
  bool permission_applies_to_directory(const PermissionSpec& permission, const std::string& directory);

  // The directories Install would create, in the order it meets them.
  const std::vector<std::string>& created_directories() const { return mkdir_order_; }

 private:
  bool is_directory(const std::string& path);
  void add_missing_directories(std::string directory);
  // The object is a directory the install creates or one that exists (the agent's condition for
  // matching below it).
  bool object_is_directory(const PermissionSpec& permission);
  bool matches(const PermissionSpec& permission, const std::string& path) const;

  std::string cwd_;
  std::unordered_set<std::string> copies_;
  std::vector<std::string> copy_order_;
  std::set<std::string> mkdirs_;
  std::vector<std::string> mkdir_order_;
  std::unordered_map<std::string, bool> directories_;
};

}  // namespace cdrun
