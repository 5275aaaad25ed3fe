// cdrun: one binary, one file per subcommand. Installed as `codedeploy-local` (a link), it behaves
// as `cdrun deploy` so existing scripts keep working.
#include <CLI/CLI.hpp>

#include <iostream>
#include <string>
#include <vector>

#include "runner/cli/cli_error.h"
#include "runner/cli/deploy_command.h"
#include "runner/cli/exec_command.h"
#include "runner/cli/onprem/onprem_command.h"
#include "runner/cli/role_command.h"
#include "runner/cli/plan_command.h"
#include "runner/cli/status_command.h"
#include "runner/cli/validate_command.h"

namespace {

std::string basename_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// deploy keeps codedeploy-local's own option syntax (docopt prefixes, its messages, exit 1).
int dispatch_deploy_like(int argc, char** argv, int first, const std::string& program) {
  std::vector<std::string> args(argv + first, argv + argc);
  return cdrun::run_deploy_command(args, program, std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string self = argc > 0 ? argv[0] : "cdrun";
  if (basename_of(self) == "codedeploy-local") return dispatch_deploy_like(argc, argv, 1, self);
  if (argc > 1 && std::string(argv[1]) == "deploy") return dispatch_deploy_like(argc, argv, 2, self + " deploy");
  // plan takes exactly deploy's options, so it shares deploy's parser rather than CLI11.
  if (argc > 1 && std::string(argv[1]) == "plan") {
    std::vector<std::string> args(argv + 2, argv + argc);
    return cdrun::run_plan_command(args, self + " plan", std::cout, std::cerr);
  }

  // Each of these parses its own options (exec passes everything after `--` to the command).
  if (argc > 1) {
    const std::string sub = argv[1];
    std::vector<std::string> args(argv + 2, argv + argc);
    if (sub == "exec") return cdrun::run_exec_command(args, self + " exec", std::cout, std::cerr);
    if (sub == "role") return cdrun::run_role_command(args, self + " role", std::cout, std::cerr);
    if (sub == "onprem") return cdrun::run_onprem_command(args, self + " onprem", std::cout, std::cerr);
  }

  CLI::App app{"cdrun: try AWS CodeDeploy appspecs and bundles before the agent does\n"
               "  cdrun validate [PATH]   check an appspec or bundle (see cdrun validate --help)\n"
               "  cdrun deploy [OPTIONS]  a local deployment, as codedeploy-local (see cdrun deploy --help)\n"
               "  cdrun plan [OPTIONS]    what cdrun deploy would do, changing nothing (see cdrun plan --help)\n"
               "  cdrun status            what a deployment root holds (see cdrun status --help)\n"
               "  cdrun exec [OPTIONS] -- COMMAND [ARGS]  run one command as a hook should (cdrun exec --help)\n"
               "  cdrun role render ...   IAM policies and a CloudFormation template (cdrun role --help)\n"
               "  cdrun onprem configure|renew ...  STS session credentials for an on-premises host"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("cdrun 0.1.0"));
  cdrun::ValidateOptions validate;
  cdrun::add_validate_command(app, validate);
  cdrun::StatusOptions status;
  cdrun::add_status_command(app, status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return cdrun::kExitUsage;
  }
  try {
    if (app.got_subcommand("validate")) return cdrun::run_validate(validate, std::cout, std::cerr);
    if (app.got_subcommand("status")) return cdrun::run_status(status, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << cdrun::format_cli_error(e.what()) << "\n";
    return cdrun::kExitUsage;
  }
  return cdrun::kExitUsage;
}
