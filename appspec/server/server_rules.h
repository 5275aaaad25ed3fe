// cdrun's own checks of an EC2/on-premises appspec: what the agent accepts but production will
// trip over (appspec-reference.md §6, agent-behavior.md §9), beyond the agent's own verdict.
#pragma once

#include <optional>
#include <string>

#include "appspec/agent/agent_parser.h"
#include "appspec/core/diagnostic.h"

namespace cdrun {

struct ServerCheckInput {
  const AgentVerdict* verdict = nullptr;
  std::string file;                             // the appspec's display name
  std::optional<std::string> events;            // codedeploy-local --events, as given
  std::optional<std::string> appspec_filename;  // codedeploy-local --appspec-filename
};

Diagnostics check_server_appspec(const ServerCheckInput& input);

// Parts, one file each.
Diagnostics check_server_structure(const yaml::Node& root, const std::string& file);
Diagnostics check_server_hooks(const Ec2AppSpec& spec, const yaml::Node& root, const std::string& file);
Diagnostics check_server_files(const Ec2AppSpec& spec, const yaml::Node& root, const std::string& file);
Diagnostics check_server_permissions(const Ec2AppSpec& spec, const yaml::Node& root, const std::string& file);
Diagnostics check_events_option(const std::string& events, const Ec2AppSpec* spec, const std::string& file);

// The lifecycle events (agent-behavior.md §1.1), shared with the deployment engine.
const std::vector<std::string>& server_script_events();    // the nine events that take scripts
const std::vector<std::string>& server_reserved_events();  // Start, DownloadBundle, Install, ...

}  // namespace cdrun
