// `cdrun push` once its input has been validated: the archive (written here from a directory, to a
// temporary file removed afterwards, by the same writer as `cdrun bundle`), uploaded to S3,
// registered as a revision of the application and, when a deployment group is given, deployed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "aws/codedeploy/codedeploy_revision.h"
#include "aws/s3/s3_upload.h"
#include "runner/pack/archive_writer.h"
#include "runner/publish/codedeploy_retry.h"
#include "runner/publish/s3_destination.h"

namespace cdrun::publish {

struct PublishRequest {
  std::string source;        // a bundle directory or an archive file
  bool source_is_directory = false;
  pack::ArchiveFormat format = pack::ArchiveFormat::zip;  // of the archive, written or given
  std::int64_t mtime = pack::kFixedEpoch;                  // members' mtime when writing one
  S3Destination destination;
  std::string application;
  std::string description;
  std::optional<aws::DeploymentRequest> deployment;  // set: create a deployment of the revision
  aws::UploadLimits limits;
};

// Where the two services are and who calls them.
struct PublishClients {
  aws::S3Client s3;
  aws::ServiceTarget codedeploy;
  CodeDeployRetry codedeploy_retry;
};

// The step that failed, in the order they run.
enum class PublishStep { none, archive, upload, register_revision, create_deployment };

struct PublishResult {
  PublishStep failed_step = PublishStep::none;
  std::string error;           // what failed and what to check; "" on success
  std::string failure_code;    // AWS's error code, when AWS refused
  bool key_from_content = false;  // the key was chosen under a prefix from the archive's sha256
  std::int64_t bytes = 0;
  std::string sha256;
  bool multipart = false;
  aws::S3Revision revision;    // bucket, key, bundleType, eTag, version as registered
  std::string deployment_id;   // "" unless a deployment was created
};

PublishResult publish_revision(const PublishRequest& request, const PublishClients& clients);

// "zip", "tar" or "tgz": CodeDeploy's bundleType, also the key's extension.
std::string bundle_type_name(pack::ArchiveFormat format);

}  // namespace cdrun::publish
