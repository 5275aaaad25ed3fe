// What the Install step would meet on this host that no appspec check can see: a destination the
// deploying user cannot create or write, and a permissions owner or group this host does not know.
// The agent meets both only after it has removed the previous install, half-way through the step
// (agent-behavior.md §4.1, §4.6), so plan says so before anything is touched.
#pragma once

#include <string>
#include <vector>

#include "appspec/agent/model.h"
#include "runner/plan/plan_model.h"

namespace cdrun {

// A destination Install cannot write: what blocks it and the Errno message the agent prints
// (Ruby's "<strerror> @ <function> - <path>", as the install room words it).
struct InstallAccessProblem {
  std::string destination;    // expanded against cwd, as the agent's commands use it
  std::string blocking;       // the existing directory (or non-directory) that stops it
  std::string reason;         // "permission denied", "read-only file system", "not a directory", ...
  std::string agent_message;  // e.g. "Permission denied @ dir_s_mkdir - /opt/app"
  int error = 0;              // the errno behind it (EACCES, EROFS, ENOTDIR, EEXIST)
};

// Each destination once, in appspec order. Checked with the effective ids of this process, so a
// root run meets only read-only file systems and files in the way.
std::vector<InstallAccessProblem> find_install_access_problems(const std::vector<PlanFileMapping>& mappings,
                                                               const std::string& cwd);

// A permissions owner or group that does not exist here, on an entry that would apply to something
// this install puts in place (entries that match nothing are ignored by the agent, §4.6).
struct UnknownAccount {
  bool is_group = false;
  std::string name;
  std::string object;         // the permission's object, as written
  std::string agent_message;  // agent 1.8's ArgumentError: "can't find user for <name>"
};

// Each name once, in appspec order. Integer owners and groups are left out: they fail otherwise.
std::vector<UnknownAccount> find_unknown_accounts(const std::vector<PlanFileMapping>& mappings,
                                                  const std::vector<PermissionSpec>& permissions, const std::string& cwd);

}  // namespace cdrun
