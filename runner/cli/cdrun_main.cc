#include "runner/cli/cdrun_main.h"

#include "runner/cli/bundle_command.h"
#include "runner/cli/cli_error.h"
#include "runner/cli/command_line.h"
#include "runner/cli/deploy_command.h"
#include "runner/cli/exec_command.h"
#include "runner/cli/onprem/onprem_command.h"
#include "runner/cli/plan_command.h"
#include "runner/cli/push_command.h"
#include "runner/cli/role_command.h"
#include "runner/cli/status_command.h"
#include "runner/cli/validate_command.h"
#include "runner/cli/watch_command.h"

namespace cdrun {
namespace {

struct Subcommand {
  const char* name;
  const char* summary;  // one line of `cdrun --help`
  CommandRunner run;
};

int run_cdrun_deploy(const std::vector<std::string>& args, const std::string&, std::ostream& out,
                     std::ostream& err) {
  return run_deploy_command(args, DeployDialect::cdrun, out, err);
}

const std::vector<Subcommand>& subcommands() {
  static const std::vector<Subcommand> table{
      {"validate", "Check an appspec or a bundle the way CodeDeploy will", run_validate_command},
      {"bundle", "Validate a bundle directory, then write it as a deterministic zip/tar/tgz", run_bundle_command},
      {"push", "Upload a bundle to S3 and register it as a CodeDeploy revision (and deploy it)", run_push_command},
      {"watch", "Follow a CodeDeploy deployment until it ends, per target and lifecycle event", run_watch_command},
      {"deploy", "Run a local deployment with the agent's semantics, as codedeploy-local", run_cdrun_deploy},
      {"plan", "Show what `cdrun deploy` would do with the same options, changing nothing", run_plan_command},
      {"status", "Show what a deployment root holds, per deployment group (read-only)", run_status_command},
      {"exec", "Run one command as a hook should: time limit, whole process tree, log", run_exec_command},
      {"role", "Render IAM policies and a CloudFormation template for CodeDeploy", run_role_command},
      {"onprem", "STS session credentials for an on-premises host: configure, renew", run_onprem_command},
  };
  return table;
}

std::vector<std::string> subcommand_names() {
  std::vector<std::string> names;
  for (const Subcommand& sub : subcommands()) names.emplace_back(sub.name);
  return names;
}

const Subcommand* find_subcommand(const std::string& name) {
  for (const Subcommand& sub : subcommands()) {
    if (name == sub.name) return &sub;
  }
  return nullptr;
}

void write_help(std::ostream& out) {
  out << "cdrun: try AWS CodeDeploy appspecs and bundles before the agent does\n\n"
      << "Usage: cdrun SUBCOMMAND [OPTIONS]\n"
      << "       cdrun help SUBCOMMAND\n"
      << "       cdrun --version\n\n"
      << "Subcommands:\n";
  for (const Subcommand& sub : subcommands()) {
    out << "  " << sub.name << std::string(10 - std::string(sub.name).size(), ' ') << sub.summary << "\n";
  }
  out << "\nRun 'cdrun SUBCOMMAND --help' (or 'cdrun help SUBCOMMAND') for its options.\n";
}

// "cdrun: unknown subcommand ..." for a word that names none; exits as a usage error.
int refuse_subcommand(const std::string& word, std::ostream& err) {
  refuse_subcommand_word(err, "cdrun", word, subcommand_names());
  return kExitUsage;
}

}  // namespace

int run_cdrun(const std::vector<std::string>& words, std::ostream& out, std::ostream& err) {
  const std::string self = words.empty() ? "cdrun" : words.front();
  if (self.substr(self.rfind('/') + 1) == "codedeploy-local") {
    return run_deploy_command({words.begin() + 1, words.end()}, DeployDialect::codedeploy_local, out, err);
  }
  if (words.size() < 2) {
    write_help(err);
    return kExitUsage;
  }
  const std::string& first = words[1];
  if (first == "--help" || first == "-h" || (first == "help" && words.size() == 2)) {
    write_help(out);
    return kExitOk;
  }
  if (first == "--version") {
    out << kCdrunVersion << "\n";
    return kExitOk;
  }
  if (first == "help") {
    // `cdrun help role render` is `cdrun role render --help`.
    const Subcommand* sub = find_subcommand(words[2]);
    if (!sub) return refuse_subcommand(words[2], err);
    std::vector<std::string> args(words.begin() + 3, words.end());
    args.emplace_back("--help");
    return sub->run(args, std::string("cdrun ") + sub->name, out, err);
  }
  const Subcommand* sub = find_subcommand(first);
  if (!sub) return refuse_subcommand(first, err);
  return sub->run({words.begin() + 2, words.end()}, std::string("cdrun ") + sub->name, out, err);
}

}  // namespace cdrun
