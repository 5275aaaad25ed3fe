#include "runner/cli/watch_command.h"

#include <CLI/CLI.hpp>

#include "aws/core/client_settings.h"
#include "runner/cli/cli_error.h"
#include "runner/cli/command_line.h"
#include "runner/watch/codedeploy_source.h"
#include "runner/watch/watch_documents.h"
#include "runner/watch/watch_duration.h"
#include "runner/watch/watch_text.h"

namespace cdrun {
namespace {

struct WatchCommandOptions {
  std::string deployment_id;
  std::string timeout;
  std::string interval = "5s";
  std::string format = "text";
  aws::ClientQuery client;
};

// The json and junit formats write one document at the end; events go nowhere meanwhile.
class SilentObserver : public watch::WatchObserver {
 public:
  void on_event(const watch::WatchEvent&) override {}
};

std::optional<double> duration_option(const std::string& text, const std::string& option, std::ostream& err,
                                      const std::string& program) {
  std::optional<double> seconds = watch::parse_watch_duration(text);
  if (!seconds) write_usage_error(err, program, option + " " + text + " is not a duration (like 90s, 15m, 2h, 1h30m)");
  return seconds;
}

int run_watch(const WatchCommandOptions& options, const std::string& program, std::ostream& out,
              std::ostream& err) {
  watch::WatchOptions engine;
  if (!options.timeout.empty()) {
    engine.timeout_seconds = duration_option(options.timeout, "--timeout", err, program);
    if (!engine.timeout_seconds) return kExitUsage;
  }
  std::optional<double> interval = duration_option(options.interval, "--interval", err, program);
  if (!interval) return kExitUsage;
  if (*interval <= 0) {
    write_usage_error(err, program, "--interval must be more than 0");
    return kExitUsage;
  }
  engine.interval_seconds = *interval;
  engine.max_backoff_seconds = std::max(60.0, *interval);

  const aws::EnvLookup env = aws::process_environment();
  const aws::ClientLookup client = aws::resolve_client(options.client, env);
  if (!client.settings) {
    err << "cdrun watch: cannot watch " << options.deployment_id << ": " << client.error << "\n";
    return watch::watch_exit_status(watch::WatchEnd::kCannotWatch);
  }
  const aws::ServiceTarget target = aws::client_target(*client.settings, "CODEDEPLOY", "codedeploy", env);
  watch::CodeDeploySource source(target, client.settings->credentials.keys, options.deployment_id);
  watch::SystemClock clock;
  watch::TextObserver text(out);
  SilentObserver silent;
  watch::WatchObserver& observer = options.format == "text" ? static_cast<watch::WatchObserver&>(text) : silent;
  const watch::WatchResult result = watch::run_watch(source, clock, observer, engine);

  if (result.end == watch::WatchEnd::kCannotWatch) {
    aws::FailureContext context{"codedeploy:" + result.failed_operation + " on deployment " + options.deployment_id,
                                target.endpoint,
                                "access key " + aws::mask_access_key(client.settings->credentials.keys.access_key_id) +
                                    " (" + client.settings->credentials.source + ")"};
    err << "cdrun watch: cannot watch " << options.deployment_id << ": " << aws::explain_failure(result.failure, context)
        << "\n";
    return watch::watch_exit_status(result.end);
  }
  if (options.format == "json") {
    watch::write_watch_json(out, result);
  } else if (options.format == "junit") {
    watch::write_watch_junit(out, result);
  } else {
    watch::write_text_summary(out, result);
  }
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
