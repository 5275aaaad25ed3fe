// Writing one object to S3: PutObject, and the S3 client state both upload paths share. S3 errors
// (AccessDenied, NoSuchBucket, ...) come back as values; s3_failure_text turns them into a sentence.
#pragma once

#include <string>

#include "aws/core/aws_errors.h"
#include "aws/core/sigv4_client.h"

namespace cdrun::aws {

// Where S3 calls go and who signs them: `target` from client_target(settings, "S3", "s3", ...),
// `custom` as it reported (a custom endpoint gets path-style addresses, s3_address.h).
struct S3Client {
  ServiceTarget target;
  bool custom = false;
  SigV4Credentials credentials;
};

// What S3 says of a stored object: its ETag without the quotes, and the version id a versioned
// bucket gives it ("" otherwise, and for S3's "null" version of an unversioned bucket).
struct StoredObject {
  std::string etag;
  std::string version_id;
};

// One signed S3 request on `bucket`/`key`: `query` as on the wire ("uploadId=..."), the answer or
// "no answer". Shared by PutObject and the multipart calls.
AwsResult<HttpAnswer> s3_object_request(const S3Client& client, const std::string& method, const std::string& bucket,
                                        const std::string& key, const std::string& query, const std::string& body,
                                        long total_timeout_seconds);

// An S3 error answer (XML <Error><Code>...) as a failure; an answer without one is kResponse.
AwsFailure s3_error(const HttpAnswer& answer);

// PUT /bucket/key with `body` (the whole object; small archives only).
AwsResult<StoredObject> s3_put_object(const S3Client& client, const std::string& bucket, const std::string& key,
                                      const std::string& body);

// The ETag and version of a 2xx answer's headers.
StoredObject stored_object_of(const HttpAnswer& answer);

// "s3://bucket/key: access denied (AccessDenied: ...): the credentials may not s3:PutObject there"
// and the like: what failed, S3's code and message, what to check.
std::string s3_failure_text(const AwsFailure& failure, const std::string& bucket, const std::string& key);

}  // namespace cdrun::aws
