#include "runner/plan/plan_install_objects.h"

#include <sys/stat.h>

#include "runner/fs/ruby_paths.h"
#include "runner/install/install_generate.h"
#include "runner/install/install_instructions.h"

namespace cdrun {

InstalledObjects::InstalledObjects(const std::vector<PlanFileMapping>& mappings, std::string cwd) : cwd_(std::move(cwd)) {
  for (const PlanFileMapping& mapping : mappings) {
    const std::string destination = ruby_expand_path(mapping.destination, cwd_, TildePrefix::home);
    if (mapping.source_is_directory && !is_directory(destination)) add_missing_directories(destination);
    for (const std::string& target : mapping.targets) {
      const std::string expanded = ruby_expand_path(target, cwd_, TildePrefix::home);
      if (!copies_.insert(expanded).second) continue;
      copy_order_.push_back(expanded);
      add_missing_directories(ruby_dirname(expanded));
    }
  }
}

bool InstalledObjects::permission_applies(const PermissionSpec& permission) {
  const std::string object = ruby_expand_path(permission.object, cwd_, TildePrefix::home);
  if (copies_.count(object)) return permission_has_type(permission, "file");
  if (!object_is_directory(permission)) return false;
  if (permission_has_type(permission, "file")) {
    for (const std::string& target : copy_order_) {
      if (matches(permission, target)) return true;
    }
  }
  if (permission_has_type(permission, "directory")) {
    for (const std::string& directory : mkdirs_) {
      if (matches(permission, directory)) return true;
    }
  }
  return false;
}

bool InstalledObjects::permission_applies_to_directory(const PermissionSpec& permission, const std::string& directory) {
  return permission_has_type(permission, "directory") && object_is_directory(permission) && matches(permission, directory);
}

bool InstalledObjects::object_is_directory(const PermissionSpec& permission) {
  const std::string object = ruby_expand_path(permission.object, cwd_, TildePrefix::home);
  return !copies_.count(object) && (mkdirs_.count(object) || is_directory(object));
}

bool InstalledObjects::matches(const PermissionSpec& permission, const std::string& path) const {
  const std::string base = permission_base(permission.object, cwd_);
  return permission_matches_below(base, permission.pattern, path) && !permission_excepted_below(base, permission.except, path);
}

bool InstalledObjects::is_directory(const std::string& path) {
  const auto known = directories_.find(path);
  if (known != directories_.end()) return known->second;
  struct stat info {};
  const bool directory = ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
  directories_.emplace(path, directory);
  return directory;
}

// Top-down creation order: the agent makes the outermost missing ancestor first.
void InstalledObjects::add_missing_directories(std::string directory) {
  std::vector<std::string> missing;
  while (directory != "/" && !mkdirs_.count(directory) && !is_directory(directory)) {
    mkdirs_.insert(directory);
    missing.push_back(directory);
    directory = ruby_dirname(directory);
  }
  mkdir_order_.insert(mkdir_order_.end(), missing.rbegin(), missing.rend());
}

}  // namespace cdrun
