#include "runner/cli/push_command.h"

#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>

#include "aws/core/client_settings.h"
#include "runner/cli/cli_error.h"
#include "runner/cli/command_line.h"
#include "runner/cli/validate_command.h"
#include "runner/pack/left_out_paths.h"
#include "runner/pack/pack_bundle.h"
#include "runner/publish/push_output.h"
#include "runner/watch/watch_duration.h"
#include "runner/watch/watch_session.h"

namespace cdrun {
namespace {

struct PushOptions {
  std::string source;
  std::string application;
  std::string s3_location;
  std::string description;
  std::string bundle_type = "zip";  // of the archive written from a directory
  bool strict = false;
  aws::DeploymentRequest deployment;
  std::string format = "text";
  aws::ClientQuery client;
  bool wait = false;  // follow the deployment created, as `cdrun watch` does
  std::string timeout;
  std::string interval = "5s";
};

// `--format json --wait`: push's object with the watch's document as its "watch" member, so the
// output stays one JSON document.
void write_push_and_watch_json(std::ostream& out, const publish::PublishRequest& request,
                               const publish::PublishResult& result, const watch::WatchResult& watched) {
  std::ostringstream push_json;
  publish::write_push_json(push_json, request, result);
  std::ostringstream watch_json;
  watch::write_watch_report(watch_json, watched, "json");
  nlohmann::ordered_json document = nlohmann::ordered_json::parse(push_json.str());
  document["watch"] = nlohmann::ordered_json::parse(watch_json.str());
  out << document.dump(2) << "\n";
}

// The request from the options, or a usage error message.
std::string make_request(const PushOptions& options, publish::PublishRequest* request) {
  struct stat info {};
  if (::stat(options.source.c_str(), &info) != 0) return options.source + " does not exist";
  request->source = options.source;
  request->source_is_directory = S_ISDIR(info.st_mode);
  const std::optional<pack::ArchiveFormat> format =
      request->source_is_directory ? pack::archive_format_for("bundle." + options.bundle_type)
                                   : pack::archive_format_for(options.source);
  if (!format) return options.source + " is neither a directory nor a .zip, .tgz, .tar.gz or .tar archive";
  request->format = *format;
  std::string error;
  request->mtime = pack::member_mtime(std::getenv("SOURCE_DATE_EPOCH"), &error);
  if (!error.empty()) return error;
  const std::optional<publish::S3Destination> destination = publish::parse_s3_destination(options.s3_location, &error);
  if (!destination) return error;
  request->destination = *destination;
  request->application = options.application;
  request->description = options.description;
  if (!options.deployment.deployment_group.empty()) {
    request->deployment = options.deployment;
    request->deployment->application = options.application;
    request->deployment->description = options.description;
  }
  return "";
}

int run_push(const PushOptions& options, std::ostream& out, std::ostream& err) {
  publish::PublishRequest request;
  const std::string request_error = make_request(options, &request);
  if (!request_error.empty()) {
    err << format_cli_error(request_error) << "\n";
    return kExitUsage;
  }
  std::string watch_error;
  const std::optional<watch::WatchOptions> watch_options =
      watch::watch_options_from(options.timeout, options.interval, &watch_error);
  if (!watch_options) {
    err << format_cli_error(watch_error) << "\n";
    return kExitUsage;
  }
  pack::LeftOutPaths left_out;  // push writes its archive outside the directory
  if (request.source_is_directory) {
    if (const std::string unreadable = left_out.load(options.source, ""); !unreadable.empty()) {
      err << "cdrun push: " << unreadable << "; nothing uploaded\n";
      return kExitInvalid;
    }
  }
  LeftOutFilter filter;
  if (request.source_is_directory) filter = left_out;
  if (std::optional<int> status = stop_unless_valid(options.source, options.strict, filter, "cdrun push",
                                                    "nothing uploaded", err))
    return *status;

  const aws::EnvLookup env = aws::process_environment();
  const aws::ClientLookup lookup = aws::resolve_client(options.client, env);
  if (!lookup.settings) {
    err << format_cli_error(lookup.error) << "\n";
    return kExitUsage;
  }
  publish::PublishClients clients;
  clients.s3.target = aws::client_target(*lookup.settings, "S3", "s3", env, &clients.s3.custom);
  clients.s3.credentials = lookup.settings->credentials.keys;
  clients.codedeploy = aws::client_target(*lookup.settings, "CODEDEPLOY", "codedeploy", env);

  const publish::PublishResult result = publish::publish_revision(request, clients);
  if (!result.error.empty()) {
    // Messages from AWS never hold the secret, but a key id masked is all a log should show.
    const aws::SigV4Credentials& keys = clients.s3.credentials;
    err << "cdrun push: "
        << aws::redact(result.error, {keys.secret_access_key, keys.session_token, keys.access_key_id}) << "\n";
    if (result.failed_step == publish::PublishStep::register_revision)
      err << "cdrun push: the archive is in S3 (s3://" << result.revision.bucket << "/" << result.revision.key
          << "); nothing was registered\n";
    if (result.failed_step == publish::PublishStep::create_deployment)
      err << "cdrun push: the revision is registered; no deployment was created\n";
    return kExitInvalid;
  }
  if (!options.wait) {
    if (options.format == "json")
      publish::write_push_json(out, request, result);
    else
      publish::write_push_text(out, request, result);
    return kExitOk;
  }
  if (options.format == "text") {
    publish::write_push_text(out, request, result);
    out << "Watching " << result.deployment_id << " until it ends\n";
    out.flush();
  }
  const watch::WatchSession session{result.deployment_id,          clients.codedeploy,
                                    lookup.settings->credentials.keys, lookup.settings->credentials.source,
                                    *watch_options,                  options.format};
  const watch::WatchResult watched = watch::watch_deployment(session, "cdrun push", out, err);
  if (options.format == "json") {
    write_push_and_watch_json(out, request, result, watched);
  } else if (watched.end != watch::WatchEnd::kCannotWatch) {
    watch::write_watch_report(out, watched, "text");
  }
  return watch::watch_exit_status(watched.end);
}

}  // namespace

int run_push_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                     std::ostream& err) {
  CLI::App app{"Validate a bundle, upload it to S3 and register it as a CodeDeploy revision (and deploy it)",
               program};
  PushOptions options;
  app.add_option("source", options.source, "Bundle directory, or a .zip/.tgz/.tar.gz/.tar archive")->required();
  app.add_option("--application-name", options.application, "CodeDeploy application")->required();
  app.add_option("--s3-location", options.s3_location,
                 "s3://bucket/key, or s3://bucket/prefix/ for a key made of the archive's name and sha256")
      ->required();
  app.add_option("--description", options.description, "Description of the revision (and deployment)");
  app.add_option("--bundle-type", options.bundle_type, "Archive written from a directory (default: zip)")
      ->check(CLI::IsMember({"zip", "tgz", "tar"}));
  app.add_flag("--strict", options.strict, "Warnings make the bundle invalid, as for cdrun validate --strict");
  CLI::Option* group = app.add_option("--deployment-group", options.deployment.deployment_group,
                                      "Create a deployment of the revision to this deployment group");
  app.add_option("--deployment-config", options.deployment.deployment_config, "Deployment configuration name")
      ->needs(group);
  app.add_option("--file-exists-behavior", options.deployment.file_exists_behavior,
                 "What the deployment does with files already in place")
      ->check(CLI::IsMember({"DISALLOW", "OVERWRITE", "RETAIN"}))
      ->needs(group);
  app.add_flag("--ignore-application-stop-failures", options.deployment.ignore_application_stop_failures,
               "The deployment goes on when ApplicationStop fails")
      ->needs(group);
  CLI::Option* wait = app.add_flag("--wait", options.wait,
                                   "Follow the deployment until it ends, as cdrun watch does; the exit status is "
                                   "watch's (0 succeeded, 1 failed, 3 stopped, 4 timed out)")
                          ->needs(group);
  app.add_option("--timeout", options.timeout, "With --wait: give up after this long (90s, 15m, 2h); default: never")
      ->needs(wait);
  app.add_option("--interval", options.interval, "With --wait: between polls (default 5s)")->needs(wait);
  app.add_option("--format", options.format, "Output format (json with --wait: the watch's document as \"watch\")")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--region", options.client.region, "AWS region (default: as the AWS CLI finds it)");
  app.add_option("--profile", options.client.profile, "Profile of the AWS config and credentials files");
  app.add_option("--endpoint-url", options.client.endpoint_url, "Endpoint for both S3 and CodeDeploy (tests)");
  if (std::optional<int> status = parse_command_line(app, args, out, err, kExitUsage)) return *status;
  return report_exceptions(err, [&] { return run_push(options, out, err); });
}

}  // namespace cdrun
