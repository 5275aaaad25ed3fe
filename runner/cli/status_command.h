// `cdrun status`: what a deployment root holds, per deployment group, for a user wondering which
// revision the next deployment's ApplicationStop will run and which files the next Install removes.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace cdrun {

struct StatusOptions {
  std::optional<std::string> group;        // -g: only this deployment group
  std::optional<std::string> root_dir;     // --root-dir (else the agent config's :root_dir:)
  std::optional<std::string> config_file;  // -c (else the default agent config file)
  std::string format = "text";             // text | json
};

// `cdrun status [OPTIONS]`: parses `args` (the words after "status"), then run_status. `program`
// names the command in help and messages; option errors exit 2.
int run_status_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                       std::ostream& err);

// Writes the report; returns 0, or 2 when the root does not exist, -g names a group the root does
// not have, or the configuration is unusable.
int run_status(const StatusOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cdrun
