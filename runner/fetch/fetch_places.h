// Where deploy, plan and validate put a remote bundle (S3 or GitHub) they download, and the hook
// variables it gives the scripts. deploy: <deployment>/bundle.tar, where the agent's DownloadBundle
// writes it (agent-behavior.md §2), before the first event, so that a failed download changes
// nothing. plan and validate: a private temporary directory, removed when the command ends, whatever
// happened.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "runner/fetch/fetch_result.h"
#include "runner/fetch/github_location.h"
#include "runner/fetch/s3_location.h"
#include "runner/layout/deployment_layout.h"

namespace cdrun {

struct RemoteBundle {
  std::variant<S3Location, GithubLocation> where;
  std::string type;          // -t as given: S3 needs tgz, tar or zip; GitHub maps it (github_bundle_type)
  std::string github_token;  // "" = anonymous; never printed
  std::string user_agent;    // sent to GitHub: "cdrun/<version>"
};

// Downloads `bundle` into `destination` (absent afterwards on failure), reading the process
// environment: AWS settings for S3, CDRUN_GITHUB_API_URL and the CA variables for GitHub.
FetchResult fetch_remote_bundle(const RemoteBundle& bundle, const std::string& destination);

// A 0700 directory under $TMPDIR (else /tmp) holding the download; removed with everything in it by
// the destructor.
class PrivateDownload {
 public:
  PrivateDownload() = default;
  ~PrivateDownload();
  PrivateDownload(const PrivateDownload&) = delete;
  PrivateDownload& operator=(const PrivateDownload&) = delete;
  // Downloads `bundle` into the directory, as bundle.<type> when `named_by_type` (validate reads the
  // format from the name). On failure the directory is already gone.
  FetchResult fetch(const RemoteBundle& bundle, bool named_by_type);

 private:
  std::string dir_;
  std::string file_;
};

// Downloads into layout.bundle_file(), creating the group and deployment directories; on failure
// removes what it created, so the deployment root is as it was.
FetchResult fetch_into_deployment(const RemoteBundle& bundle, const DeploymentLayout& layout);

// The revision's hook variables (agent-behavior.md §5.4): BUNDLE_BUCKET, BUNDLE_KEY, and
// BUNDLE_VERSION / BUNDLE_ETAG when the location gives them, for S3; BUNDLE_COMMIT for GitHub.
std::vector<std::string> remote_bundle_variables(const RemoteBundle& bundle);

// True for the names remote_bundle_variables may set for `bundle`'s kind of location: inherited ones
// are dropped, so that the scripts never see another revision's (the others pass, as in the agent).
bool is_remote_bundle_variable(const RemoteBundle& bundle, const std::string& name);

}  // namespace cdrun
