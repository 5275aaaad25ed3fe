// codedeploy-local's CLIValidator (agent-behavior.md §7.3), messages verbatim, for local bundles.
#pragma once

#include <optional>
#include <string>

#include "runner/deploy_options.h"

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

}  // namespace cdrun
