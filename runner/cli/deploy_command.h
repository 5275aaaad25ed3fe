// `cdrun deploy` (and cdrun installed as `codedeploy-local`): a local deployment with the agent's
// semantics, accepting every codedeploy-local option.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "runner/cli/deploy_start.h"

namespace cdrun {

// `dialect` says whether it answers as `cdrun deploy` or as `codedeploy-local`. Returns the exit
// status: 0 success, 1 failure (as codedeploy-local: also for option and validation errors).
int run_deploy_command(const std::vector<std::string>& args, DeployDialect dialect, std::ostream& out,
                       std::ostream& err);

}  // namespace cdrun
