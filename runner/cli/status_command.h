// `cdrun status`: what a deployment root holds, per deployment group, for a user wondering which
// revision the next deployment's ApplicationStop will run and which files the next Install removes.
#pragma once

#include <optional>
#include <ostream>
#include <string>

namespace CLI {
class App;
}

namespace cdrun {

struct StatusOptions {
  std::optional<std::string> group;        // -g: only this deployment group
  std::optional<std::string> root_dir;     // --root-dir (else the agent config's :root_dir:)
  std::optional<std::string> config_file;  // -c (else the default agent config file)
  std::string format = "text";             // text | json
};

void add_status_command(CLI::App& app, StatusOptions& options);

// Writes the report; returns 0, or 2 when the root does not exist or the configuration is unusable.
int run_status(const StatusOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cdrun
