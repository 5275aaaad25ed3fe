// What agent 2.x's deploy-local does differently from codedeploy-local 1.8 in a plan
// (agent2-behavior.md §1.4, §3.2, §4.2, §4.5): the words plan uses for it, the directories its
// umask leaves closed, and the "all" plan (1.8's, with 2.x's differences beside it).
#pragma once

#include <string>
#include <vector>

#include "appspec/agent/model.h"
#include "runner/plan/plan_install_access.h"
#include "runner/plan/plan_model.h"

namespace cdrun {

// Why agent 2.x stops when its parser refuses the new appspec: deploy-local's validation line.
std::string agent2_refusal_hint(const std::string& appspec_filename, bool archive);

// Agent 2.x checks AppSpecFilename itself in the new revision, with no appspec.yaml fallback:
// before any event for a directory bundle, at DownloadBundle for an archive.
std::string agent2_missing_appspec_message(const std::string& appspec_filename, const std::string& bundle_path, bool archive,
                                           const std::string& root_dir, const std::string& group);

// How agent 2.x's installer words an OS error when Install runs: "IO error: " and Rust's io::Error
// ("No such file or directory (os error 2)"), with no path (agent2-behavior.md §4.2).
std::string agent2_install_io_error(int error);

// Agent 2.x's chown skips an owner or group the host does not know.
std::string agent2_unknown_account_message(const UnknownAccount& account);

// The directories Install would create (0750 under deploy-local's umask 0027) that no permissions
// entry with a mode reaches, in creation order.
std::vector<std::string> find_umask_directories(const std::vector<PlanFileMapping>& mappings,
                                                const std::vector<PermissionSpec>& permissions, const std::string& cwd);
std::string agent2_umask_message(const std::vector<std::string>& directories);

// The "all" plan: `plan` (1.8's) with, per event, what 2.x does when it differs, and 2.x's findings
// that 1.8's plan does not have, then its differences.
PlanReport merge_agent2_plan(PlanReport plan, const PlanReport& agent2);

}  // namespace cdrun
