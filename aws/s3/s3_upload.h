// Uploading an archive file to S3 the way its size calls for: one PutObject up to a threshold,
// a multipart upload above it.
#pragma once

#include <cstdint>
#include <string>

#include "aws/s3/s3_multipart.h"
#include "aws/s3/s3_put.h"

namespace cdrun::aws {

struct UploadLimits {
  std::uint64_t multipart_threshold = 16ull << 20;  // larger files go in parts
  std::uint64_t part_bytes = 8ull << 20;
};

// Uploads `path`, `size` bytes long, to s3://bucket/key.
AwsResult<StoredObject> s3_upload_file(const S3Client& client, const std::string& bucket, const std::string& key,
                                       const std::string& path, std::uint64_t size, const UploadLimits& limits);

}  // namespace cdrun::aws
