// GetObject of one S3 object (optionally one version of it) straight into a file, with the retries a
// download of a deployment bundle deserves. Expected failures are values carrying S3's own error code
// (NoSuchKey, NoSuchBucket, AccessDenied, NoSuchVersion, InvalidArgument, ...) read from its XML error
// document, which S3 sends with every 4xx/5xx answer to a GET.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "aws/core/aws_errors.h"
#include "aws/core/sigv4_client.h"
#include "aws/http/retry_schedule.h"

namespace cdrun::aws {

struct S3ObjectRequest {
  std::string bucket;
  std::string key;         // as stored, not encoded
  std::string version_id;  // "" = the current version
};

struct S3DownloadedObject {
  std::uint64_t size = 0;
  std::string etag;        // the ETag header without its quotes
  std::string version_id;  // x-amz-version-id ("" when the bucket is not versioned)
};

// How a transient failure is retried (aws/http/retry_schedule.h: 3 attempts, 1 s then 2 s); `send`
// is the transport (tests pass a fake). Empty functions mean the real ones.
struct S3Retry : http::RetrySchedule {
  std::function<AwsResult<HttpAnswer>(const ServiceTarget&, const SignedRequest&, const SigV4Credentials&)> send;
};

// Downloads into `destination` (created 0600, or truncated). On failure `destination` does not exist
// afterwards, whatever was written. `custom_endpoint` chooses the path style (s3_address.h).
AwsResult<S3DownloadedObject> s3_get_object(const ServiceTarget& target, bool custom_endpoint,
                                            const S3ObjectRequest& object, const SigV4Credentials& credentials,
                                            const std::string& destination, const S3Retry& retry = {});

// S3's failures worth another attempt: no answer, a 5xx (SlowDown is a 503), RequestTimeout (a 400),
// throttling, and a body shorter than its Content-Length.
bool s3_transient(const AwsFailure& failure);

}  // namespace cdrun::aws
