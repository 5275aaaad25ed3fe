#include "runner/cli/deploy_checks.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstring>

#include "appspec/core/lifecycle_events.h"
#include "runner/cli/command_line.h"
#include "runner/fetch/github_fetch.h"
#include "runner/fs/filesystem.h"
#include "runner/fs/ruby_paths.h"
#include "runner/layout/deployment_layout.h"

namespace cdrun {
namespace {

// Ruby's URI.parse refuses these characters (and any non-ASCII byte) in a location.
bool valid_uri(const std::string& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c <= 0x20 || c >= 0x7f) return false;
    if (std::string("\"<>\\^`{|}").find(static_cast<char>(c)) != std::string::npos) return false;
    if (c == '%' && !(i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
                      std::isxdigit(static_cast<unsigned char>(s[i + 2]))))
      return false;
  }
  return true;
}

std::string scheme_of(const std::string& s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return {};
  for (size_t i = 1; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ':') return s.substr(0, i);
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return {};
  }
  return {};
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool exists(const std::string& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0;
}

bool is_directory(const std::string& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string appspec_presence_error(const std::string& location, const std::optional<std::string>& name) {
  if (name) {
    if (exists(join_path(location, *name))) return {};
    return "Expecting appspec file at location " + location + "/" + *name +
           " but it is not found there. Please either run the CLI from within a directory containing the " + *name +
           " file or specify a bundle location containing an " + *name + " file in its root directory";
  }
  if (exists(join_path(location, "appspec.yml")) || exists(join_path(location, "appspec.yaml"))) return {};
  return "Expecting appspec file at location " + location + "/appspec.yml or " + location +
         "/appspec.yaml but it is not found there. Please either run the CLI from within a directory containing the "
         "appspec.yml or appspec.yaml file or specify a bundle location containing an appspec.yml or appspec.yaml "
         "file in its root directory";
}

const char* archive_description(BundleKind kind) {
  switch (kind) {
    case BundleKind::zip: return "a zip archive";
    case BundleKind::tgz: return "a gzip-compressed tar archive";
    case BundleKind::tar: return "a tar archive";
    case BundleKind::directory: break;
  }
  return "a directory";
}

// -t defaults to directory, as in codedeploy-local, so `-l app.tgz` alone is refused; this names
// the -t the file needs, judged as `validate` judges an archive. "" when it is none of them.
std::string archive_type_hint(const std::string& location, const std::string& local) {
  const OpenedBundle opened = open_bundle(local);
  if (!opened.bundle || opened.bundle->kind() == BundleKind::directory) return {};
  const BundleKind kind = opened.bundle->kind();
  return location + " is " + archive_description(kind) + ": add -t " + bundle_kind_name(kind);
}

std::optional<std::string> events_error(const DeployOptions& options) {
  if (!options.events) return std::nullopt;
  return events_order_error(split_events(*options.events), *options.events);
}

// The agent checks the events (CLIValidator), then the location's form while building the spec, then
// the spec's S3Revision, whose BundleType must be an archive type: -t's default, directory, is refused.
// A GitHub revision takes any -t (github_bundle_type maps it to zip or tar).
DeployCheck check_remote_location(const DeployOptions& options, const std::string& location, bool s3) {
  DeployCheck check;
  if (std::optional<std::string> refused = events_error(options)) {
    check.error = *refused;
    return check;
  }
  RemoteBundle remote;
  remote.type = options.type;
  if (s3) {
    S3LocationParse parse = parse_s3_location(location);
    if (!parse.location) {
      check.error = parse.error;
      return check;
    }
    if (options.type == "directory") {
      check.error = "BundleType in S3Revision must be tar, tgz or zip";
      check.hint = location + " is downloaded as an archive: add -t zip, -t tgz or -t tar";
      return check;
    }
    remote.where = *parse.location;
  } else {
    GithubLocationParse parse = parse_github_location(location);
    if (!parse.location) {
      check.error = parse.error;
      return check;
    }
    remote.where = *parse.location;
    remote.type = github_bundle_type(options.type);
    remote.github_token = github_token(options.github_token, aws::process_environment());
    remote.user_agent = cdrun_user_agent();
  }
  check.bundle = LocalBundle{location, "", remote.type, remote};
  return check;
}

}  // namespace

