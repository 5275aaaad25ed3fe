// `cdrun push`'s --s3-location: a key or a prefix, and the content-addressed key chosen under a prefix.
#include <gtest/gtest.h>

#include "runner/publish/s3_destination.h"

namespace cdrun::publish {
namespace {

TEST(PublishDestination, TrailingSlashOrBareBucketIsAPrefix) {
  std::string error;
  std::optional<S3Destination> prefix = parse_s3_destination("s3://releases/web/", &error);
  ASSERT_TRUE(prefix) << error;
  EXPECT_EQ(prefix->bucket, "releases");
  EXPECT_EQ(prefix->key, "web/");
  EXPECT_TRUE(prefix->is_prefix);
  std::optional<S3Destination> bare = parse_s3_destination("s3://releases", &error);
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->key, "");
  EXPECT_TRUE(bare->is_prefix);
  std::optional<S3Destination> key = parse_s3_destination("s3://releases/builds/app.zip", &error);
  ASSERT_TRUE(key);
  EXPECT_EQ(key->key, "builds/app.zip");
  EXPECT_FALSE(key->is_prefix);
}

TEST(PublishDestination, AnythingButS3UrlsIsRefusedWithTheOptionNamed) {
  std::string error;
  EXPECT_FALSE(parse_s3_destination("https://releases.s3.amazonaws.com/x", &error));
  EXPECT_EQ(error, "--s3-location https://releases.s3.amazonaws.com/x is not an s3://bucket/key or "
                   "s3://bucket/prefix/ location");
  EXPECT_FALSE(parse_s3_destination("s3:///key", &error));
  EXPECT_EQ(error, "--s3-location s3:///key names no bucket");
}

TEST(PublishDestination, ContentKeyIsPrefixNameFirstSixteenHexAndType) {
  EXPECT_EQ(content_addressed_key("web/", "app", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                                  "tgz"),
            "web/app-0123456789abcdef.tgz");
  EXPECT_EQ(revision_name("/tmp/builds/site.tar.gz"), "site");
  EXPECT_EQ(revision_name("/tmp/builds/site.zip"), "site");
  EXPECT_EQ(revision_name("/srv/app/"), "app");
  EXPECT_EQ(revision_name("/"), "bundle");
}

}  // namespace
}  // namespace cdrun::publish
