#include "aws/s3/s3_multipart.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <vector>

#include "aws/core/xml_text.h"

namespace cdrun::aws {
namespace {

AwsFailure local_failure(const std::string& message) {
  AwsFailure failure;
  failure.kind = FailureKind::kResponse;
  failure.message = message;
  return failure;
}

// Reads exactly `count` bytes at `offset` (the part), or sets `error`.
std::string read_part(int fd, std::uint64_t offset, std::uint64_t count, std::string* error) {
  std::string part(count, '\0');
  std::uint64_t done = 0;
  while (done < count) {
    const ssize_t got = ::pread(fd, &part[done], count - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      *error = got == 0 ? "the archive became shorter while it was uploaded" : std::strerror(errno);
      return "";
    }
    done += static_cast<std::uint64_t>(got);
  }
  return part;
}

// The CompleteMultipartUpload body: every part's number and ETag, in order (S3 API reference,
// CompleteMultipartUpload request syntax).
std::string completion_body(const std::vector<std::string>& etags) {
  std::string xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
  for (std::size_t i = 0; i < etags.size(); ++i)
    xml += "<Part><PartNumber>" + std::to_string(i + 1) + "</PartNumber><ETag>" + etags[i] + "</ETag></Part>";
  return xml + "</CompleteMultipartUpload>";
}

class MultipartUpload {
 public:
  MultipartUpload(const S3Client& client, const std::string& bucket, const std::string& key)
      : client_(client), bucket_(bucket), key_(key) {}

  AwsResult<StoredObject> run(int fd, std::uint64_t size, std::uint64_t part_bytes) {
    AwsResult<HttpAnswer> created = call("POST", "uploads", "", 60);
    if (!created.ok()) return fail(created.failure, false);
    upload_id_ = xml_element_text(created.value->body, "UploadId").value_or("");
    if (upload_id_.empty()) return fail(local_failure("no <UploadId> in the answer to CreateMultipartUpload"), false);

    std::vector<std::string> etags;
    for (std::uint64_t offset = 0; offset < size; offset += part_bytes) {
      std::string read_error;
      const std::string part = read_part(fd, offset, std::min(part_bytes, size - offset), &read_error);
      if (!read_error.empty()) return fail(local_failure("cannot read the archive: " + read_error), true);
      const std::string number = std::to_string(etags.size() + 1);
      AwsResult<HttpAnswer> sent = call("PUT", "partNumber=" + number + "&uploadId=" + upload_id_, part, 300);
      if (!sent.ok()) return fail(sent.failure, true);
      etags.push_back(sent.value->header("ETag"));
    }
    AwsResult<HttpAnswer> completed = call("POST", "uploadId=" + upload_id_, completion_body(etags), 300);
    if (!completed.ok()) return fail(completed.failure, true);
    // CompleteMultipartUpload may answer 200 with an <Error> document (S3 API reference): an error then.
    if (xml_element_text(completed.value->body, "Code"))
      return fail(s3_error(*completed.value), true);
    StoredObject object = stored_object_of(*completed.value);
    if (object.etag.empty()) {
      object.etag = xml_element_text(completed.value->body, "ETag").value_or("");
      object.etag = xml_unescape(object.etag);
      if (object.etag.size() >= 2 && object.etag.front() == '"') object.etag = object.etag.substr(1, object.etag.size() - 2);
    }
    return AwsResult<StoredObject>::success(object);
  }

 private:
  // A call whose non-2xx answer is returned as its S3 error.
  AwsResult<HttpAnswer> call(const std::string& method, const std::string& query, const std::string& body,
                             long timeout) {
    AwsResult<HttpAnswer> answer = s3_object_request(client_, method, bucket_, key_, query, body, timeout);
    if (answer.ok() && answer.value->status / 100 != 2) return AwsResult<HttpAnswer>::fail(s3_error(*answer.value));
    return answer;
  }

  AwsResult<StoredObject> fail(const AwsFailure& failure, bool abort) {
    // The first failure is what the user needs; an abort that fails too changes nothing for them
    // (S3's lifecycle rule AbortIncompleteMultipartUpload is the backstop).
    if (abort) call("DELETE", "uploadId=" + upload_id_, "", 60);
    return AwsResult<StoredObject>::fail(failure);
  }

  const S3Client& client_;
  const std::string& bucket_;
  const std::string& key_;
  std::string upload_id_;
};

}  // namespace

AwsResult<StoredObject> s3_multipart_upload(const S3Client& client, const std::string& bucket, const std::string& key,
                                            const std::string& path, std::uint64_t size, std::uint64_t part_bytes) {
  if (part_bytes < kMinimumPartBytes) part_bytes = kMinimumPartBytes;
  // Keep under S3's part count by growing the parts, never by failing.
  while (size / part_bytes + 1 > kMaximumParts) part_bytes *= 2;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return AwsResult<StoredObject>::fail(local_failure("cannot open " + path + ": " + std::strerror(errno)));
  AwsResult<StoredObject> result = MultipartUpload(client, bucket, key).run(fd, size, part_bytes);
  ::close(fd);
  return result;
}

}  // namespace cdrun::aws
