// The agent's on-disk deployment root (agent-behavior.md §2), byte-compatible so that a root
// written by the agent can be continued by cdrun and back.
#pragma once

#include <string>

namespace cdrun {

struct DeploymentLayout {
  std::string root_dir;      // :root_dir: as configured (may end in '/')
  std::string group_id;      // --deployment-group, the directory name under root_dir
  std::string deployment_id; // d-XXXXXXXXX-local
  std::string program_name = "codedeploy-agent";

  // "<root_dir>/<group>/<id>": string interpolation as codedeploy-local prints it.
  std::string printed_deployment_dir() const;
  // File.join form used for every file operation (no doubled '/').
  std::string group_dir() const;
  std::string deployment_dir() const;
  std::string archive_dir() const;       // <deployment>/deployment-archive
  std::string archive_temp_dir() const;  // <deployment>/deployment-archive-temp
  std::string bundle_file() const;       // <deployment>/bundle.tar (always this name)
  std::string logs_dir() const;          // <deployment>/logs
  std::string scripts_log() const;       // <deployment>/logs/scripts.log
  std::string instructions_dir() const;  // <root>/deployment-instructions
  std::string last_successful_file() const;  // <group>_last_successful_install
  std::string most_recent_file() const;      // <group>_most_recent_install
  std::string cleanup_file() const;          // <group>-cleanup
  std::string install_json_file() const;     // <group>-install.json
  std::string deployment_logs_dir() const;   // <root>/deployment-logs
  std::string deployments_log() const;       // <root>/deployment-logs/<program_name>-deployments.log
  std::string lock_file() const;             // <root>/.cdrun-lock (cdrun's own; ignored by the agent)
};

// Joins like Ruby's File.join: exactly one '/' between parts.
std::string join_path(const std::string& a, const std::string& b);

// Reads a deployment-instructions path file (no trailing newline; chomp on read). Empty when absent.
std::string read_instruction_path(const std::string& file);
// Writes it atomically (temp file + rename), without a trailing newline, as the agent does.
bool write_instruction_path(const std::string& file, const std::string& deployment_dir, std::string* error);

}  // namespace cdrun
