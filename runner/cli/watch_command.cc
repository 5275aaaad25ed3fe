#include "runner/cli/watch_command.h"

#include <CLI/CLI.hpp>

#include "aws/core/client_settings.h"
#include "runner/cli/cli_error.h"
#include "runner/cli/command_line.h"
#include "runner/watch/watch_duration.h"
#include "runner/watch/watch_session.h"

namespace cdrun {
namespace {

struct WatchCommandOptions {
  std::string deployment_id;
  std::string timeout;
  std::string interval = "5s";
  std::string format = "text";
  aws::ClientQuery client;
};

int run_watch(const WatchCommandOptions& options, const std::string& program, std::ostream& out,
              std::ostream& err) {
  std::string error;
  const std::optional<watch::WatchOptions> engine = watch::watch_options_from(options.timeout, options.interval, &error);
  if (!engine) {
    write_usage_error(err, program, error);
    return kExitUsage;
  }

  const aws::EnvLookup env = aws::process_environment();
  const aws::ClientLookup client = aws::resolve_client(options.client, env);
  if (!client.settings) {
    err << "cdrun watch: cannot watch " << options.deployment_id << ": " << client.error << "\n";
    return watch::watch_exit_status(watch::WatchEnd::kCannotWatch);
  }
  watch::WatchSession session{options.deployment_id,
                              aws::client_target(*client.settings, "CODEDEPLOY", "codedeploy", env),
                              client.settings->credentials.keys,
                              client.settings->credentials.source,
                              *engine,
                              options.format};
  const watch::WatchResult result = watch::watch_deployment(session, "cdrun watch", out, err);
  if (result.end != watch::WatchEnd::kCannotWatch) watch::write_watch_report(out, result, options.format);
  return watch::watch_exit_status(result.end);
}

}  // namespace

int run_watch_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                      std::ostream& err) {
  CLI::App app{"Follow a CodeDeploy deployment until it ends: status, each target's lifecycle events, "
               "a failed event's diagnostics. Exit 0 succeeded, 1 failed, 3 stopped, 4 timed out, 2 cannot watch",
               program};
  WatchCommandOptions options;
  app.add_option("deployment-id", options.deployment_id, "The deployment (d-XXXXXXXXX)")->required();
  app.add_option("--timeout", options.timeout, "Give up after this long (90s, 15m, 2h); default: never");
  app.add_option("--interval", options.interval, "Between polls (default 5s); throttling doubles it, up to 60s");
  app.add_option("--format", options.format, "Output format: text lines as events happen, or one document at the end")
      ->check(CLI::IsMember({"text", "json", "junit"}));
  app.add_option("--region", options.client.region, "AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile)");
  app.add_option("--profile", options.client.profile, "Profile of the AWS config and credentials files");
  app.add_option("--endpoint-url", options.client.endpoint_url, "CodeDeploy endpoint instead of the region's");
  if (std::optional<int> status = parse_command_line(app, args, out, err, kExitUsage)) return *status;
  return report_exceptions(err, [&] { return run_watch(options, program, out, err); });
}

}  // namespace cdrun
