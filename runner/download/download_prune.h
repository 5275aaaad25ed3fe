// The max_revisions rule of DownloadBundle (agent-behavior.md §2.1), with the failure the public
// prune_old_deployments() (download_step.h) cannot report.
#pragma once

#include <string>
#include <vector>

#include "runner/layout/deployment_layout.h"

namespace cdrun::download {

struct PruneResult {
  std::vector<std::string> removed;  // absolute paths, oldest first
  std::string error;                 // "Error deleting directories: <path>: <why>"; empty on success
};

PruneResult prune_deployments(const DeploymentLayout& layout, int archives_to_retain);

}  // namespace cdrun::download
