#include "runner/cli/deploy_options.h"

#include <functional>

namespace cdrun {
namespace {

struct OptionSpec {
  char short_name;
  const char* long_name;
  bool takes_value;
  std::function<void(DeployOptions&, const std::string&)> set;
  bool plan_only = false;
};

const std::vector<OptionSpec>& option_specs() {
  static const std::vector<OptionSpec> specs{
      {'l', "bundle-location", true, [](DeployOptions& o, const std::string& v) { o.bundle_location = v; }},
      {'t', "type", true, [](DeployOptions& o, const std::string& v) { o.type = v; }},
      {'b', "file-exists-behavior", true, [](DeployOptions& o, const std::string& v) { o.file_exists_behavior = v; }},
      {'g', "deployment-group", true, [](DeployOptions& o, const std::string& v) { o.deployment_group = v; }},
      {'d', "deployment-group-name", true, [](DeployOptions& o, const std::string& v) { o.deployment_group_name = v; }},
      {'a', "application-name", true, [](DeployOptions& o, const std::string& v) { o.application_name = v; }},
      {'e', "events", true, [](DeployOptions& o, const std::string& v) { o.events = v; }},
      {'c', "agent-configuration-file", true, [](DeployOptions& o, const std::string& v) { o.agent_configuration_file = v; }},
      {'A', "appspec-filename", true, [](DeployOptions& o, const std::string& v) { o.appspec_filename = v; }},
      {0, "root-dir", true, [](DeployOptions& o, const std::string& v) { o.root_dir = v; }},
      {0, "github-token", true, [](DeployOptions& o, const std::string& v) { o.github_token = v; }},
      {0, "format", true, [](DeployOptions& o, const std::string& v) { o.format = v; }},
      {0, "ignore-application-stop-failures", false,
       [](DeployOptions& o, const std::string&) { o.ignore_application_stop_failures = true; }},
      {'h', "help", false, [](DeployOptions& o, const std::string&) { o.help = true; }},
      {'v', "version", false, [](DeployOptions& o, const std::string&) { o.version = true; }},
      {0, "agent-version", true, [](DeployOptions& o, const std::string& v) { o.agent_version = v; }, true},
  };
  return specs;
}

bool offered(const OptionSpec& spec, DeployOptionSet set) { return set == DeployOptionSet::plan || !spec.plan_only; }

// docopt: an exact long name wins; otherwise a unique prefix.
const OptionSpec* find_long(const std::string& name, DeployOptionSet set, DeployParse& result) {
  std::vector<const OptionSpec*> matches;
  for (const OptionSpec& spec : option_specs()) {
    if (!offered(spec, set)) continue;
    if (name == spec.long_name) return &spec;
    if (std::string(spec.long_name).rfind(name, 0) == 0) matches.push_back(&spec);
  }
  if (matches.size() == 1) return matches[0];
  if (matches.empty()) {
    result.error = "--" + name + " is not recognized";
    result.cdrun_error = "unknown option '--" + name + "'";
  } else {
    std::string names;
    for (const OptionSpec* m : matches) names += (names.empty() ? "" : ", ") + std::string("--") + m->long_name;
    result.error = "--" + name + " is not a unique prefix: " + names + "?";
    result.cdrun_error = "ambiguous option '--" + name + "': " + names + "?";
  }
  return nullptr;
}

}  // namespace

DeployParse parse_deploy_options(const std::vector<std::string>& args, DeployOptionSet set) {
  DeployParse result;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
      const size_t eq = arg.find('=');
      const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      const OptionSpec* spec = find_long(name, set, result);
      if (!spec) return result;
      if (!spec->takes_value) {
        if (eq != std::string::npos) {
          result.error = std::string("--") + spec->long_name + " must not have an argument";
          result.cdrun_error = std::string("--") + spec->long_name + " takes no value";
          return result;
        }
        spec->set(result.options, "");
        continue;
      }
      if (eq != std::string::npos) {
        spec->set(result.options, arg.substr(eq + 1));
      } else if (i + 1 < args.size()) {
        spec->set(result.options, args[++i]);
      } else {
        result.error = std::string("--") + spec->long_name + " requires argument";
        result.cdrun_error = std::string("--") + spec->long_name + " needs a value";
        return result;
      }
    } else if (arg.size() >= 2 && arg[0] == '-' && arg[1] != '-') {
      const OptionSpec* spec = nullptr;
      for (const OptionSpec& s : option_specs()) {
        if (s.short_name == arg[1] && offered(s, set)) spec = &s;
      }
      if (!spec) {
        result.error = arg.substr(0, 2) + " is not recognized";
        result.cdrun_error = "unknown option '" + arg.substr(0, 2) + "'";
        return result;
      }
      if (!spec->takes_value) {
        spec->set(result.options, "");
      } else if (arg.size() > 2) {
        spec->set(result.options, arg.substr(2));
      } else if (i + 1 < args.size()) {
        spec->set(result.options, args[++i]);
      } else {
        result.error = arg + " requires argument";
        result.cdrun_error = arg + " needs a value";
        return result;
      }
    } else {
      result.error = arg + " is not recognized";
      result.cdrun_error = "unexpected argument '" + arg + "'";
      return result;
    }
  }
  return result;
}

