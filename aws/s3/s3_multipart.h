// Uploading a file to S3 in parts (CreateMultipartUpload, UploadPart, CompleteMultipartUpload), read
// part by part so the file is never whole in memory; any failure after the upload was created aborts
// it (AbortMultipartUpload), so no invisible, billed parts stay behind.
#pragma once

#include <cstdint>
#include <string>

#include "aws/s3/s3_put.h"

namespace cdrun::aws {

// S3's limits: every part but the last at least 5 MiB, at most 10,000 parts.
constexpr std::uint64_t kMinimumPartBytes = 5ull << 20;
constexpr std::uint64_t kMaximumParts = 10000;

// Uploads `path` (`size` bytes) in parts of `part_bytes` (the last may be smaller). The ETag S3
// gives a multipart object is "<md5 of the parts' md5s>-<part count>", not the file's MD5.
AwsResult<StoredObject> s3_multipart_upload(const S3Client& client, const std::string& bucket, const std::string& key,
                                            const std::string& path, std::uint64_t size, std::uint64_t part_bytes);

}  // namespace cdrun::aws
