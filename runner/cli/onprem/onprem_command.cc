// `cdrun onprem configure|renew`: STS session credentials for an on-premises CodeDeploy agent.
#include "runner/cli/onprem/onprem_command.h"

#include "runner/cli/command_line.h"
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
  return run_command_group(args, program, {{"configure", run_onprem_configure}, {"renew", run_onprem_renew}}, usage,
                           out, err);
}

}  // namespace cdrun
