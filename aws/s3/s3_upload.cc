#include "aws/s3/s3_upload.h"

#include <fstream>
#include <sstream>

namespace cdrun::aws {

AwsResult<StoredObject> s3_upload_file(const S3Client& client, const std::string& bucket, const std::string& key,
                                       const std::string& path, std::uint64_t size, const UploadLimits& limits) {
  if (size > limits.multipart_threshold)
    return s3_multipart_upload(client, bucket, key, path, size, limits.part_bytes);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream body;
  body << in.rdbuf();
  if (!in || body.str().size() != size) {
    AwsFailure failure;
    failure.kind = FailureKind::kResponse;
    failure.message = "cannot read " + path;
    return AwsResult<StoredObject>::fail(failure);
  }
  return s3_put_object(client, bucket, key, body.str());
}

}  // namespace cdrun::aws
