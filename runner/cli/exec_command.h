// `cdrun exec`: see exec_command.cc.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace cdrun {

// `args` are the arguments after the subcommand name; `program` names the command in usage text.
// Returns the process exit status.
int run_exec_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                     std::ostream& err);

}  // namespace cdrun
