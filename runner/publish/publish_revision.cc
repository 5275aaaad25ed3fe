#include "runner/publish/publish_revision.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "runner/pack/pack_bundle.h"

namespace cdrun::publish {
namespace {

// A private temporary directory for the archive written from a directory; removed with it.
class ScratchDirectory {
 public:
  ScratchDirectory() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/cdrun-push-XXXXXX";
    if (::mkdtemp(pattern.data())) path_ = pattern;
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

PublishResult failed(PublishResult result, PublishStep step, const std::string& error, const std::string& code = "") {
  result.failed_step = step;
  result.error = error;
  result.failure_code = code;
  return result;
}

// A CodeDeploy refusal in one sentence: "RegisterApplicationRevision: ApplicationDoesNotExistException: ...".
std::string codedeploy_failure_text(const std::string& operation, const aws::AwsFailure& failure) {
  std::string text = "CodeDeploy " + operation + " failed: ";
  if (failure.kind == aws::FailureKind::kNetwork) return text + "no answer (" + failure.message + ")";
  if (!failure.code.empty()) text += failure.code + (failure.message.empty() ? "" : ": ");
  return text + failure.message;
}

}  // namespace

std::string bundle_type_name(pack::ArchiveFormat format) {
  switch (format) {
    case pack::ArchiveFormat::zip: return "zip";
    case pack::ArchiveFormat::tar: return "tar";
    case pack::ArchiveFormat::tgz: return "tgz";
  }
  return "zip";
}

PublishResult publish_revision(const PublishRequest& request, const PublishClients& clients) {
  PublishResult result;
  const std::string type = bundle_type_name(request.format);
  const std::string name = revision_name(request.source);

  ScratchDirectory scratch;
  std::string archive = request.source;
  if (request.source_is_directory) {
    if (scratch.path().empty()) return failed(result, PublishStep::archive, "cannot create a temporary directory");
    archive = scratch.path() + "/" + name + "." + type;
    const pack::BundleResult written = pack::write_bundle({request.source, archive, request.format, request.mtime});
    if (!written.error.empty()) return failed(result, PublishStep::archive, written.error);
    result.bytes = written.bytes;
    result.sha256 = written.sha256;
  } else {
    struct stat info {};
    if (::stat(archive.c_str(), &info) != 0) return failed(result, PublishStep::archive, "cannot read " + archive);
    std::string error;
    result.bytes = info.st_size;
    result.sha256 = pack::file_sha256_hex(archive, &error);
    if (!error.empty()) return failed(result, PublishStep::archive, error);
  }

  aws::S3Revision& revision = result.revision;
  revision.bucket = request.destination.bucket;
  revision.bundle_type = type;
  revision.key = request.destination.key;
  if (request.destination.is_prefix) {
    revision.key = content_addressed_key(request.destination.key, name, result.sha256, type);
    result.key_from_content = true;
  }

  const auto size = static_cast<std::uint64_t>(result.bytes);
  result.multipart = size > request.limits.multipart_threshold;
  aws::AwsResult<aws::StoredObject> stored =
      aws::s3_upload_file(clients.s3, revision.bucket, revision.key, archive, size, request.limits);
  if (!stored.ok())
    return failed(result, PublishStep::upload, aws::s3_failure_text(stored.failure, revision.bucket, revision.key),
                  stored.failure.code);
  revision.etag = stored.value->etag;
  revision.version = stored.value->version_id;

  const aws::AwsResult<aws::Done> registered =
      call_with_retries<aws::Done>(clients.codedeploy_retry, true, [&] {
        return aws::register_application_revision(clients.codedeploy, clients.s3.credentials, request.application,
                                                  revision, request.description);
      });
  if (!registered.ok())
    return failed(result, PublishStep::register_revision,
                  codedeploy_failure_text("RegisterApplicationRevision", registered.failure), registered.failure.code);

  if (request.deployment) {
    const aws::AwsResult<std::string> created =
        call_with_retries<std::string>(clients.codedeploy_retry, false, [&] {
          return aws::create_deployment(clients.codedeploy, clients.s3.credentials, *request.deployment, revision);
        });
    if (!created.ok())
      return failed(result, PublishStep::create_deployment,
                    codedeploy_failure_text("CreateDeployment", created.failure), created.failure.code);
    result.deployment_id = *created.value;
  }
  return result;
}

}  // namespace cdrun::publish
