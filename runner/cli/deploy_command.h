// `cdrun deploy` (and cdrun installed as `codedeploy-local`): a local deployment with the agent's
// semantics, accepting every codedeploy-local option.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace cdrun {

// `program` names the command in usage text. Returns the exit status: 0 success, 1 failure
// (as codedeploy-local: also for option and validation errors).
int run_deploy_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                       std::ostream& err);

}  // namespace cdrun
