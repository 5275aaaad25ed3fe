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
// under $XDG_STATE_HOME/cdrun (default ~/.local/state/cdrun), so no sudo is needed.
void apply_default_locations(AgentConfig& config, bool is_root);

// Integer(max_revisions) as Ruby reads it; nullopt when invalid or < 1.
std::optional<int> archives_to_retain(const AgentConfig& config);

}  // namespace cdrun
