// The start deploy and plan share: parse deploy's options, answer --help and --version, refuse a
// bad option or --format. Then each goes on with its own work.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "runner/cli/deploy_options.h"

namespace cdrun {

// How the command answers its usage: as cdrun's own subcommand, or as the agent's codedeploy-local
// (docopt's messages and usage on stdout, version "1.0"), which scripts written for it may read.
enum class DeployDialect { cdrun, codedeploy_local };

struct DeployCommandName {
  std::string program;  // "cdrun deploy", "cdrun plan", "codedeploy-local": usage lines and messages
  DeployDialect dialect = DeployDialect::cdrun;
  DeployOptionSet options = DeployOptionSet::deploy;
};

// Parses `args` into `options`. nullopt to go on; else the exit status after printing the help
// (`help_text`, 0), the version (0) or a usage error (1, as codedeploy-local).
std::optional<int> start_deploy_command(const std::vector<std::string>& args, const DeployCommandName& name,
                                        const std::string& help_text, std::ostream& out, std::ostream& err,
                                        DeployOptions& options);

// "ERROR: <message>" on `out`, as codedeploy-local reports what it refuses, then cdrun's
// "hint: <hint>" line when there is one; returns 1.
int print_deploy_error(std::ostream& out, const std::string& message, const std::string& hint = {});

}  // namespace cdrun
