// The Install command (agent-behavior.md §4): remove the previous install of this deployment group
// (its cleanup list), generate the copy/mkdir/permission instructions, write install.json, execute
// them while writing the new cleanup list, then write <group>_last_successful_install.
//
// cdrun does one thing differently (docs/deploy.md, how deploy differs from the agent): every conflict (DISALLOW, duplicate
// destinations) is found *before* the previous revision is removed, and the message lists every
// conflicting file; the agent deletes first and stops at the first one.
#pragma once

#include <string>
#include <vector>

#include "appspec/agent/model.h"
#include "runner/layout/agent_log.h"
#include "runner/layout/deployment_layout.h"

namespace cdrun {

struct InstallRequest {
  DeploymentLayout layout;
  std::string archive_dir;           // <deployment>/deployment-archive
  Ec2AppSpec appspec;                // parsed from app_spec_real_path (see below)
  std::string file_exists_behavior;  // deployment level (--file-exists-behavior), already upper-cased
};

enum class InstallErrorKind {
  none,
  runtime,      // a RuntimeError the agent leaves uncaught (DISALLOW, duplicates, bad behavior value, ...)
  system_call,  // an Errno::* the agent reports as "ERROR: <message>" (ENOENT source, EEXIST, ...)
  argument,     // an ArgumentError reported as "ERROR: <message>" (unknown user or group)
};

struct InstallResult {
  InstallErrorKind error_kind = InstallErrorKind::none;
  std::string error;                    // the agent's exact message
  std::vector<std::string> conflicts;   // every file that already exists (DISALLOW), for cdrun's message
  bool previous_removed = false;        // whether the previous install's files were removed
  size_t files_copied = 0;
  bool ok() const { return error_kind == InstallErrorKind::none; }
};

// Progress for long installs (called at most every few hundred milliseconds).
class InstallProgress {
 public:
  virtual ~InstallProgress() = default;
  virtual void on_progress(size_t done, size_t total) = 0;
};

InstallResult run_install(const InstallRequest& request, AgentLog& log, InstallProgress* progress = nullptr);

// The agent's app_spec_real_path: <archive>/<name> if it exists, else <archive>/appspec.yaml if it
// exists, else <archive>/appspec.yml.
std::string install_appspec_path(const std::string& archive_dir, const std::string& appspec_filename);

// Exposed for tests: the agent's permission pattern matcher (LinuxPermissionInfo#matches_pattern?
// and #matches_except?): only '*' is special and never across '/'; "**" matches everything below.
bool permission_matches(const PermissionSpec& permission, const std::string& path);
bool permission_excepted(const PermissionSpec& permission, const std::string& path);

}  // namespace cdrun
