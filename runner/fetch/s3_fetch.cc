#include "runner/fetch/s3_fetch.h"

#include <unistd.h>

#include <cctype>
#include <fstream>

#include "aws/core/client_settings.h"
#include "aws/s3/s3_address.h"

namespace cdrun {
namespace {

// What the agent prints for Aws::Errors::MissingCredentialsError (agent-behavior.md §7.5).
constexpr const char* kAgentMissingCredentials =
    "We were unable to download content from the Amazon S3 bucket due to missing or invalid credentials. For "
    "information about specifying your AWS credentials, see "
    "https://aws.amazon.com/blogs/security/a-new-and-standardized-way-to-manage-credentials-in-the-aws-sdks";

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// One sentence for a failed GetObject: what S3 said about the location and what to change.
std::string explain_get_failure(const S3Location& location, const aws::AwsFailure& failure,
                                const aws::ClientSettings& settings, const std::string& endpoint) {
  const std::string where = s3_location_text(location);
  const std::string identity =
      "access key " + aws::mask_access_key(settings.credentials.keys.access_key_id) + " (" + settings.credentials.source + ")";
  const std::string& code = failure.code;
  if (code == "NoSuchKey") {
    return "cannot download " + where + ": bucket " + location.bucket + " has no object with the key " + location.key +
           " (NoSuchKey); check the key, or upload the bundle there first";
  }
  if (code == "NoSuchBucket") {
    return "cannot download " + where + ": there is no bucket " + location.bucket + " at " + endpoint +
           " (NoSuchBucket); check the bucket name and the region";
  }
  if (code == "AccessDenied") {
    return "cannot download " + where + ": S3 denied " + identity + " access (AccessDenied); allow it s3:GetObject" +
           (location.version_id.empty() ? "" : " and s3:GetObjectVersion") + " on arn:aws:s3:::" + location.bucket +
           "/" + location.key + " in its IAM policy and the bucket policy";
  }
  if (code == "NoSuchVersion" || (code == "InvalidArgument" && !location.version_id.empty())) {
    return "cannot download " + where + ": S3 has no version " + location.version_id + " of that object (" + code +
           "); check the versionId, or leave it out for the current version";
  }
  if (code == "InvalidAccessKeyId" || code == "SignatureDoesNotMatch" || code == "ExpiredToken" ||
      code == "InvalidToken") {
    return "cannot download " + where + ": S3 refused " + identity + " (" + code +
           "); give valid credentials (environment, shared credentials file or profile)";
  }
  if (failure.kind == aws::FailureKind::kNetwork) {
    return "cannot download " + where + ": no answer from " + endpoint + " (" + failure.message +
           "); check the network, the region, and AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL if you set one";
  }
  const std::string said = failure.code.empty() ? failure.message : failure.code + ": " + failure.message;
  return "cannot download " + where + ": S3 answered HTTP " + std::to_string(failure.http_status) + " (" + said +
         "); check the location and try again";
}

}  // namespace

FetchResult fetch_s3_bundle(const S3Location& location, const std::string& destination, const aws::EnvLookup& env,
                            const aws::S3Retry& retry) {
  FetchResult result;
  const std::string where = s3_location_text(location);
  aws::ClientQuery query;
  query.has_region_option = false;  // deploy, plan and validate take the region from the environment only
  const aws::ClientLookup client = aws::resolve_client(query, env);
  if (!client.settings) {
    if (client.no_credentials) {
      result.error = kAgentMissingCredentials;
      result.hint = "cannot download " + where + ": " + client.error;
    } else {
      result.error = "cannot download " + where + ": " + client.error;
    }
    return result;
  }
  bool custom = false;
  const aws::ServiceTarget target = aws::client_target(*client.settings, "S3", "s3", env, &custom);
  const aws::AwsResult<aws::S3DownloadedObject> got = aws::s3_get_object(
      target, custom, {location.bucket, location.key, location.version_id}, client.settings->credentials.keys,
      destination, retry);
  if (!got.ok()) {
    result.error = aws::redact(explain_get_failure(location, got.failure, *client.settings, target.endpoint),
                               {client.settings->credentials.keys.secret_access_key,
                                client.settings->credentials.keys.session_token});
    return result;
  }
  const std::string expected = aws::s3_etag_without_quotes(location.etag);
  if (!expected.empty() && expected != got.value->etag) {
    ::unlink(destination.c_str());
    result.error = "Expected deployment artifact bundle etag " + expected + " but was actually " + got.value->etag;
    result.hint = where + " is not the object whose etag was given: deploy the version you meant with versionId=, or "
                  "give its current etag";
    return result;
  }
  result.bundle = FetchedBundle{destination, got.value->size, got.value->etag, got.value->version_id};
  return result;
}

std::string fetched_archive_type(const std::string& key, const std::string& file) {
  const std::string name = lower(key);
  if (ends_with(name, ".zip")) return "zip";
  if (ends_with(name, ".tgz") || ends_with(name, ".tar.gz")) return "tgz";
  if (ends_with(name, ".tar")) return "tar";
  std::ifstream in(file, std::ios::binary);
  char magic[4] = {0, 0, 0, 0};
  in.read(magic, sizeof magic);
  if (in.gcount() >= 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) return "zip";
  if (in.gcount() >= 2 && static_cast<unsigned char>(magic[0]) == 0x1f && static_cast<unsigned char>(magic[1]) == 0x8b)
    return "tgz";
  return "tar";
}

}  // namespace cdrun
