// `cdrun onprem configure`: assume the on-premises role once, write the agent's credentials file and
// codedeploy.onpremises.yml, remember the settings for `cdrun onprem renew`, and register the
// instance (or print the commands that do).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace cdrun {

// Returns 0, 1 (AWS or network failure) or 2 (usage or local configuration error).
int run_onprem_configure(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                         std::ostream& err);

}  // namespace cdrun
