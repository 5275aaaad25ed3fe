// DownloadBundle for local bundles (agent-behavior.md §2.1, §3): prune old deployment directories
// (max_revisions), put the revision into <deployment>/deployment-archive, write
// <group>_most_recent_install. Directory bundles are copied; zip / tar / tgz bundles are linked as
// bundle.tar and extracted with libarchive, after every member was checked, so a hostile archive
// (absolute or ".." members, links leading outside, device files) is refused before anything is
// written.
#pragma once

#include <string>
#include <vector>

#include "appspec/bundle/bundle.h"
#include "runner/layout/agent_log.h"
#include "runner/layout/deployment_layout.h"

namespace cdrun {

struct DownloadRequest {
  DeploymentLayout layout;
  std::string bundle_path;   // absolute path of the local bundle (File.expand_path of --bundle-location)
  BundleKind bundle_kind = BundleKind::directory;
  int max_revisions = 5;     // archives to retain (validated by the caller)
};

struct DownloadResult {
  bool ok = false;
  // On failure: the agent's message where it has one ("Error extracting tar archive: 2", ...), or
  // cdrun's (refused hostile archive: names every offending member).
  std::string error;
  bool refused_hostile = false;       // cdrun refused the archive before writing anything
  std::vector<std::string> removed;   // deployment directories pruned by max_revisions
  bool stripped_top_directory = false;
};

// Runs the whole DownloadBundle step. Logs what the agent logs ("Handle local directory <path>",
// "Handle local file <deployment>/bundle.tar", "Stripping leading directory from archive bundle
// contents.") to `log`.
DownloadResult run_download_bundle(const DownloadRequest& request, AgentLog& log);

// Exposed for tests: the max_revisions rule alone. Returns the directories deleted.
std::vector<std::string> prune_old_deployments(const DeploymentLayout& layout, int archives_to_retain);

}  // namespace cdrun
