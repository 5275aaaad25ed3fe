#include "runner/fetch/fetch_places.h"

#include <unistd.h>

#include <cstdlib>

#include "runner/fetch/github_fetch.h"
#include "runner/fetch/s3_fetch.h"
#include "runner/fs/filesystem.h"

namespace cdrun {
namespace {

std::string remote_text(const RemoteBundle& bundle) {
  if (const S3Location* s3 = std::get_if<S3Location>(&bundle.where)) return s3_location_text(*s3);
  return github_location_text(std::get<GithubLocation>(bundle.where));
}

// The S3 key names the format when it has an extension; a GitHub archive is known by its bytes.
std::string archive_name_hint(const RemoteBundle& bundle) {
  if (const S3Location* s3 = std::get_if<S3Location>(&bundle.where)) return s3->key;
  return "";
}

}  // namespace

FetchResult fetch_remote_bundle(const RemoteBundle& bundle, const std::string& destination) {
  const aws::EnvLookup env = aws::process_environment();
  if (const S3Location* s3 = std::get_if<S3Location>(&bundle.where)) return fetch_s3_bundle(*s3, destination, env);
  GithubFetchSettings settings;
  settings.api_base = github_api_base(env);
  settings.token = bundle.github_token;
  settings.user_agent = bundle.user_agent;
  settings.env = env;
  return fetch_github_bundle(std::get<GithubLocation>(bundle.where), bundle.type, destination, settings);
}

PrivateDownload::~PrivateDownload() {
  std::string ignored;
  if (!dir_.empty()) download::remove_tree(dir_, &ignored);
}

FetchResult PrivateDownload::fetch(const RemoteBundle& bundle, bool named_by_type) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/cdrun-fetch-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    FetchResult failed;
    failed.error = "cannot download " + remote_text(bundle) + ": " +
                   download::errno_message("cannot create a temporary directory", pattern) +
                   "; set TMPDIR to a writable directory";
    return failed;
  }
  dir_ = pattern;
  file_ = dir_ + "/bundle";
  FetchResult result = fetch_remote_bundle(bundle, file_);
  std::string ignored;
  if (!result.bundle) {
    download::remove_tree(dir_, &ignored);
    dir_.clear();
    return result;
  }
  if (named_by_type) {
    const std::string named = file_ + "." + fetched_archive_type(archive_name_hint(bundle), file_);
    if (::rename(file_.c_str(), named.c_str()) == 0) file_ = named;
    result.bundle->path = file_;
  }
  return result;
}

FetchResult fetch_into_deployment(const RemoteBundle& bundle, const DeploymentLayout& layout) {
  const bool group_existed = download::path_exists(layout.group_dir());
  FetchResult result;
  std::string error;
  if (!download::make_directories(layout.deployment_dir(), &error)) {
    result.error = "cannot download " + remote_text(bundle) + ": " + error;
  } else {
    result = fetch_remote_bundle(bundle, layout.bundle_file());
  }
  if (!result.bundle) {
    // The deployment directory is new (its id was just drawn); the group's only when it did not exist.
    std::string ignored;
    download::remove_tree(layout.deployment_dir(), &ignored);
    if (!group_existed) ::rmdir(layout.group_dir().c_str());
  }
  return result;
}

std::vector<std::string> remote_bundle_variables(const RemoteBundle& bundle) {
  if (const GithubLocation* github = std::get_if<GithubLocation>(&bundle.where)) {
    return {"BUNDLE_COMMIT=" + github->commit};
  }
  const S3Location& location = std::get<S3Location>(bundle.where);
  std::vector<std::string> variables = {"BUNDLE_BUCKET=" + location.bucket, "BUNDLE_KEY=" + location.key};
  if (!location.version_id.empty()) variables.push_back("BUNDLE_VERSION=" + location.version_id);
  if (!location.etag.empty()) variables.push_back("BUNDLE_ETAG=" + location.etag);
  return variables;
}

bool is_remote_bundle_variable(const RemoteBundle& bundle, const std::string& name) {
  if (std::holds_alternative<GithubLocation>(bundle.where)) return name == "BUNDLE_COMMIT";
  return name == "BUNDLE_BUCKET" || name == "BUNDLE_KEY" || name == "BUNDLE_VERSION" || name == "BUNDLE_ETAG";
}

}  // namespace cdrun
