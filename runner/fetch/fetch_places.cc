#include "runner/fetch/fetch_places.h"

#include <unistd.h>

#include <cstdlib>

#include "runner/fs/filesystem.h"

namespace cdrun {

PrivateDownload::~PrivateDownload() {
  std::string ignored;
  if (!dir_.empty()) download::remove_tree(dir_, &ignored);
}

FetchResult PrivateDownload::fetch(const S3Location& location, bool named_by_type) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/cdrun-s3-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    FetchResult failed;
    failed.error = "cannot download " + s3_location_text(location) + ": " +
                   download::errno_message("cannot create a temporary directory", pattern) +
                   "; set TMPDIR to a writable directory";
    return failed;
  }
  dir_ = pattern;
  file_ = dir_ + "/bundle";
  FetchResult result = fetch_s3_bundle(location, file_, aws::process_environment());
  std::string ignored;
  if (!result.bundle) {
    download::remove_tree(dir_, &ignored);
    dir_.clear();
    return result;
  }
  if (named_by_type) {
    const std::string named = file_ + "." + fetched_archive_type(location.key, file_);
    if (::rename(file_.c_str(), named.c_str()) == 0) file_ = named;
    result.bundle->path = file_;
  }
  return result;
}

FetchResult fetch_into_deployment(const S3Location& location, const DeploymentLayout& layout) {
  const bool group_existed = download::path_exists(layout.group_dir());
  FetchResult result;
  std::string error;
  if (!download::make_directories(layout.deployment_dir(), &error)) {
    result.error = "cannot download " + s3_location_text(location) + ": " + error;
  } else {
    result = fetch_s3_bundle(location, layout.bundle_file(), aws::process_environment());
  }
  if (!result.bundle) {
    // The deployment directory is new (its id was just drawn); the group's only when it did not exist.
    std::string ignored;
    download::remove_tree(layout.deployment_dir(), &ignored);
    if (!group_existed) ::rmdir(layout.group_dir().c_str());
  }
  return result;
}

std::vector<std::string> s3_bundle_variables(const S3Location& location) {
  std::vector<std::string> variables = {"BUNDLE_BUCKET=" + location.bucket, "BUNDLE_KEY=" + location.key};
  if (!location.version_id.empty()) variables.push_back("BUNDLE_VERSION=" + location.version_id);
  if (!location.etag.empty()) variables.push_back("BUNDLE_ETAG=" + location.etag);
  return variables;
}

}  // namespace cdrun
