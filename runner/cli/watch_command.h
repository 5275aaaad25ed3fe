// `cdrun watch DEPLOYMENT_ID`: follow a CodeDeploy deployment until it ends, per target and
// lifecycle event, as text lines, one JSON document or a JUnit report.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace cdrun {

// Exit status: 0 Succeeded, 1 Failed, 3 Stopped, 4 timed out (still running), 2 usage error or
// cannot watch (no such deployment, access denied, no credentials or region).
int run_watch_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                      std::ostream& err);

}  // namespace cdrun
