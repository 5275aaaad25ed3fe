#include "runner/cli/onprem/onprem_configure.h"

#include <CLI/CLI.hpp>

#include <ctime>
#include <filesystem>

#include "aws/core/atomic_file.h"
#include "aws/core/base_credentials.h"
#include "aws/core/directory_lock.h"
#include "aws/onprem/onprem_config.h"
#include "aws/onprem/onprem_inputs.h"
#include "aws/onprem/onprem_session.h"
#include "aws/onprem/renewal_schedule.h"
#include "aws/core/service_endpoint.h"
#include "aws/core/utc_time.h"
#include "runner/cli/command_line.h"
#include "runner/cli/onprem/onprem_common.h"
#include "runner/cli/onprem/onprem_register.h"

namespace cdrun {
namespace {

using onprem::fail;

struct ConfigureOptions {
  std::string role_arn;
  std::string session_name;
  std::string region;
  std::string config_dir = aws::kDefaultAgentConfigDir;
  std::string credentials_file;  // "" = <config-dir>/credentials
  long long duration = 3600;
  std::string profile;
  std::string endpoint_url;
  bool do_register = false;
  std::string instance_name;  // "" = the session name
  std::vector<std::string> tags;
  std::string register_profile;
};

const char* const kFooter = R"(
What it does:
  1. finds base credentials as the AWS CLI does (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY[/AWS_SESSION_TOKEN],
     else the shared credentials file AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials, else AWS_CONFIG_FILE or
     ~/.aws/config; profile --profile, else AWS_PROFILE, else default; --profile skips the environment keys);
  2. calls sts:AssumeRole with them (endpoint: --endpoint-url, else AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL,
     else https://sts.REGION.amazonaws.com; CA file: AWS_CA_BUNDLE);
  3. only when that succeeded, replaces atomically (temporary file, fsync, rename):
       CONFIG-DIR/credentials (or --credentials-file)  mode 0600: [default] key, secret, session token
       CONFIG-DIR/codedeploy.onpremises.yml            mode 0644: iam_session_arn, aws_credentials_file, region
       CONFIG-DIR/cdrun-onprem.json                    mode 0644: what renew needs (no secrets)
  4. with --register, registers the instance under the session ARN and adds --tags (CodeDeploy API, signed with
     the base credentials or --register-profile's: that identity needs codedeploy:RegisterOnPremisesInstance and
     codedeploy:AddTagsToOnPremisesInstances); otherwise prints the aws commands that do it.
Then run `cdrun onprem renew` every 15 minutes (systemd timer or cron; see `cdrun onprem renew --help`).
Exit status: 0 done, 1 AWS or network failure (nothing written when AssumeRole failed; when only --register or
its tagging failed, the session files stay written and the message gives the commands that finish), 2 usage or
local error.
)";

void add_options(CLI::App& app, ConfigureOptions& o) {
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // the last one wins
  app.add_option("--role-arn", o.role_arn, "Role to assume: arn:aws:iam::ACCOUNT:role/NAME")->required();
  app.add_option("--session-name", o.session_name,
                 "Role session name (2-64 of [A-Za-z0-9_+=,.@-]); the instance is registered as\n"
                 "arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION-NAME, so keep it stable per host")
      ->required();
  app.add_option("--region", o.region, "AWS region of the CodeDeploy deployments (written to the yml)")->required();
  app.add_option("--config-dir", o.config_dir, "The agent's configuration directory (created if missing)")
      ->capture_default_str();
  app.add_option("--credentials-file", o.credentials_file, "Session credentials file (default CONFIG-DIR/credentials)");
  app.add_option("--duration", o.duration, "Session duration in seconds, 900-43200 (the role's MaxSessionDuration caps it)")
      ->capture_default_str();
  app.add_option("--profile", o.profile, "Profile of the base credentials (default: AWS_PROFILE, else default)");
  app.add_option("--endpoint-url", o.endpoint_url, "Endpoint for every AWS call (STS and CodeDeploy)");
  app.add_flag("--register", o.do_register, "Register the instance and add --tags (else print the commands)");
  app.add_option("--instance-name", o.instance_name, "On-premises instance name (default: the session name)");
  app.add_option("--tags", o.tags, "Instance tags Key=Value[,Key=Value...] (up to 10; repeatable)")->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--register-profile", o.register_profile,
                 "Profile whose credentials register the instance (default: the base credentials)");
  app.footer(kFooter);
}

std::string first_input_error(const ConfigureOptions& o, const std::string& instance_name) {
  for (const std::string& error :
       {aws::check_role_arn(o.role_arn), aws::check_session_name(o.session_name), aws::check_region(o.region),
        aws::check_duration(o.duration), aws::check_instance_name(instance_name),
        o.endpoint_url.empty() ? std::string() : aws::check_endpoint_url(o.endpoint_url)})
    if (!error.empty()) return error;
  return "";
}

}  // namespace

