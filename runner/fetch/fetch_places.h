// Where deploy, plan and validate put an S3 bundle they download (runner/fetch does the download).
// deploy: <deployment>/bundle.tar, where the agent's DownloadBundle writes it (agent-behavior.md §2),
// before the first event, so that a failed download changes nothing. plan and validate: a private
// temporary directory, removed when the command ends, whatever happened.
#pragma once

#include <string>
#include <vector>

#include "runner/fetch/s3_fetch.h"
#include "runner/layout/deployment_layout.h"

namespace cdrun {

// A 0700 directory under $TMPDIR (else /tmp) holding the download; removed with everything in it by
// the destructor.
class PrivateDownload {
 public:
  PrivateDownload() = default;
  ~PrivateDownload();
  PrivateDownload(const PrivateDownload&) = delete;
  PrivateDownload& operator=(const PrivateDownload&) = delete;
  // Downloads `location` into the directory, as bundle.<type> when `named_by_type` (validate reads
  // the format from the name). On failure the directory is already gone.
  FetchResult fetch(const S3Location& location, bool named_by_type);

 private:
  std::string dir_;
  std::string file_;
};

// Downloads into layout.bundle_file(), creating the group and deployment directories; on failure
// removes what it created, so the deployment root is as it was.
FetchResult fetch_into_deployment(const S3Location& location, const DeploymentLayout& layout);

// "BUNDLE_BUCKET=...", "BUNDLE_KEY=...", and BUNDLE_VERSION / BUNDLE_ETAG when the location gives
// them (agent-behavior.md §5.4): the hook variables of an S3 revision.
std::vector<std::string> s3_bundle_variables(const S3Location& location);

}  // namespace cdrun
