// The whole command line: which subcommand runs, the top-level help, and `codedeploy-local`.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace cdrun {

// `words` is argv (argv[0] first). Started as `codedeploy-local` (argv[0]'s last component) it is
// `cdrun deploy` in the agent's dialect; otherwise words[1] names the subcommand. Returns the exit
// status.
int run_cdrun(const std::vector<std::string>& words, std::ostream& out, std::ostream& err);

}  // namespace cdrun
