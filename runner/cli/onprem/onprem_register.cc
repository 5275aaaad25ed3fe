#include "runner/cli/onprem/onprem_register.h"

#include "aws/onprem/codedeploy_onprem_api.h"
#include "aws/onprem/onprem_config.h"
#include "aws/core/service_endpoint.h"
#include "runner/cli/onprem/onprem_common.h"

namespace cdrun::onprem {
namespace {

// InstanceNameAlreadyRegisteredException is fine when the name is ours already (configure re-run).
// Returns "" when it is, else a hint for the error message.
std::string registered_elsewhere_hint(const aws::ServiceTarget& target, const aws::SigV4Credentials& keys,
                                      const RegistrationRequest& request) {
  const aws::AwsResult<aws::OnPremInstanceInfo> info = aws::get_on_premises_instance(target, keys, request.instance_name);
  if (!info.ok())
    return "\nThe name is taken; cdrun could not check by which ARN (GetOnPremisesInstance: " +
           (info.failure.code.empty() ? info.failure.message : info.failure.code) + ").";
  if (!info.value->deregistered && info.value->iam_session_arn == request.session_arn) return "";
  const std::string owner = info.value->iam_session_arn.empty() ? info.value->iam_user_arn : info.value->iam_session_arn;
  return "\nThe name is registered with " + owner + ": deregister it first (aws deploy deregister-on-premises-instance " +
         "--instance-name " + aws::shell_quote(request.instance_name) + ") or choose another --instance-name.";
}

// What is in place after a failed registration, and the ways to finish: re-run, or the commands.
std::string how_to_finish(const RegistrationRequest& request) {
  const aws::RegistrationCommands commands = aws::registration_commands(
      request.instance_name, request.session_arn, request.region, request.tags, request.endpoint_url);
  std::string text = "\nThe session files are written (" + request.written_files +
                     ") and the agent can use them, but CodeDeploy deploys to this instance only once it is registered: "
                     "fix the cause and re-run this command, or register it with:\n  " +
                     commands.register_instance;
  if (!commands.add_tags.empty()) text += "\n  " + commands.add_tags;
  return text;
}

}  // namespace

void print_registration_commands(const RegistrationRequest& request, std::ostream& out) {
  const aws::RegistrationCommands commands = aws::registration_commands(
      request.instance_name, request.session_arn, request.region, request.tags, request.endpoint_url);
  out << "Register this instance once, as an identity allowed codedeploy:RegisterOnPremisesInstance"
      << (request.tags.empty() ? "" : " and codedeploy:AddTagsToOnPremisesInstances") << ":\n"
      << "  " << commands.register_instance << "\n";
  if (!commands.add_tags.empty()) out << "  " << commands.add_tags << "\n";
}

int register_instance(const RegistrationRequest& request, const aws::BaseCredentials& base, const aws::EnvLookup& env,
                      std::ostream& out, std::ostream& err) {
  aws::BaseCredentials identity = base;
  if (!request.register_profile.empty()) {
    aws::CredentialQuery query;
    query.explicit_profile = request.register_profile;
    const aws::CredentialLookup lookup = aws::find_base_credentials(query, env);
    if (!lookup.credentials)
      return fail(err, kConfigError, "--register-profile: " + lookup.error + how_to_finish(request));
    identity = *lookup.credentials;
  }
  const aws::ResolvedEndpoint endpoint =
      aws::resolve_endpoint(request.endpoint_url, "CODEDEPLOY", "codedeploy", request.region, env);
  if (std::string error = aws::check_endpoint_url(endpoint.url); !error.empty())
    return fail(err, kConfigError, error + " (from " + endpoint.source + ")");
  const aws::ServiceTarget target{endpoint.url, request.region, env("AWS_CA_BUNDLE").value_or("")};
  const std::vector<std::string> secrets = {identity.keys.secret_access_key, identity.keys.session_token};
  const std::string who = describe_identity(identity);

  const aws::AwsResult<aws::Done> registered =
      aws::register_on_premises_instance(target, identity.keys, request.instance_name, request.session_arn);
  const std::string hint = registered.failure.code == "InstanceNameAlreadyRegisteredException"
                               ? registered_elsewhere_hint(target, identity.keys, request)
                               : "";
  if (registered.ok()) {
    out << "Registered on-premises instance " << request.instance_name << " as " << request.session_arn << "\n";
  } else if (registered.failure.code == "InstanceNameAlreadyRegisteredException" && hint.empty()) {
    out << "On-premises instance " << request.instance_name << " is already registered as " << request.session_arn
        << "\n";
  } else {
    const aws::FailureContext context{"codedeploy:RegisterOnPremisesInstance", endpoint.url, who};
    std::string hint_more;
    if (registered.failure.code == "IamSessionArnAlreadyRegisteredException")
      hint_more = "\nAnother instance name is registered with this session ARN: deregister it, or use another --session-name.";
    return fail(err, kAwsFailure,
                "cannot register " + request.instance_name + ": " + explain(registered.failure, context, secrets) +
                    hint + hint_more + how_to_finish(request));
  }
  if (request.tags.empty()) return kOk;
  const aws::AwsResult<aws::Done> tagged =
      aws::add_tags_to_on_premises_instance(target, identity.keys, request.instance_name, request.tags);
  if (!tagged.ok()) {
    const aws::FailureContext context{"codedeploy:AddTagsToOnPremisesInstances", endpoint.url, who};
    const aws::RegistrationCommands commands = aws::registration_commands(
        request.instance_name, request.session_arn, request.region, request.tags, request.endpoint_url);
    return fail(err, kAwsFailure,
                "cannot tag " + request.instance_name + ": " + explain(tagged.failure, context, secrets) +
                    "\nThe session files are written (" + request.written_files + ") and the instance is registered; " +
                    "add the tags by re-running this command, or with:\n  " + commands.add_tags);
  }
  out << "Tagged " << request.instance_name << ":";
  for (const aws::InstanceTag& tag : request.tags) out << " " << tag.key << "=" << tag.value;
  out << "\n";
  return kOk;
}

}  // namespace cdrun::onprem
