#include "runner/cli/onprem/onprem_renew.h"

#include <CLI/CLI.hpp>

#include <sys/stat.h>

#include <csignal>
#include <ctime>

#include "aws/core/base_credentials.h"
#include "aws/core/directory_lock.h"
#include "aws/onprem/onprem_config.h"
#include "aws/onprem/onprem_session.h"
#include "aws/onprem/renewal_schedule.h"
#include "aws/core/service_endpoint.h"
#include "aws/core/utc_time.h"
#include "runner/cli/command_line.h"
#include "runner/cli/onprem/onprem_common.h"

namespace cdrun {
namespace {

using onprem::fail;

struct RenewOptions {
  std::string config_dir = aws::kDefaultAgentConfigDir;
  bool force = false;
  bool daemon = false;
  bool quiet = false;
  std::string profile;
  std::string endpoint_url;
  std::optional<long long> interval;
  std::optional<long long> renew_after;
};

constexpr long long kRetryBaseSeconds = 30;
constexpr long long kRetryCapSeconds = 900;
constexpr long long kDaemonCheckSeconds = 60;

const char* const kFooter = R"(
When renewal is due: the agent reads the credentials file lazily and then trusts what it read for 30 minutes
without looking again, so credentials must stay valid 30 minutes after any read. With renew running every
--interval seconds, cdrun therefore renews at half the session's lifetime, but never later than
30 min + interval + 5 min before expiry (1-hour sessions, 15-minute timer: 10 minutes after issue, so every run
renews; 2-hour sessions: every hour). A missing credentials file is always due. Not due: prints when it will be
and exits 0.

Run it every 15 minutes, as root:
  systemd:  install packaging/systemd/cdrun-onprem-renew.service and .timer (oneshot + timer), then
            systemctl daemon-reload && systemctl enable --now cdrun-onprem-renew.timer
  cron:     /etc/cron.d/cdrun-onprem-renew containing
            */15 * * * * root cdrun onprem renew
            (cron's PATH is /usr/bin:/bin: give cdrun's full path if it lives elsewhere; --quiet mails only failures)
  or a long-running service: cdrun onprem renew --daemon (stops on SIGTERM/SIGINT with status 0; after a failure
  it retries after 30 s, 60 s, 120 s ... up to 15 min).

Base credentials, endpoint and CA file are found as configure found them: the profile, AWS_SHARED_CREDENTIALS_FILE,
AWS_CONFIG_FILE, AWS_CA_BUNDLE and endpoint recorded by configure are used unless this run's environment or
options say otherwise. Environment-variable keys are not recorded: under systemd or cron keep the keys in a file.

Exit status: 0 renewed or not due (--daemon: stopped by a signal), 1 AWS or network failure (the current
credentials stay in place), 2 usage or local configuration error (no configuration, unreadable files).
)";

void add_options(CLI::App& app, RenewOptions& o) {
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // the last one wins
  app.add_option("--config-dir", o.config_dir, "The directory configure wrote to")->capture_default_str();
  app.add_flag("--force", o.force, "Renew now, due or not");
  app.add_flag("--daemon", o.daemon, "Keep running: renew whenever due, until SIGTERM or SIGINT");
  app.add_flag("-q,--quiet", o.quiet, "Print only failures and warnings");
  app.add_option("--profile", o.profile, "Base-credentials profile for this run (default: the one configure used)");
  app.add_option("--endpoint-url", o.endpoint_url, "STS endpoint for this run");
  app.add_option("--interval", o.interval,
                 "How often renew runs, in seconds, to renew early enough (default 900; with --daemon 60)")
      ->check(CLI::Range(0LL, 86400LL));
  app.add_option("--renew-after", o.renew_after,
                 "Renew once the credentials are this many seconds old, instead of the computed point\n"
                 "(for tests, or agents that re-read more often)")
      ->check(CLI::Range(0LL, 43200LL));
  app.footer(kFooter);
}

struct Attempt {
  int status = onprem::kOk;
  std::time_t next_due = 0;  // when status is kOk
  bool transient = false;    // a failure that may pass by itself (network, throttling, 5xx)
};

bool file_exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

std::string validity(const aws::SessionState& state, std::time_t now) {
  if (now >= state.expiration) return "EXPIRED at " + aws::format_utc_timestamp(state.expiration);
  return "valid until " + aws::format_utc_timestamp(state.expiration) + " (" +
         aws::format_duration(static_cast<long long>(state.expiration - now)) + " left)";
}

Attempt attempt_renewal(const RenewOptions& o, bool force, const aws::EnvLookup& env, std::ostream& out,
                        std::ostream& err) {
  const std::string config_dir = onprem::absolute_path(o.config_dir);
  const std::string state_file = onprem::state_file_in(config_dir);
  Attempt attempt;
  attempt.status = onprem::kConfigError;
  if (!file_exists(state_file)) {
    fail(err, onprem::kConfigError,
         "no renewal settings in " + state_file + ": run `cdrun onprem configure` first (or give its --config-dir)");
    return attempt;
  }
  aws::DirectoryLock lock;  // held until the new files are in place
  if (std::string error = lock.acquire(config_dir, 60); !error.empty()) {
    fail(err, onprem::kConfigError, error);
    return attempt;
  }
  const aws::TextRead text = aws::read_text_file(state_file);
  const aws::StateParse parsed = aws::parse_session_state(text.text);
  if (!text.error.empty() || !parsed.state) {
    fail(err, onprem::kConfigError,
         text.error.empty() ? state_file + " is damaged: " + parsed.error + "; run `cdrun onprem configure` again"
                            : text.error);
    return attempt;
  }
  const aws::SessionState& state = *parsed.state;
  aws::RenewalPolicy policy;
  policy.interval_seconds = o.interval.value_or(o.daemon ? kDaemonCheckSeconds : policy.interval_seconds);
  policy.renew_after_seconds = o.renew_after;
  const std::time_t now = std::time(nullptr);
  const aws::RenewalDecision decision =
      aws::decide_renewal(now, state.issued_at, state.expiration, policy, force, file_exists(state.credentials_file));
  if (!decision.due) {
    if (!o.quiet)
      out << "Not due: " << state.session_arn << " (key " << state.access_key_id_masked << ") is "
          << validity(state, now) << "; renewal " << decision.reason << "\n";
    return {onprem::kOk, decision.due_at};
  }

  aws::CredentialQuery query;
  query.explicit_profile = !o.profile.empty() ? o.profile : (state.profile_explicit ? state.profile : "");
  query.fallback_profile = state.profile_explicit ? "" : state.profile;
  query.fallback_credentials_file = state.base_credentials_file;
  query.fallback_config_file = state.base_config_file;
  const aws::CredentialLookup base = aws::find_base_credentials(query, env);
  if (!base.credentials) {
    fail(err, onprem::kConfigError, "cannot renew: " + base.error + "\nThe current session is " + validity(state, now));
    return attempt;
  }
  const aws::ResolvedEndpoint sts =
      aws::resolve_endpoint(o.endpoint_url, "STS", "sts", state.region, env, state.sts_endpoint);
  if (std::string error = aws::check_endpoint_url(sts.url); !error.empty()) {
    fail(err, onprem::kConfigError, error + " (from " + sts.source + ")");
    return attempt;
  }
  const aws::ServiceTarget target{sts.url, state.region, env("AWS_CA_BUNDLE").value_or(state.ca_bundle)};
  const aws::AssumeRoleRequest request{state.role_arn, state.session_name, state.duration_seconds};
  const aws::AwsResult<aws::AssumedRole> role = aws::assume_role(target, request, base.credentials->keys);
  if (!role.ok()) {
    const aws::FailureContext context{"sts:AssumeRole on " + state.role_arn, sts.url,
                                      onprem::describe_identity(*base.credentials)};
    fail(err, onprem::kAwsFailure,
         "cannot renew (" + decision.reason + "): " +
             onprem::explain(role.failure, context,
                             {base.credentials->keys.secret_access_key, base.credentials->keys.session_token}) +
             "\nThe current credentials stay in place, " + validity(state, now));
    attempt.status = onprem::kAwsFailure;
    attempt.transient = aws::is_transient(role.failure);
    return attempt;
  }
  const std::time_t received = std::time(nullptr);
  const aws::SessionState renewed = aws::state_after_renewal(state, *role.value, received);
  const bool arn_changed = renewed.session_arn != state.session_arn;
  const bool write_yml = arn_changed || !file_exists(renewed.onpremises_config);
  if (std::string error = aws::install_session(renewed, role.value->credentials, state_file, write_yml);
      !error.empty()) {
    fail(err, onprem::kConfigError, "renewed, but cannot write the new session: " + error);
    return attempt;
  }
  const std::time_t next = aws::renewal_due_at(renewed.issued_at, renewed.expiration, policy);
  if (!o.quiet)
    out << "Renewed (" << decision.reason << "): " << renewed.session_arn << " key " << renewed.access_key_id_masked
        << " valid until " << aws::format_utc_timestamp(renewed.expiration) << "; next renewal due at "
        << aws::format_utc_timestamp(next) << "\n";
  if (arn_changed)
    err << "warning: the session ARN changed from " << state.session_arn << " to " << renewed.session_arn
        << " (rewrote " << renewed.onpremises_config << "): register the instance again\n";
  return {onprem::kOk, next};
}

int run_daemon(const RenewOptions& o, const aws::EnvLookup& env, std::ostream& out, std::ostream& err) {
  // Signals wait in the kernel until sigtimedwait picks them up: none is lost mid-renewal, and a
  // renewal in progress finishes (bounded by the request timeout) before the loop stops.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigset_t previous;
  sigprocmask(SIG_BLOCK, &stop_signals, &previous);
  int failures = 0;
  bool first = true;
  while (true) {
    const Attempt attempt = attempt_renewal(o, first && o.force, env, out, err);
    if (first && attempt.status == onprem::kConfigError) {
      sigprocmask(SIG_SETMASK, &previous, nullptr);
      return onprem::kConfigError;
    }
    first = false;
    long long wait = kDaemonCheckSeconds;
    if (attempt.status == onprem::kOk) {
      failures = 0;
      wait = std::max(1LL, std::min(kDaemonCheckSeconds, static_cast<long long>(attempt.next_due - std::time(nullptr))));
    } else {
      wait = aws::backoff_seconds(++failures, kRetryBaseSeconds, kRetryCapSeconds);
      err << "retrying in " << wait << " s (failure " << failures << " in a row"
          << (attempt.transient ? "" : "; this one needs a fix, it will not pass by itself") << ")\n";
    }
    out.flush();
    err.flush();
    const timespec timeout{static_cast<time_t>(wait), 0};
    const int signal = sigtimedwait(&stop_signals, nullptr, &timeout);
    if (signal == SIGTERM || signal == SIGINT) {
      if (!o.quiet) out << "Stopping on " << (signal == SIGTERM ? "SIGTERM" : "SIGINT") << "\n";
      out.flush();
      sigprocmask(SIG_SETMASK, &previous, nullptr);
      return onprem::kOk;
    }
  }
}

}  // namespace

int run_onprem_renew(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                     std::ostream& err) {
  CLI::App app{"Renew the on-premises session credentials written by `cdrun onprem configure` when due", program};
  RenewOptions o;
  add_options(app, o);
  if (std::optional<int> status = parse_command_line(app, args, out, err, onprem::kConfigError)) return *status;
  const aws::EnvLookup env = aws::process_environment();
  if (!o.endpoint_url.empty())
    if (std::string error = aws::check_endpoint_url(o.endpoint_url); !error.empty())
      return fail(err, onprem::kConfigError, error);
  if (o.daemon) return run_daemon(o, env, out, err);
  return attempt_renewal(o, o.force, env, out, err).status;
}

}  // namespace cdrun
