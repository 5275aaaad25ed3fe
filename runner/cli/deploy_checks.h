// codedeploy-local's CLIValidator (agent-behavior.md §7.3), messages verbatim, for local bundles.
#pragma once

#include <optional>
#include <string>

#include "appspec/bundle/bundle.h"
#include "runner/layout/agent_config.h"
#include "runner/cli/deploy_options.h"

namespace cdrun {

struct LocalBundle {
  std::string location;  // as given (also APPLICATION_NAME's default)
  std::string path;      // File.expand_path of the local path
  std::string type;      // tgz | tar | zip | directory
};

struct DeployCheck {
  std::optional<LocalBundle> bundle;
  std::string error;  // the agent's ValidationError message (printed as "ERROR: <message>")
};

// `cwd` is the process working directory, the default bundle location.
DeployCheck check_deploy_options(const DeployOptions& options, const std::string& cwd);

// The agent configuration deploy and plan use: -c (else the default file), --root-dir over
// :root_dir:, the defaults for what is unset, and a valid :max_revisions:. `error` is the message
// printed as "ERROR: <message>".
AgentConfigLoad resolve_deploy_config(const DeployOptions& options);

std::string process_working_directory();
BundleKind bundle_kind_of(const std::string& type);  // tgz | tar | zip | directory
std::string upper_case(std::string text);            // as the agent upcases -b

}  // namespace cdrun
