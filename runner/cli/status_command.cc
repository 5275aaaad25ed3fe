#include "runner/cli/status_command.h"

#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "runner/layout/agent_config.h"
#include "runner/cli/cli_error.h"
#include "runner/cli/command_line.h"
#include "runner/report/status_render.h"
#include "runner/plan/status_scan.h"

namespace cdrun {

int run_status(const StatusOptions& options, std::ostream& out, std::ostream& err) {
  std::string root;
  if (options.root_dir) {
    root = *options.root_dir;
  } else {
    AgentConfigLoad config = load_agent_config(options.config_file, kDefaultAgentConfig);
    if (!config.error.empty()) {
      err << format_cli_error(config.error) << "\n";
      return kExitUsage;
    }
    apply_default_locations(config.config, ::geteuid() == 0);
    root = config.config.root_dir;
  }
  struct stat info {};
  if (::stat(root.c_str(), &info) != 0) {
    err << format_cli_error("the deployment root " + root + " does not exist: nothing has been deployed there yet " +
                            "(give the root with --root-dir, or :root_dir: in the agent configuration)")
        << "\n";
    return kExitUsage;
  }
  if (!S_ISDIR(info.st_mode)) {
    err << format_cli_error("the deployment root " + root + " is not a directory") << "\n";
    return kExitUsage;
  }
  const RootStatus status = scan_deployment_root(root, options.group);
  if (options.format == "json") {
    write_status_json(out, status);
  } else {
    write_status_text(out, status);
  }
  return kExitOk;
}

int run_status_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                       std::ostream& err) {
  CLI::App app{"Show what a deployment root holds, per deployment group (read-only)", program};
  StatusOptions options;
  app.add_option("-g,--deployment-group", options.group, "Only this deployment group (default: every group)");
  app.add_option("--root-dir", options.root_dir, "Deployment root (default: :root_dir: of the agent configuration)");
  app.add_option("-c,--agent-configuration-file", options.config_file,
                 std::string("Agent configuration (default: ") + kDefaultAgentConfig + ")");
  app.add_option("--format", options.format, "Output format")->check(CLI::IsMember({"text", "json"}));
  if (std::optional<int> status = parse_command_line(app, args, out, err, kExitUsage)) return *status;
  return report_exceptions(err, [&] { return run_status(options, out, err); });
}

}  // namespace cdrun