std::string deploy_usage(const std::string& program) { return "Usage:\n  " + program + " [options]\n"; }

std::string deploy_help(const std::string& program, DeployOptionSet set) {
  return "cdrun deploy: a local CodeDeploy deployment with the agent's semantics, as codedeploy-local.\n\n" +
         deploy_usage(program) +
         "\nOptions:\n"
         "  -l, --bundle-location <value>            Bundle directory, zip/tar/tgz file, s3://bucket/key[?versionId=V&etag=E],\n"
         "                                           https://github.com/OWNER/REPO[/tree/REF] or\n"
         "                                           https://api.github.com/repos/OWNER/REPO/tarball|zipball/COMMIT\n"
         "                                           [default: the current directory]\n"
         "  -t, --type <value>                       tgz, tar, zip or directory (an S3 bundle needs one of the first three;\n"
         "                                           GitHub's archive is tar for tar, else zip)\n"
         "                                           [default: directory]\n"
         "  -b, --file-exists-behavior <value>       DISALLOW, OVERWRITE or RETAIN [default: DISALLOW]\n"
         "  -g, --deployment-group <value>           Deployment group id (directory under the root) [default: default-local-deployment-group]\n"
         "  -d, --deployment-group-name <value>      DEPLOYMENT_GROUP_NAME for the scripts [default: LocalFleet]\n"
         "  -a, --application-name <value>           APPLICATION_NAME for the scripts [default: the bundle location]\n"
         "  -e, --events <comma-separated-values>    Lifecycle events to run, in order (DownloadBundle and Install are added)\n"
         "  -c, --agent-configuration-file <value>   Agent config (:root_dir:, :log_dir:, :max_revisions:, ...)\n"
         "  -A, --appspec-filename <value>           Appspec file name in the bundle [default: appspec.yml]\n"
         "      --root-dir <dir>                     Deployment root (overrides :root_dir:); the local log goes in\n"
         "                                           <dir>/deployment-logs unless -c sets :log_dir:\n"
         "      --github-token <token>               For a private GitHub repository [default: $GITHUB_TOKEN, else\n"
         "                                           $CODEDEPLOY_GITHUB_TOKEN]\n"
         "      --format <text|json>                 json: every event and script as one JSON object on stdout\n"
         "      --ignore-application-stop-failures   Continue when ApplicationStop/BeforeBlockTraffic/AfterBlockTraffic fail\n" +
         std::string(set == DeployOptionSet::plan
                         ? "      --agent-version <1.8|2|all>          Whose rules: codedeploy-local 1.8's, agent 2.x's deploy-local's,\n"
                           "                                           or 1.8's with what 2.x does differently [default: all]\n"
                         : "") +
         "  -h, --help                               This help\n"
         "  -v, --version                            The version\n";
}

}  // namespace cdrun
