// What the Install step would copy (agent-behavior.md §4.2), computed from the bundle listing, and
// which of those files already exist where the previous install's removal will not reach (§4.3, §4.5).
#pragma once

#include <string>
#include <vector>

#include "appspec/agent/model.h"
#include "runner/plan/plan_model.h"
#include "runner/plan/plan_revisions.h"

namespace cdrun {

// Every `files` entry with the files it installs: a directory source copies its contents
// recursively to destination/<relative path>; anything else goes to destination/<basename>;
// "source: /" is the whole revision.
std::vector<PlanFileMapping> map_install_files(const NewRevision& revision, const std::vector<FileSpec>& files);

// The targets that exist now and that removing the previous install (the group's cleanup list)
// leaves in place, in order, each once. Relative destinations are taken against `cwd`, as the agent
// does.
std::vector<std::string> find_install_conflicts(const std::vector<PlanFileMapping>& mappings,
                                                const std::string& cleanup_file, const std::string& cwd);

// DISALLOW refuses a file that exists; OVERWRITE and RETAIN never do. Any other deployment-level
// value fails too, with another message, when a file exists.
bool behavior_refuses_existing(const std::string& file_exists_behavior);

}  // namespace cdrun
