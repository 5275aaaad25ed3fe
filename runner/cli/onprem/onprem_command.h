// `cdrun onprem`: see onprem_command.cc.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace cdrun {

// `args` are the arguments after the subcommand name; `program` names the command in usage text.
// Returns the process exit status.
int run_onprem_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                     std::ostream& err);

}  // namespace cdrun
