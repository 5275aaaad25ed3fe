#include "runner/plan/plan_install_access.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <optional>
#include <set>
#include <unordered_set>

#include "host/accounts/accounts.h"
#include "runner/fs/ruby_paths.h"
#include "runner/install/install_generate.h"
#include "runner/plan/plan_install_objects.h"

namespace cdrun {
namespace {

std::string expand(const std::string& path, const std::string& cwd) {
  return ruby_expand_path(path, cwd, TildePrefix::home);
}

std::string reason_of(int error) {
  switch (error) {
    case EACCES:
    case EPERM: return "permission denied";
    case EROFS: return "read-only file system";
    case ENOTDIR:
    case EEXIST: return "not a directory";
    default: {
      std::string text = std::strerror(error);
      if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
      return text;
    }
  }
}

InstallAccessProblem problem(const std::string& destination, const std::string& blocking, int error, const char* function,
                             const std::string& failing_path) {
  return {destination, blocking, reason_of(error), std::string(std::strerror(error)) + " @ " + function + " - " + failing_path,
          error};
}

// Whether this process may add entries to `directory`: write and search, with the effective ids as
// the kernel will check them at mkdir and open time. 0, or the errno (EROFS even for root).
int directory_write_error(const std::string& directory) {
  if (::faccessat(AT_FDCWD, directory.c_str(), W_OK | X_OK, AT_EACCESS) == 0) return 0;
  return errno;
}

// The first thing Install does inside an existing destination: mkdir of the first directory below
// it that the first target needs, or the copy (open for writing) of the target itself.
std::pair<const char*, std::string> first_write_in(const std::string& destination, const std::string& first_target) {
  const std::string relative = first_target.substr(destination == "/" ? 1 : destination.size() + 1);
  const size_t slash = relative.find('/');
  if (slash == std::string::npos) return {"rb_sysopen", first_target};
  return {"dir_s_mkdir", ruby_file_join(destination, relative.substr(0, slash))};
}

std::optional<InstallAccessProblem> check_destination(const PlanFileMapping& mapping, const std::string& destination,
                                                      const std::string& cwd) {
  struct stat info {};
  if (::stat(destination.c_str(), &info) == 0) {
    if (mapping.targets.empty()) return std::nullopt;  // an empty directory source writes nothing into it
    const std::string first_target = expand(mapping.targets.front(), cwd);
    if (!S_ISDIR(info.st_mode)) {
      // A directory source mkdirs the destination, which exists as a file; a file source opens
      // destination/<basename> below a file.
      if (mapping.source_is_directory) return problem(destination, destination, EEXIST, "dir_s_mkdir", destination);
      return problem(destination, destination, ENOTDIR, "rb_sysopen", first_target);
    }
    const int error = directory_write_error(destination);
    if (error == 0) return std::nullopt;
    const auto [function, path] = first_write_in(destination, first_target);
    return problem(destination, destination, error, function, path);
  }
  // Missing: the agent creates the missing ancestors top-down, starting below the first that exists.
  std::string child = destination;
  std::string parent = ruby_dirname(destination);
  while (parent != "/" && ::stat(parent.c_str(), &info) != 0) {
    child = parent;
    parent = ruby_dirname(parent);
  }
  if (parent == "/" && ::stat("/", &info) != 0) return std::nullopt;
  if (!S_ISDIR(info.st_mode)) return problem(destination, parent, ENOTDIR, "dir_s_mkdir", child);
  const int error = directory_write_error(parent);
  if (error == 0) return std::nullopt;
  return problem(destination, parent, error, "dir_s_mkdir", child);
}

}  // namespace

std::vector<InstallAccessProblem> find_install_access_problems(const std::vector<PlanFileMapping>& mappings,
                                                               const std::string& cwd) {
  std::vector<InstallAccessProblem> problems;
  std::unordered_set<std::string> seen;
  for (const PlanFileMapping& mapping : mappings) {
    const std::string destination = expand(mapping.destination, cwd);
    if (!seen.insert(destination).second) continue;
    if (std::optional<InstallAccessProblem> found = check_destination(mapping, destination, cwd)) {
      problems.push_back(std::move(*found));
    }
  }
  return problems;
}

std::vector<UnknownAccount> find_unknown_accounts(const std::vector<PlanFileMapping>& mappings,
                                                  const std::vector<PermissionSpec>& permissions, const std::string& cwd) {
  std::vector<UnknownAccount> unknown;
  bool any_account = false;
  for (const PermissionSpec& permission : permissions) any_account = any_account || permission.owner || permission.group;
  if (!any_account) return unknown;  // the common case costs no stat at all
  InstalledObjects objects(mappings, cwd);
  accounts::IdsByName ids;
  std::set<std::pair<bool, std::string>> reported;
  for (const PermissionSpec& permission : permissions) {
    const bool owner = permission.owner && !permission_value_is_integer(permission, "owner");
    const bool group = permission.group && !permission_value_is_integer(permission, "group");
    if ((!owner && !group) || !objects.permission_applies(permission)) continue;
    if (owner && !ids.uid(*permission.owner) && reported.emplace(false, *permission.owner).second) {
      unknown.push_back({false, *permission.owner, permission.object, "can't find user for " + *permission.owner});
    }
    if (group && !ids.gid(*permission.group) && reported.emplace(true, *permission.group).second) {
      unknown.push_back({true, *permission.group, permission.object, "can't find group for " + *permission.group});
    }
  }
  return unknown;
}

}  // namespace cdrun
