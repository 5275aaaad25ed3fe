// GetObject's retries and its promise that a failed download leaves no file, with a fake transport
// and a sleeper that only records (no test waits). Statuses and error documents as the S3 API
// reference describes them; the schedule (3 attempts, 1 s then 2 s) is cdrun's.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "aws/s3/s3_get_object.h"

namespace cdrun::aws {
namespace {

struct FakeAnswer {
  long status = 200;              // 0 = no answer (a network failure)
  std::string body;               // written to the file for a 2xx, else the error document
  std::string content_length;     // "" = the body's length
  std::vector<std::pair<std::string, std::string>> headers;
};

std::string error_document(const std::string& code, const std::string& message) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message +
         "</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>";
}

class S3GetObjectRetry : public ::testing::Test {
 protected:
  S3Retry retry() {
    S3Retry r;
    r.sleep = [this](int seconds) { sleeps.push_back(seconds); };
    r.send = [this](const ServiceTarget& target, const SignedRequest& request, const SigV4Credentials&) {
      requests.push_back(request);
      endpoints.push_back(target.endpoint);
      const FakeAnswer answer = answers.at(requests.size() - 1);
      if (answer.status == 0) {
        // Some bytes arrived before the connection broke: the file exists when the failure is reported.
        std::ofstream(request.response_body_file, std::ios::binary) << "partial";
        AwsFailure failure;
        failure.kind = FailureKind::kNetwork;
        failure.transport = http::TransportError::kIo;
        failure.message = "connection reset";
        return AwsResult<HttpAnswer>::fail(failure);
      }
      HttpAnswer http;
      http.status = answer.status;
      http.headers = answer.headers;
      http.headers.emplace_back("Content-Length", answer.content_length.empty() ? std::to_string(answer.body.size())
                                                                                : answer.content_length);
      if (answer.status >= 200 && answer.status <= 299) {
        std::ofstream(request.response_body_file, std::ios::binary) << answer.body;
        http.body_file_bytes = answer.body.size();
      } else {
        http.body = answer.body;
      }
      return AwsResult<HttpAnswer>::success(http);
    };
    return r;
  }

  AwsResult<S3DownloadedObject> get(const S3ObjectRequest& object) {
    return s3_get_object({"http://127.0.0.1:9000", "us-east-1", ""}, true, object, {"AKIDEXAMPLE", "secret", ""},
                         file, retry());
  }

  bool file_exists() const {
    struct stat st {};
    return ::stat(file.c_str(), &st) == 0;
  }

  std::string file = ::testing::TempDir() + "/s3_get_object_test.bin";
  std::vector<FakeAnswer> answers;
  std::vector<SignedRequest> requests;
  std::vector<std::string> endpoints;
  std::vector<int> sleeps;
};

TEST_F(S3GetObjectRetry, SlowDownTwiceThenTheObject) {
  answers = {{503, error_document("SlowDown", "Please reduce your request rate."), "", {}},
             {503, error_document("SlowDown", "Please reduce your request rate."), "", {}},
             {200, "bundle bytes", "", {{"ETag", "\"d41d8cd98f00b204e9800998ecf8427e\""}, {"x-amz-version-id", "v7"}}}};
  const AwsResult<S3DownloadedObject> got = get({"bucket", "app/bundle.zip", ""});
  ASSERT_TRUE(got.ok()) << got.failure.code << " " << got.failure.message;
  EXPECT_EQ(got.value->size, 12u);
  EXPECT_EQ(got.value->etag, "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(got.value->version_id, "v7");
  EXPECT_EQ(sleeps, (std::vector<int>{1, 2}));
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].service, "s3");
  EXPECT_EQ(requests[0].path, "/bucket/app/bundle.zip");  // a custom endpoint: path style
  EXPECT_EQ(requests[0].query, "");
  EXPECT_EQ(endpoints[0], "http://127.0.0.1:9000");
  std::ifstream in(file, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "bundle bytes");
  std::remove(file.c_str());
}

TEST_F(S3GetObjectRetry, ThreeBrokenConnectionsGiveUpAndLeaveNoFile) {
  answers = {{0, "", "", {}}, {0, "", "", {}}, {0, "", "", {}}, {200, "never asked", "", {}}};
  const AwsResult<S3DownloadedObject> got = get({"bucket", "k.tgz", ""});
  EXPECT_FALSE(got.ok());
  EXPECT_EQ(got.failure.kind, FailureKind::kNetwork);
  EXPECT_EQ(requests.size(), 3u);
  EXPECT_EQ(sleeps, (std::vector<int>{1, 2}));
  EXPECT_FALSE(file_exists());
}

TEST_F(S3GetObjectRetry, NoSuchKeyIsNotRetried) {
  answers = {{404, error_document("NoSuchKey", "The specified key does not exist."), "", {}}};
  const AwsResult<S3DownloadedObject> got = get({"bucket", "missing.zip", ""});
  EXPECT_FALSE(got.ok());
  EXPECT_EQ(got.failure.kind, FailureKind::kService);
  EXPECT_EQ(got.failure.code, "NoSuchKey");
  EXPECT_EQ(got.failure.http_status, 404);
  EXPECT_EQ(requests.size(), 1u);
  EXPECT_TRUE(sleeps.empty());
  EXPECT_FALSE(file_exists());
}

TEST_F(S3GetObjectRetry, AccessDeniedAndABadVersionIdAreNotRetried) {
  answers = {{403, error_document("AccessDenied", "Access Denied"), "", {}}};
  EXPECT_EQ(get({"bucket", "k.zip", ""}).failure.code, "AccessDenied");
  answers.push_back({400, error_document("InvalidArgument", "Invalid version id specified"), "", {}});
  const AwsResult<S3DownloadedObject> got = get({"bucket", "k.zip", "not a version"});
  EXPECT_EQ(got.failure.code, "InvalidArgument");
  EXPECT_EQ(requests.size(), 2u);
  EXPECT_TRUE(sleeps.empty());
}

TEST_F(S3GetObjectRetry, RequestTimeoutIsRetriedThoughItIsA400) {
  answers = {{400, error_document("RequestTimeout", "Your socket connection to the server was not read from or written to within the timeout period."), "", {}},
             {200, "ok", "", {{"ETag", "\"e\""}}}};
  const AwsResult<S3DownloadedObject> got = get({"bucket", "k.zip", ""});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(sleeps, (std::vector<int>{1}));
  std::remove(file.c_str());
}

TEST_F(S3GetObjectRetry, ABodyShorterThanItsContentLengthIsRetriedAndNeverKept) {
  answers = {{200, "shor", "10", {}}, {200, "shor", "10", {}}, {200, "shor", "10", {}}};
  const AwsResult<S3DownloadedObject> got = get({"bucket", "k.zip", ""});
  EXPECT_FALSE(got.ok());
  EXPECT_EQ(requests.size(), 3u);
  EXPECT_FALSE(file_exists());
}

TEST_F(S3GetObjectRetry, TheVersionIdGoesInTheQueryEncoded) {
  answers = {{200, "old", "", {{"ETag", "\"a\""}, {"x-amz-version-id", "v1+/="}}}};
  const AwsResult<S3DownloadedObject> got = get({"bucket", "dir/app 1.zip", "v1+/="});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(requests[0].query, "versionId=v1%2B%2F%3D");
  EXPECT_EQ(requests[0].path, "/bucket/dir/app%201.zip");
  EXPECT_EQ(got.value->version_id, "v1+/=");
  std::remove(file.c_str());
}

}  // namespace
}  // namespace cdrun::aws
