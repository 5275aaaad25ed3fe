// `cdrun onprem renew`: replace the session credentials that `cdrun onprem configure` wrote, when
// they are due, once (for a systemd timer or cron) or in a loop (--daemon).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace cdrun {

// Returns 0 (renewed, or not due yet; --daemon: stopped by SIGTERM/SIGINT), 1 (AWS or network
// failure: the old credentials stay) or 2 (usage or local configuration error).
int run_onprem_renew(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                     std::ostream& err);

}  // namespace cdrun
