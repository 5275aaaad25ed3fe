#include "runner/cli/status_command.h"

#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <vector>

#include "appspec/core/diagnostic.h"

#include "runner/layout/agent_config.h"
#include "runner/cli/cli_error.h"
#include "runner/cli/command_line.h"
#include "runner/report/status_render.h"
#include "runner/plan/status_scan.h"

namespace cdrun {
namespace {

// A mistyped -g would otherwise show an empty group, as if it had never been deployed.
std::string unknown_group_message(const std::string& group, const std::string& root,
                                  const std::vector<std::string>& groups) {
  std::string message = "the deployment root " + root + " has no deployment group \"" + group + "\"";
  if (groups.empty()) return message + " (it has none: nothing has been deployed there yet)";
  // A root is normally a handful of groups; a wrong --root-dir can hold any number of directories.
  constexpr std::size_t kNamesShown = 10;
  std::string names;
  for (std::size_t i = 0; i < groups.size() && i < kNamesShown; ++i) names += (i ? ", " : "") + groups[i];
  if (groups.size() > kNamesShown) names += " and " + std::to_string(groups.size() - kNamesShown) + " more";
  message += " (it has: " + names + ")";
  const std::string close = did_you_mean(group, groups);
  return close.empty() ? message : message + "; did you mean \"" + close + "\"?";
}

}  // namespace

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
  if (options.group) {
    const std::vector<std::string> groups = deployment_groups(root);
    if (std::find(groups.begin(), groups.end(), *options.group) == groups.end()) {
      err << format_cli_error(unknown_group_message(*options.group, root, groups)) << "\n";
      return kExitUsage;
    }
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
  app.add_option("--format", options.format, "Output format: text, or json (every cleanup path, mtimes)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  if (std::optional<int> status = parse_command_line(app, args, out, err, kExitUsage)) return *status;
  return report_exceptions(err, [&] { return run_status(options, out, err); });
}

}  // namespace cdrun
