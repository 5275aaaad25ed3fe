#include "runner/publish/push_output.h"

#include <nlohmann/json.hpp>

namespace cdrun::publish {
namespace {

// Quotes a word for a POSIX shell when it holds anything but the characters that never need it.
std::string shell_word(const std::string& word) {
  const bool plain = !word.empty() && word.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                             "0123456789_-.,/=:@+%") == std::string::npos;
  if (plain) return word;
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

std::string s3_location_shorthand(const aws::S3Revision& revision) {
  std::string text = "bucket=" + revision.bucket + ",key=" + revision.key + ",bundleType=" + revision.bundle_type;
  if (!revision.etag.empty()) text += ",eTag=" + revision.etag;
  if (!revision.version.empty()) text += ",version=" + revision.version;
  return text;
}

std::string next_command(const PublishRequest& request, const PublishResult& result) {
  if (!result.deployment_id.empty()) return "cdrun watch " + result.deployment_id;
  return "aws deploy create-deployment --application-name " + shell_word(request.application) +
         " --s3-location " + shell_word(s3_location_shorthand(result.revision)) + " --deployment-group-name <group>";
}

void write_push_text(std::ostream& out, const PublishRequest& request, const PublishResult& result) {
  const aws::S3Revision& revision = result.revision;
  out << "Uploaded s3://" << revision.bucket << "/" << revision.key << " (" << result.bytes << " bytes"
      << (result.multipart ? ", in parts" : "") << ")\n";
  if (result.key_from_content)
    out << "  key chosen from the archive's content under s3://" << revision.bucket << "/" << request.destination.key
        << ": the same bytes always get the same key\n";
  out << "  sha256   " << result.sha256 << "\n";
  out << "  eTag     " << revision.etag << "\n";
  out << "  version  " << (revision.version.empty() ? "(none: the bucket is not versioned)" : revision.version) << "\n";
  out << "Registered revision of application " << request.application << ": " << s3_location_shorthand(revision)
      << "\n";
  if (!result.deployment_id.empty())
    out << "Created deployment " << result.deployment_id << " in deployment group "
        << request.deployment->deployment_group << "\n";
  out << "Next: " << next_command(request, result) << "\n";
}

void write_push_json(std::ostream& out, const PublishRequest& request, const PublishResult& result) {
  const aws::S3Revision& revision = result.revision;
  nlohmann::json object{{"bucket", revision.bucket},       {"key", revision.key},
                        {"size", result.bytes},            {"sha256", result.sha256},
                        {"eTag", revision.etag},           {"version", nullptr},
                        {"multipart", result.multipart},   {"keyFromContent", result.key_from_content}};
  if (!revision.version.empty()) object["version"] = revision.version;
  nlohmann::json registered{{"applicationName", request.application}, {"revision", aws::revision_location(revision)}};
  if (!request.description.empty()) registered["description"] = request.description;
  nlohmann::json summary{{"s3Object", object}, {"registeredRevision", registered}};
  if (!result.deployment_id.empty()) {
    summary["deploymentId"] = result.deployment_id;
    summary["deploymentGroupName"] = request.deployment->deployment_group;
  }
  summary["next"] = next_command(request, result);
  out << summary.dump(2) << "\n";
}

}  // namespace cdrun::publish
