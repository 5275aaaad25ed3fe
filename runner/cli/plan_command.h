// `cdrun plan [deploy's options]`: what `cdrun deploy` with the same options would do, event by
// event, and what would make it fail, without changing anything on disk (no deployment root, no
// lock, no log).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace cdrun {

// `program` names the command in usage text. Returns 0 when no failure is predicted, 1 when one is
// (and, as deploy, for option and validation errors, printed as "ERROR: <message>").
int run_plan_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                     std::ostream& err);

}  // namespace cdrun
