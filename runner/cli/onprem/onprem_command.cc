// `cdrun onprem configure|renew`: STS session credentials for an on-premises CodeDeploy agent.
#include "runner/cli/onprem/onprem_command.h"

#include "runner/cli/cli_error.h"
#include "runner/cli/onprem/onprem_configure.h"
#include "runner/cli/onprem/onprem_renew.h"

namespace cdrun {
namespace {

void usage(const std::string& program, std::ostream& out) {
  out << "Usage: " << program << " configure|renew [OPTIONS]\n\n"
      << "IAM-session credentials for an on-premises CodeDeploy agent (the registration method AWS recommends):\n"
      << "  configure  assume the instance role, write the agent's credentials file and codedeploy.onpremises.yml,\n"
      << "             and register the instance (--register) or print the commands that do\n"
      << "  renew      replace the session credentials when due; run it every 15 minutes (timer/cron) or --daemon\n\n"
      << "See `" << program << " configure --help` and `" << program << " renew --help`.\n"
      << "Exit status: 0 ok (renew: also not due), 1 AWS or network failure, 2 usage or configuration error.\n";
}

}  // namespace

int run_onprem_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                       std::ostream& err) {
  if (args.empty()) {
    usage(program, err);
    return kExitUsage;
  }
  const std::string& sub = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (sub == "-h" || sub == "--help" || sub == "help") {
    usage(program, out);
    return kExitOk;
  }
  if (sub == "configure") return run_onprem_configure(rest, program + " configure", out, err);
  if (sub == "renew") return run_onprem_renew(rest, program + " renew", out, err);
  err << format_cli_error("unknown onprem subcommand \"" + sub + "\" (configure or renew)") << "\n";
  return kExitUsage;
}

}  // namespace cdrun
