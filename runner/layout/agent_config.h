// The agent's YAML configuration (agent-behavior.md §7.2, §8.2): ":root_dir: /path" lines with
// symbol keys. Values accumulate: the default file first, then -c's, later keys winning.
#pragma once

#include <optional>
#include <string>

namespace cdrun {

struct AgentConfig {
  std::string root_dir;
  std::string log_dir;
  std::string program_name = "codedeploy-agent";
  std::string max_revisions_text;  // as written; empty = unset (5)
  bool enable_deployments_log = true;
  std::string source;              // which files were read, for messages
  std::string log_dir_source;      // the file whose :log_dir: is in log_dir ("" when none set it)
  // The per-user directory apply_default_locations put root_dir or log_dir under ("" when none
  // was): deploy creates it first, so that a HOME it cannot write is named in one clear refusal.
  std::string per_user_dir;
};

constexpr const char* kDefaultAgentConfig = "/etc/codedeploy-agent/conf/codedeployagent.yml";

// Loads the configuration codedeploy-local would use. `explicit_file` is -c. Errors carry the
// agent's messages ("configuration file <p> does not exist or is not readable", "An error occurred
// loading the CodeDeploy agent config file at <p>. Error message: <e>").
struct AgentConfigLoad {
  AgentConfig config;
  std::string error;
};
AgentConfigLoad load_agent_config(const std::optional<std::string>& explicit_file, const std::string& default_file);

// Fills what no file set: the shipped defaults for root, and for a non-root user a deployment root
// under $XDG_STATE_HOME/cdrun (default ~/.local/state/cdrun, /tmp/cdrun without HOME), so no sudo
// is needed.
void apply_default_locations(AgentConfig& config, bool is_root);

// Where the local deployment log goes when the deployment root is given on the command line
// (--root-dir) and no -c file chose a :log_dir:: beside the deployments log in
// <root>/deployment-logs, so that a scratch root holds everything a run writes and needs neither
// HOME nor the installed agent's /var/log directory.
std::string log_dir_under_root(const std::string& root_dir);

// Integer(max_revisions) as Ruby reads it; nullopt when invalid or < 1.
std::optional<int> archives_to_retain(const AgentConfig& config);

}  // namespace cdrun
