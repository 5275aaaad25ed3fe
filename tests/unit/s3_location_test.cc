// The S3 bundle location as codedeploy-local 1.8 reads it (agent-behavior.md §7.1, §7.3): bucket =
// the URI's host, key = its path without the first '/', versionId and etag from the query. Expected
// values written from those rules.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "runner/cli/deploy_checks.h"
#include "runner/fetch/s3_fetch.h"
#include "runner/fetch/s3_location.h"

namespace cdrun {
namespace {

TEST(S3Location, BucketIsTheHostAndKeyThePathWithoutItsFirstSlash) {
  const S3LocationParse parse = parse_s3_location("s3://releases/app/v1/bundle.zip");
  ASSERT_TRUE(parse.location) << parse.error;
  EXPECT_EQ(parse.location->bucket, "releases");
  EXPECT_EQ(parse.location->key, "app/v1/bundle.zip");
  EXPECT_EQ(parse.location->version_id, "");
  EXPECT_EQ(parse.location->etag, "");
}

TEST(S3Location, VersionIdAndEtagComeFromTheQuery) {
  const S3LocationParse parse = parse_s3_location("s3://b/k.tgz?versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrH&etag=9b2cf535f27731c974343645a3985328");
  ASSERT_TRUE(parse.location) << parse.error;
  EXPECT_EQ(parse.location->key, "k.tgz");
  EXPECT_EQ(parse.location->version_id, "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrH");
  EXPECT_EQ(parse.location->etag, "9b2cf535f27731c974343645a3985328");
}

TEST(S3Location, QueryOrderDoesNotMatterAndOtherNamesAreIgnored) {
  const S3LocationParse parse = parse_s3_location("s3://b/k.zip?etag=e1&color=red&versionId=v2");
  ASSERT_TRUE(parse.location);
  EXPECT_EQ(parse.location->version_id, "v2");
  EXPECT_EQ(parse.location->etag, "e1");
}

TEST(S3Location, PercentEscapesInQueryValuesAreDecodedAndTheKeyIsKeptAsWritten) {
  const S3LocationParse parse = parse_s3_location("s3://b/my%20app.zip?etag=%22abc%22");
  ASSERT_TRUE(parse.location);
  EXPECT_EQ(parse.location->key, "my%20app.zip");  // Ruby's URI#path is not decoded
  EXPECT_EQ(parse.location->etag, "\"abc\"");
}

TEST(S3Location, WithoutAKeyItIsNotInTheExpectedFormat) {
  for (const std::string location : {"s3://bucket", "s3://bucket/", "s3:bucket/key", "s3:///key", "s3://"}) {
    const S3LocationParse parse = parse_s3_location(location);
    EXPECT_FALSE(parse.location) << location;
    EXPECT_EQ(parse.error, "s3 location " + location + " not in the expected format of 's3://bucket/key'");
  }
}

TEST(S3Location, TheSchemeIsRecognisedInAnyCase) {
  EXPECT_TRUE(is_s3_location("s3://b/k"));
  EXPECT_TRUE(is_s3_location("S3://b/k"));
  EXPECT_FALSE(is_s3_location("s3"));
  EXPECT_FALSE(is_s3_location("./s3://b/k"));
  EXPECT_FALSE(is_s3_location("https://b.s3.amazonaws.com/k"));
}

TEST(S3Location, TextNamesTheObjectAndItsVersion) {
  EXPECT_EQ(s3_location_text({"b", "dir/k.zip", "", "etag"}), "s3://b/dir/k.zip");
  EXPECT_EQ(s3_location_text({"b", "k.zip", "v1", ""}), "s3://b/k.zip?versionId=v1");
}

TEST(S3Location, DeployNeedsAnArchiveTypeForIt) {
  DeployOptions options;
  options.bundle_location = "s3://b/app.zip";
  DeployCheck check = check_deploy_options(options, "/");
  EXPECT_FALSE(check.bundle);
  EXPECT_EQ(check.error, "BundleType in S3Revision must be tar, tgz or zip");
  options.type = "zip";
  check = check_deploy_options(options, "/");
  ASSERT_TRUE(check.bundle) << check.error;
  ASSERT_TRUE(check.bundle->remote);
  EXPECT_EQ(std::get<S3Location>(check.bundle->remote->where).key, "app.zip");
  EXPECT_EQ(check.bundle->type, "zip");
}

TEST(S3Location, DeployRefusesAMalformedOneWithTheAgentsMessage) {
  DeployOptions options;
  options.bundle_location = "s3://only-a-bucket";
  options.type = "tgz";
  const DeployCheck check = check_deploy_options(options, "/");
  EXPECT_FALSE(check.bundle);
  EXPECT_EQ(check.error, "s3 location s3://only-a-bucket not in the expected format of 's3://bucket/key'");
}

TEST(S3Location, ArchiveTypeFromTheKeyElseFromTheFirstBytes) {
  EXPECT_EQ(fetched_archive_type("a/b.ZIP", "/nonexistent"), "zip");
  EXPECT_EQ(fetched_archive_type("b.tar.gz", "/nonexistent"), "tgz");
  EXPECT_EQ(fetched_archive_type("b.tgz", "/nonexistent"), "tgz");
  EXPECT_EQ(fetched_archive_type("b.tar", "/nonexistent"), "tar");
  EXPECT_EQ(fetched_archive_type("no-extension", "/nonexistent"), "tar");
  const std::string file = ::testing::TempDir() + "/s3_location_magic";
  std::ofstream(file, std::ios::binary) << std::string("PK\x03\x04rest", 8);
  EXPECT_EQ(fetched_archive_type("bundle", file), "zip");
  std::ofstream(file, std::ios::binary) << std::string("\x1f\x8b\x08\x00", 4);
  EXPECT_EQ(fetched_archive_type("bundle", file), "tgz");
  std::ofstream(file, std::ios::binary) << std::string("appspec.yml\0\0\0", 14);
  EXPECT_EQ(fetched_archive_type("bundle", file), "tar");
  std::remove(file.c_str());
}

}  // namespace
}  // namespace cdrun
