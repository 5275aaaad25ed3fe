// codedeploy-local's command line (agent-behavior.md §7.1), with docopt's rules: long options by
// unique prefix, "--opt value" or "--opt=value", "-l value" or "-lvalue"; plus cdrun's additions.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cdrun {

struct DeployOptions {
  std::optional<std::string> bundle_location;         // -l (default: the current directory)
  std::string type = "directory";                     // -t
  std::string file_exists_behavior = "DISALLOW";      // -b (upper-cased when used)
  std::string deployment_group = "default-local-deployment-group";  // -g
  std::optional<std::string> deployment_group_name;   // -d (default LocalFleet)
  std::optional<std::string> application_name;        // -a (default: the -l string as given)
  std::optional<std::string> events;                  // -e
  std::optional<std::string> agent_configuration_file;  // -c
  std::optional<std::string> appspec_filename;        // -A
  // cdrun's own.
  std::optional<std::string> root_dir;                // --root-dir
  std::string format = "text";                        // --format text|json
  bool ignore_application_stop_failures = false;      // --ignore-application-stop-failures
  std::string agent_version = "all";                  // plan only: --agent-version 1.8|2|all
  std::optional<std::string> github_token;            // --github-token (else GITHUB_TOKEN, CODEDEPLOY_GITHUB_TOKEN)
  bool help = false;
  bool version = false;
};

struct DeployParse {
  DeployOptions options;
  std::string error;  // docopt's words: "--bogus is not recognized", "--type requires argument", ...
  // The same problem in the words every cdrun subcommand uses: "unknown option '--bogus'",
  // "--type needs a value", ...
  std::string cdrun_error;
};

// Whose options: deploy's (codedeploy-local's and cdrun's), or plan's, which adds its own. A long
// option's unique prefix is taken among the options of that set only, so plan's additions change no
// prefix `cdrun deploy` accepts.
enum class DeployOptionSet { deploy, plan };

DeployParse parse_deploy_options(const std::vector<std::string>& args, DeployOptionSet set = DeployOptionSet::deploy);

// The help text (docopt usage and options), with `program` as the command name.
std::string deploy_usage(const std::string& program);
std::string deploy_help(const std::string& program, DeployOptionSet set = DeployOptionSet::deploy);

}  // namespace cdrun
