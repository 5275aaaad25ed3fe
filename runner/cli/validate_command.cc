#include "runner/cli/validate_command.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "appspec/validation/validation.h"
#include "runner/cli/cli_error.h"
#include "runner/cli/command_line.h"
#include "runner/cli/deploy_checks.h"
#include "runner/fetch/fetch_places.h"
#include "runner/fetch/github_fetch.h"
#include "runner/report/report.h"

namespace cdrun {
namespace {

bool use_color(const std::string& choice) {
  if (choice == "always") return true;
  if (choice == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

void write_report(std::ostream& out, const Report& report, const std::string& format, bool color) {
  if (format == "json") {
    write_json(out, report);
  } else if (format == "junit") {
    write_junit(out, report);
  } else if (format == "sarif") {
    write_sarif(out, report);
  } else {
    write_text(out, report, TextStyle{color});
  }
  out.flush();
}

// Reads -c as agent 2.x would at start-up; returns why it cannot be used ("" when it can).
std::string load_agent_configuration(const std::string& path, bool agent2, ValidationRequest* request) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot read the agent configuration file " + path + ": " + std::strerror(errno);
  std::ostringstream text;
  text << in.rdbuf();
  if (!agent2) return "";  // agent 1.8 has no setting that changes a bundle's verdict
  Agent2SettingsLoad load = parse_agent2_settings(text.str());
  if (!load.settings) {
    return path + ":" + std::to_string(load.position.line) + ":" + std::to_string(load.position.column) + ": " +
           load.error + "; agent 2.x does not start with this configuration (\"failed to parse config file\")";
  }
  request->agent2_settings = load.settings;
  return "";
}

}  // namespace

std::string validate_into_report(const ValidateOptions& options, Report* report) {
  ValidationRequest request;
  request.path = options.path;
  if (options.platform)
    request.platform = *options.platform == "ecs" ? Platform::ecs : *options.platform == "lambda" ? Platform::lambda : Platform::server;
  if (options.agent_os) request.agent_os = *options.agent_os == "windows" ? AgentOs::windows : AgentOs::linux;
  request.appspec_filename = options.appspec_filename;
  request.events = options.events;
  request.bundle_type = options.bundle_type;
  request.left_out = options.left_out;
  if (options.agent_version == "1.8") request.agent_versions = {AgentVersion::v1_8};
  if (options.agent_version == "2") request.agent_versions = {AgentVersion::v2};

  ValidationResult result;
  if (options.agent_configuration_file) {
    const bool agent2 = options.agent_version != "1.8";
    result.error = load_agent_configuration(*options.agent_configuration_file, agent2, &request);
  }
  if (result.error.empty()) result = validate_target(request);
  report->target = options.path;
  report->strict = options.strict;
  if (!result.error.empty()) {
    report->read_error = result.error;
    if (options.platform) report->platform = *options.platform;
    return result.error;
  }
  report->platform = platform_name(result.platform);
  report->diagnostics = std::move(result.diagnostics);
  report->sources = std::move(result.sources);
  for (const AgentSummary& summary : result.agents) {
    AgentReport agent;
    agent.version = agent_version_name(summary.version);
    agent.accepts = summary.accepts;
    agent.message = summary.message;
    agent.crash = summary.crash;
    agent.agent_os = summary.os == AgentOs::windows ? "windows" : "linux";
    report->agents.push_back(agent);
  }
  return "";
}

namespace {

// Why `options` cannot be validated as they are ("" when they can): an S3 or GitHub location is
// downloaded into `download` first and `options.path` becomes the temporary file, named by the
// archive's format. A GitHub archive is read as the type deploy would ask for (zip unless -t tar).
std::string fetch_remote_path(ValidateOptions& options, PrivateDownload& download, std::string* hint) {
  RemoteBundle remote;
  if (is_s3_location(options.path)) {
    const S3LocationParse parse = parse_s3_location(options.path);
    if (!parse.location) return parse.error;
    remote.where = *parse.location;
  } else if (is_github_location(options.path)) {
    const GithubLocationParse parse = parse_github_location(options.path);
    if (!parse.location) return parse.error;
    remote.where = *parse.location;
    remote.type = github_bundle_type(options.bundle_type.value_or(""));
    remote.github_token = github_token(options.github_token, aws::process_environment());
    remote.user_agent = cdrun_user_agent();
    options.bundle_type = remote.type;
  } else {
    return "";
  }
  const FetchResult fetched = download.fetch(remote, true);
  if (!fetched.bundle) {
    *hint = fetched.hint;
    return fetched.error;
  }
  options.path = fetched.bundle->path;
  return "";
}

}  // namespace

std::optional<int> stop_unless_valid(const std::string& path, bool strict, const LeftOutFilter& left_out,
                                     const std::string& command, const std::string& nothing_done,
                                     std::ostream& err) {
  ValidateOptions validate;
  validate.path = path;
  validate.strict = strict;
  validate.left_out = left_out;
  Report report;
  const std::string read_error = validate_into_report(validate, &report);
  if (!read_error.empty()) {
    err << format_cli_error(read_error) << "\n";
    return kExitUsage;
  }
  // The findings go to stderr, as `cdrun validate` would print them, so stdout stays the command's own.
  if (!report.valid() || !report.diagnostics.empty()) write_text(err, report, TextStyle{false});
  if (report.valid()) return std::nullopt;
  err << command << ": " << path << " is not a valid bundle" << (strict ? " (--strict: warnings count)" : "") << "; "
      << nothing_done << "\n";
  return kExitInvalid;
}

int run_validate(const ValidateOptions& given, std::ostream& out, std::ostream& err) {
  Report report;
  ValidateOptions options = given;
  PrivateDownload download;  // removed on return, whatever the verdict
  std::string hint;
  if (std::string refused = fetch_remote_path(options, download, &hint); !refused.empty()) {
    err << format_cli_error(refused) << "\n";
    if (!hint.empty()) err << "hint: " << hint << "\n";
    report.target = given.path;
    report.read_error = refused;
    if (options.format != "text") write_report(out, report, options.format, false);
    return kExitUsage;
  }
  std::string error = validate_into_report(options, &report);
  if (options.path != given.path) {
    // Findings name the location, not the temporary copy.
    report.target = given.path;
    error = named_as_given(error, options.path, given.path);
    report.read_error = error;
    name_as_given(report.diagnostics, options.path, given.path);
    std::map<std::string, std::string> sources;
    for (auto& [file, text] : report.sources) sources[named_as_given(file, options.path, given.path)] = std::move(text);
    report.sources = std::move(sources);
  }
  if (!error.empty()) {
    err << format_cli_error(error) << "\n";
    // json, junit and sarif are read by CI report steps, which reject an empty file.
    if (options.format != "text") write_report(out, report, options.format, false);
    return kExitUsage;
  }
  write_report(out, report, options.format, use_color(options.color));
  return report.valid() ? kExitOk : kExitInvalid;
}

int run_validate_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                         std::ostream& err) {
  CLI::App app{"Check an appspec or a bundle the way CodeDeploy will", program};
  ValidateOptions options;
  app.add_option("path", options.path,
                 "Bundle directory, zip/tar/tgz bundle, appspec file, s3://bucket/key[?versionId=V&etag=E], or a GitHub "
                 "location as deploy -l takes it (default: .)");
  app.add_option("--format", options.format, "Output format")->check(CLI::IsMember({"text", "json", "junit", "sarif"}));
  app.add_option("--platform", options.platform, "Compute platform (default: detected)")
      ->check(CLI::IsMember({"server", "ecs", "lambda"}));
  app.add_option("--agent-os", options.agent_os, "Whose parser judges an EC2/on-premises appspec (default: its os)")
      ->check(CLI::IsMember({"linux", "windows"}));
  app.add_option("--agent-version", options.agent_version,
                 "Whose verdict counts for an EC2/on-premises appspec: agent 1.8, agent 2.x or both (default: all)")
      ->check(CLI::IsMember({"1.8", "2", "all"}));
  app.add_option("-c,--agent-configuration-file", options.agent_configuration_file,
                 "Agent 2.x's codedeployagent.yml: its opt-in hardening settings add the refusals they cause");
  app.add_option("-A,--appspec-filename", options.appspec_filename, "Appspec file name in the bundle, as codedeploy-local");
  app.add_option("-e,--events", options.events, "Lifecycle events as for codedeploy-local --events, to check their order");
  app.add_option("-t,--type", options.bundle_type, "Bundle type (default: detected)")
      ->check(CLI::IsMember({"directory", "zip", "tar", "tgz"}));
  app.add_option("--github-token", options.github_token,
                 "Token for a private GitHub repository (default: $GITHUB_TOKEN, else $CODEDEPLOY_GITHUB_TOKEN)");
  app.add_flag("--strict", options.strict, "Warnings make the bundle invalid");
  app.add_option("--color", options.color, "Colour in text output")->check(CLI::IsMember({"auto", "always", "never"}));
  if (std::optional<int> status = parse_command_line(app, args, out, err, kExitUsage)) return *status;
  return report_exceptions(err, [&] { return run_validate(options, out, err); });
}

}  // namespace cdrun
