#include "aws/s3/s3_put.h"

#include "aws/core/sts_assume_role.h"
#include "aws/s3/s3_address.h"

namespace cdrun::aws {
namespace {

// What a person should check for S3's common refusals of a write (S3 API reference, Error Responses).
std::string advice_for(const std::string& code) {
  if (code == "AccessDenied")
    return "the credentials may not write there: they need s3:PutObject (and, for large archives, "
           "s3:AbortMultipartUpload) on the bucket's objects";
  if (code == "NoSuchBucket") return "the bucket does not exist: check the name of --s3-location and the region";
  if (code == "InvalidAccessKeyId") return "the access key id is not known to S3: check the credentials";
  if (code == "SignatureDoesNotMatch") return "the secret access key does not match the key id: check the credentials";
  if (code == "ExpiredToken" || code == "TokenRefreshRequired") return "the session credentials have expired";
  if (code == "PermanentRedirect" || code == "AuthorizationHeaderMalformed")
    return "the bucket is in another region: pass --region with the bucket's region";
  return "";
}

}  // namespace

AwsResult<HttpAnswer> s3_object_request(const S3Client& client, const std::string& method, const std::string& bucket,
                                        const std::string& key, const std::string& query, const std::string& body,
                                        long total_timeout_seconds) {
  const S3Address address = s3_object_address(client.target.endpoint, client.custom, bucket, key);
  ServiceTarget target = client.target;
  target.endpoint = address.endpoint;
  SignedRequest request;
  request.method = method;
  request.service = "s3";
  request.path = address.path;
  request.query = query;
  request.body = body;
  request.total_timeout_seconds = total_timeout_seconds;
  return send_signed(target, request, client.credentials);
}

AwsFailure s3_error(const HttpAnswer& answer) {
  if (!answer.body.empty()) return parse_xml_error(answer.status, answer.body);
  AwsFailure failure;
  failure.kind = FailureKind::kService;
  failure.http_status = answer.status;
  // A HEAD or an empty error body: the status is all there is.
  failure.code = answer.status == 403 ? "AccessDenied" : answer.status == 404 ? "NotFound" : "";
  failure.message = "HTTP " + std::to_string(answer.status);
  return failure;
}

StoredObject stored_object_of(const HttpAnswer& answer) {
  std::string version = answer.header("x-amz-version-id");
  // "null" is the id of the one unversioned slot an overwrite replaces (versioning off or suspended,
  // S3 User Guide "Working with objects in a versioning-suspended bucket"): it pins nothing.
  if (version == "null") version.clear();
  return {s3_etag_without_quotes(answer.header("ETag")), version};
}

AwsResult<StoredObject> s3_put_object(const S3Client& client, const std::string& bucket, const std::string& key,
                                      const std::string& body) {
  // Up to the multipart threshold (16 MiB by default): a minute per 16 MiB is generous on any link
  // that could carry the upload at all.
  AwsResult<HttpAnswer> answer = s3_object_request(client, "PUT", bucket, key, "", body, 300);
  if (!answer.ok()) return AwsResult<StoredObject>::fail(answer.failure);
  if (answer.value->status / 100 != 2) return AwsResult<StoredObject>::fail(s3_error(*answer.value));
  return AwsResult<StoredObject>::success(stored_object_of(*answer.value));
}

std::string s3_failure_text(const AwsFailure& failure, const std::string& bucket, const std::string& key) {
  const std::string where = "s3://" + bucket + "/" + key;
  if (failure.kind == FailureKind::kNetwork) return where + ": no answer from S3 (" + failure.message + ")";
  if (failure.kind == FailureKind::kResponse)
    return where + ": S3 answered HTTP " + std::to_string(failure.http_status) + " with " + failure.message;
  std::string text = where + ": S3 refused the upload (" + (failure.code.empty() ? "HTTP " + std::to_string(failure.http_status) : failure.code);
  if (!failure.message.empty()) text += ": " + failure.message;
  text += ")";
  const std::string advice = advice_for(failure.code);
  if (!advice.empty()) text += "; " + advice;
  return text;
}

}  // namespace cdrun::aws
