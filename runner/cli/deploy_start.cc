#include "runner/cli/deploy_start.h"

#include "runner/cli/command_line.h"

namespace cdrun {
namespace {

// codedeploy-local exits 1 for every option error (docopt's exit, rescued by its bin script).
constexpr int kExitDeployUsage = 1;

// The version codedeploy-local's docopt prints (agent-behavior.md §7.1).
constexpr const char* kCodedeployLocalVersion = "1.0";

}  // namespace

std::optional<int> start_deploy_command(const std::vector<std::string>& args, const DeployCommandName& name,
                                        const std::string& help_text, std::ostream& out, std::ostream& err,
                                        DeployOptions& options) {
  const bool agent = name.dialect == DeployDialect::codedeploy_local;
  DeployParse parsed = parse_deploy_options(args, name.options);
  if (!parsed.error.empty()) {
    if (agent) {
      out << parsed.error << "\n" << deploy_usage(name.program);
    } else {
      write_usage_error(err, name.program, parsed.cdrun_error);
    }
    return kExitDeployUsage;
  }
  options = std::move(parsed.options);
  if (options.help) {
    out << help_text;
    return 0;
  }
  if (options.version) {
    out << (agent ? kCodedeployLocalVersion : kCdrunVersion) << "\n";
    return 0;
  }
  if (options.format != "text" && options.format != "json") {
    // cdrun's own option: not one of the agent's ERROR lines, a usage error in either dialect.
    write_usage_error(err, name.program, "--format must be text or json, not '" + options.format + "'");
    return kExitDeployUsage;
  }
  if (options.agent_version != "1.8" && options.agent_version != "2" && options.agent_version != "all") {
    write_usage_error(err, name.program, "--agent-version must be 1.8, 2 or all, not '" + options.agent_version + "'");
    return kExitDeployUsage;
  }
  return std::nullopt;
}

int print_deploy_error(std::ostream& out, const std::string& message, const std::string& hint) {
  out << "ERROR: " << message << "\n";
  if (!hint.empty()) out << "hint: " << hint << "\n";
  return 1;
}

}  // namespace cdrun
