#include "aws/s3/s3_get_object.h"

#include <unistd.h>

#include "aws/core/sigv4_signer.h"
#include "aws/core/sts_assume_role.h"
#include "aws/s3/s3_address.h"

namespace cdrun::aws {
namespace {

// A bundle of several hundred MB over a slow link: the whole answer may take long, the connection not.
constexpr long kDownloadSeconds = 3600;

AwsFailure short_body_failure(std::uint64_t expected, std::uint64_t received) {
  AwsFailure failure;
  failure.kind = FailureKind::kNetwork;
  failure.transport = http::TransportError::kIo;
  failure.message = "the answer ended after " + std::to_string(received) + " of " + std::to_string(expected) + " bytes";
  return failure;
}

// One GET: the object, or why not. The file is left to the caller to remove.
AwsResult<S3DownloadedObject> attempt(const ServiceTarget& target, const SignedRequest& request,
                                      const SigV4Credentials& credentials, const S3Retry& retry) {
  const AwsResult<HttpAnswer> sent =
      retry.send ? retry.send(target, request, credentials) : send_signed(target, request, credentials);
  if (!sent.ok()) return AwsResult<S3DownloadedObject>::fail(sent.failure);
  const HttpAnswer& answer = *sent.value;
  if (answer.status < 200 || answer.status > 299) {
    return AwsResult<S3DownloadedObject>::fail(parse_xml_error(answer.status, answer.body));
  }
  const std::string length = answer.header("Content-Length");
  if (!length.empty() && length.find_first_not_of("0123456789") == std::string::npos &&
      std::stoull(length) != answer.body_file_bytes) {
    return AwsResult<S3DownloadedObject>::fail(short_body_failure(std::stoull(length), answer.body_file_bytes));
  }
  S3DownloadedObject object;
  object.size = answer.body_file_bytes;
  object.etag = s3_etag_without_quotes(answer.header("ETag"));
  object.version_id = answer.header("x-amz-version-id");
  return AwsResult<S3DownloadedObject>::success(object);
}

}  // namespace

bool s3_transient(const AwsFailure& failure) {
  if (failure.kind == FailureKind::kNetwork) return http::transport_transient(failure.transport);
  if (failure.code == "RequestTimeout" || failure.code == "SlowDown") return true;
  return is_transient(failure);
}

AwsResult<S3DownloadedObject> s3_get_object(const ServiceTarget& target, bool custom_endpoint,
                                            const S3ObjectRequest& object, const SigV4Credentials& credentials,
                                            const std::string& destination, const S3Retry& retry) {
  const S3Address address = s3_object_address(target.endpoint, custom_endpoint, object.bucket, object.key);
  ServiceTarget object_target = target;
  object_target.endpoint = address.endpoint;
  SignedRequest request;
  request.method = "GET";
  request.service = "s3";
  request.path = address.path;
  if (!object.version_id.empty()) request.query = "versionId=" + percent_encode(object.version_id);
  request.response_body_file = destination;
  request.total_timeout_seconds = kDownloadSeconds;

  AwsResult<S3DownloadedObject> result = AwsResult<S3DownloadedObject>::fail({});
  http::run_with_retries(retry, [&](int) {
    result = attempt(object_target, request, credentials, retry);
    if (result.ok()) return http::AttemptOutcome::kDone;
    ::unlink(destination.c_str());  // a partial body never survives, nor is it resumed
    return s3_transient(result.failure) ? http::AttemptOutcome::kTransient : http::AttemptOutcome::kDone;
  });
  return result;
}

}  // namespace cdrun::aws
