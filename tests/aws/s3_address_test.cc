// Where cdrun asks S3 for an object: the expected URLs are written from the S3 user guide's
// "Virtual hosting of buckets" and "Path-style requests" pages.
#include <gtest/gtest.h>

#include "aws/s3/s3_address.h"

namespace cdrun::testing {
namespace {

TEST(S3Address, AwsEndpointsGetTheVirtualHostedForm) {
  const aws::S3Address address =
      aws::s3_object_address("https://s3.eu-west-1.amazonaws.com", false, "my-bucket", "releases/app 1.zip");
  EXPECT_EQ(address.endpoint, "https://my-bucket.s3.eu-west-1.amazonaws.com");
  EXPECT_EQ(address.path, "/releases/app%201.zip");
}

TEST(S3Address, DottedOrUppercaseBucketsAndCustomEndpointsGetThePathStyle) {
  aws::S3Address address = aws::s3_object_address("https://s3.us-east-1.amazonaws.com", false, "my.bucket", "k");
  EXPECT_EQ(address.endpoint, "https://s3.us-east-1.amazonaws.com");
  EXPECT_EQ(address.path, "/my.bucket/k");
  address = aws::s3_object_address("http://127.0.0.1:5000/", true, "my-bucket", "a/b");
  EXPECT_EQ(address.endpoint, "http://127.0.0.1:5000");
  EXPECT_EQ(address.path, "/my-bucket/a/b");
  EXPECT_FALSE(aws::s3_virtual_host_bucket("My-Bucket"));
  EXPECT_FALSE(aws::s3_virtual_host_bucket("-bucket"));
  EXPECT_FALSE(aws::s3_virtual_host_bucket("ab"));
  EXPECT_TRUE(aws::s3_virtual_host_bucket("abc"));
}

TEST(S3Address, KeysKeepTheirSlashesAndEncodeEverythingElseThatIsReserved) {
  EXPECT_EQ(aws::s3_encode_key("a//b/../c d+e=f?g#h~i"), "a//b/../c%20d%2Be%3Df%3Fg%23h~i");
  EXPECT_EQ(aws::s3_encode_key("/leading"), "/leading");
  EXPECT_EQ(aws::s3_encode_key("caf\xc3\xa9"), "caf%C3%A9");
}

}  // namespace
}  // namespace cdrun::testing