DeployCheck check_deploy_options(const DeployOptions& options, const std::string& cwd) {
  DeployCheck check;
  const std::string location = options.bundle_location.value_or(cwd);
  const std::string& type = options.type;
  if (type != "tgz" && type != "tar" && type != "zip" && type != "directory") {
    check.error = "type " + type + " is not a valid type. Must be one of tgz,tar,zip,directory";
    return check;
  }
  if (!valid_uri(location)) {
    check.error = "location " + location + " is not a valid uri";
    return check;
  }
  const std::string scheme = lower(scheme_of(location));
  if (scheme == "http") {
    check.error = "location " + location + " cannot be http, only encrypted (https) url endpoints supported";
    return check;
  }
  if (scheme == "s3") return check_remote_location(options, location, true);
  if (scheme == "https" && is_github_location(location)) return check_remote_location(options, location, false);
  std::string local = location;
  if (scheme == "file") {
    local = location.substr(5);
    if (local.rfind("//", 0) == 0) local = local.substr(local.find('/', 2) == std::string::npos ? local.size() : local.find('/', 2));
  } else if (scheme == "https" || (!scheme.empty() && scheme.size() > 1)) {
    check.error = "unknown location " + location + " cannot be determined to be S3, Github, or a local file / directory";
    return check;
  }
  if (!exists(local)) {
    check.error = "location " + location + " is specified as a file or directory which does not exist";
    return check;
  }
  if (type == "directory" && !is_directory(local)) {
    check.error = "location " + location + " is specified with type directory but it is a file";
    check.hint = archive_type_hint(location, local);
    return check;
  }
  if (type != "directory" && is_directory(local)) {
    check.error = "location " + location + " is specified as a compressed local file but it is a directory";
    return check;
  }
  if (type == "directory") {
    check.error = appspec_presence_error(location, options.appspec_filename);
    if (!check.error.empty()) return check;
  }
  if (std::optional<std::string> refused = events_error(options)) {
    check.error = *refused;
    return check;
  }
  // File.expand_path, except that a leading '~' stays a name: the path checked above is the one
  // in the working directory, and the bundle deployed must be that one.
  check.bundle = LocalBundle{location, ruby_expand_path(local, cwd, TildePrefix::literal), type, std::nullopt};
  return check;
}

AgentConfigLoad resolve_deploy_config(const DeployOptions& options) {
  AgentConfigLoad load = load_agent_config(options.agent_configuration_file, kDefaultAgentConfig);
  if (!load.error.empty()) return load;
  if (options.root_dir) {
    load.config.root_dir = *options.root_dir;
    // A :log_dir: the user's own -c file sets stays; the installed agent's (the default file) is
    // for its own root, which --root-dir has just replaced.
    const bool log_dir_chosen = options.agent_configuration_file &&
                                load.config.log_dir_source == *options.agent_configuration_file;
    if (!log_dir_chosen) load.config.log_dir = log_dir_under_root(*options.root_dir);
  }
  apply_default_locations(load.config, ::geteuid() == 0);
  if (!archives_to_retain(load.config)) {
    load.error = "Invalid configuration :max_revision=" + load.config.max_revisions_text +
                 " (the agent would signal its parent process and go on; cdrun stops)";
  }
  return load;
}

std::string create_per_user_directory(const std::string& dir) {
  if (dir.empty()) return {};
  std::string mkdir_error;
  if (download::make_directories(dir, &mkdir_error)) return {};
  const int reason = errno;
  return "cannot create the per-user directory " + dir + " (" + std::strerror(reason) +
         "): set XDG_STATE_HOME or HOME to a directory you can write, or pass --root-dir DIR to deploy under DIR";
}

std::string permission_hint(int error_number) {
  if (error_number != EACCES && error_number != EPERM && error_number != EROFS) return {};
  return "run as root, or pass --root-dir DIR to deploy into a directory you can write";
}

std::string process_working_directory() {
  char buffer[PATH_MAX];
  return ::getcwd(buffer, sizeof buffer) ? buffer : ".";
}

BundleKind bundle_kind_of(const std::string& type) {
  if (type == "zip") return BundleKind::zip;
  if (type == "tar") return BundleKind::tar;
  if (type == "tgz") return BundleKind::tgz;
  return BundleKind::directory;
}

std::string upper_case(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string named_as_given(std::string text, const std::string& copy, const std::string& given) {
  if (copy.empty()) return text;
  for (size_t at = text.find(copy); at != std::string::npos; at = text.find(copy, at + given.size()))
    text.replace(at, copy.size(), given);
  return text;
}

void name_as_given(Diagnostics& diagnostics, const std::string& copy, const std::string& given) {
  for (Diagnostic& diagnostic : diagnostics) {
    diagnostic.file = named_as_given(diagnostic.file, copy, given);
    diagnostic.message = named_as_given(diagnostic.message, copy, given);
    diagnostic.hint = named_as_given(diagnostic.hint, copy, given);
  }
}

}  // namespace cdrun