int run_onprem_configure(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                         std::ostream& err) {
  CLI::App app{"Assume the on-premises instance role and write the CodeDeploy agent's session configuration",
               program};
  ConfigureOptions o;
  add_options(app, o);
  if (std::optional<int> status = parse_command_line(app, args, out, err, onprem::kConfigError)) return *status;

  const std::string instance_name = o.instance_name.empty() ? o.session_name : o.instance_name;
  if (std::string error = first_input_error(o, instance_name); !error.empty())
    return fail(err, onprem::kConfigError, error);
  const aws::TagParse tags = aws::parse_instance_tags(o.tags);
  if (!tags.error.empty()) return fail(err, onprem::kConfigError, tags.error);

  const aws::EnvLookup env = aws::process_environment();
  aws::CredentialQuery query;
  query.explicit_profile = o.profile;
  const aws::CredentialLookup base = aws::find_base_credentials(query, env);
  if (!base.credentials) return fail(err, onprem::kConfigError, base.error);

  const aws::ResolvedEndpoint sts = aws::resolve_endpoint(o.endpoint_url, "STS", "sts", o.region, env);
  if (std::string error = aws::check_endpoint_url(sts.url); !error.empty())
    return fail(err, onprem::kConfigError, error + " (from " + sts.source + ")");
  const aws::ServiceTarget sts_target{sts.url, o.region, env("AWS_CA_BUNDLE").value_or("")};

  const aws::AssumeRoleRequest request{o.role_arn, o.session_name, static_cast<int>(o.duration)};
  const aws::AwsResult<aws::AssumedRole> role = aws::assume_role(sts_target, request, base.credentials->keys);
  const std::vector<std::string> secrets = {base.credentials->keys.secret_access_key,
                                            base.credentials->keys.session_token};
  if (!role.ok()) {
    const aws::FailureContext context{"sts:AssumeRole on " + o.role_arn, sts.url,
                                      onprem::describe_identity(*base.credentials)};
    return fail(err, onprem::kAwsFailure,
                "cannot assume the role: " + onprem::explain(role.failure, context, secrets) +
                    "\nNothing was written.");
  }

  aws::SessionState settings;
  settings.role_arn = o.role_arn;
  settings.session_name = o.session_name;
  settings.region = o.region;
  settings.duration_seconds = static_cast<int>(o.duration);
  if (sts.source != "the regional endpoint") settings.sts_endpoint = sts.url;
  settings.profile = o.profile.empty() ? env("AWS_PROFILE").value_or("") : o.profile;
  settings.profile_explicit = !o.profile.empty();
  settings.base_credentials_file = env("AWS_SHARED_CREDENTIALS_FILE").value_or("");
  settings.base_config_file = env("AWS_CONFIG_FILE").value_or("");
  settings.ca_bundle = sts_target.ca_bundle;
  const std::string config_dir = onprem::absolute_path(o.config_dir);
  settings.credentials_file =
      onprem::absolute_path(o.credentials_file.empty() ? config_dir + "/credentials" : o.credentials_file);
  settings.onpremises_config = config_dir + "/" + aws::kOnPremisesConfigName;
  const aws::SessionState state = aws::state_after_renewal(settings, *role.value, std::time(nullptr));

  for (const std::string& dir : {config_dir, std::filesystem::path(state.credentials_file).parent_path().string()})
    if (std::string error = aws::make_directories(dir, 0755); !error.empty())
      return fail(err, onprem::kConfigError, error);
  aws::DirectoryLock lock;
  if (std::string error = lock.acquire(config_dir, 60); !error.empty()) return fail(err, onprem::kConfigError, error);
  if (std::string error =
          aws::install_session(state, role.value->credentials, onprem::state_file_in(config_dir), true);
      !error.empty())
    return fail(err, onprem::kConfigError, error);
  lock.release();

  out << "Assumed " << o.role_arn << " with " << onprem::describe_identity(*base.credentials) << ":\n"
      << "  session " << state.session_arn << "\n"
      << "  key " << state.access_key_id_masked << ", valid until " << aws::format_utc_timestamp(state.expiration)
      << "\n"
      << "Wrote " << state.credentials_file << " (mode 0600), " << state.onpremises_config << " and "
      << onprem::state_file_in(config_dir) << "\n";
  const aws::RenewalPolicy policy;
  out << "Renewal due at " << aws::format_utc_timestamp(aws::renewal_due_at(state.issued_at, state.expiration, policy))
      << ": run `cdrun onprem renew` every 15 minutes (systemd timer or cron, see cdrun onprem renew --help)\n";
  if (state.expiration - state.issued_at <= aws::shortest_useful_session(policy))
    err << "warning: sessions shorter than " << aws::shortest_useful_session(policy) / 60
        << " minutes cannot be renewed early enough: the agent keeps using credentials it read for 30 minutes, "
           "so they may expire in its hands; use a longer --duration\n";
  if (base.credentials->from_environment)
    err << "warning: the base credentials came from environment variables, which `cdrun onprem renew` under "
           "systemd or cron will not see: put them in a shared credentials file (e.g. /root/.aws/credentials)\n";

  const std::string written_files =
      state.credentials_file + ", " + state.onpremises_config + " and " + onprem::state_file_in(config_dir);
  onprem::RegistrationRequest registration{instance_name, state.session_arn, o.region,        tags.tags,
                                           o.endpoint_url, o.register_profile, written_files};
  if (!o.do_register) {
    onprem::print_registration_commands(registration, out);
    return onprem::kOk;
  }
  return onprem::register_instance(registration, *base.credentials, env, out, err);
}

}  // namespace cdrun
