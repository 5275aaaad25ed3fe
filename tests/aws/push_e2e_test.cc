// End to end: `cdrun push` against moto with signature and policy checks on. What reaches S3 is
// byte for byte what `cdrun bundle` writes; the revision CodeDeploy holds (moto plus
// moto_revision_shim.py) names that object; with --deployment-group a deployment of it exists.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <regex>

#include "tests/aws/push_e2e_support.h"

namespace cdrun::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Json = nlohmann::json;

Json parse_output(const cdrun::e2e::Outcome& run) {
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return run.exit_code == 0 ? Json::parse(run.out) : Json::object();
}

TEST_F(PushE2E, DirectoryGoesUpAsTheBundleArchiveUnderAContentKeyAndIsRegistered) {
  const Json summary = parse_output(push({bundle_dir, "--application-name", kApplication, "--s3-location",
                                          "s3://releases/web/", "--description", "build 42", "--format", "json"}));
  const std::string archive = bundle_archive(bundle_dir, "expected.zip");
  const std::string sha256 = sha256_of_file(archive);
  const std::string key = "web/app-" + sha256.substr(0, 16) + ".zip";
  const Json& object = summary["s3Object"];
  EXPECT_EQ(object["bucket"], kBucket);
  EXPECT_EQ(object["key"], key);
  EXPECT_EQ(object["sha256"], sha256);
  EXPECT_EQ(object["size"], read_file(archive).size());
  EXPECT_EQ(object["keyFromContent"], true);
  EXPECT_EQ(object["version"], nullptr);
  EXPECT_TRUE(fetch_object(key) == read_file(archive)) << "the uploaded object is not the bundle archive";
  const std::string etag = object["eTag"];
  EXPECT_THAT(etag, ::testing::MatchesRegex("[0-9a-f]{32}"));  // a single PUT: the MD5, quotes stripped

  const std::string location = "bucket=releases,key=" + key + ",bundleType=zip,eTag=" + etag;
  const Json revision = aws_user({"deploy", "get-application-revision", "--application-name", kApplication,
                                  "--s3-location", location});
  EXPECT_EQ(revision["revisionInfo"]["description"], "build 42");
  EXPECT_EQ(summary["registeredRevision"]["revision"], revision["revision"]);
  EXPECT_EQ(summary["next"], "aws deploy create-deployment --application-name web --s3-location " + location +
                                 " --deployment-group-name <group>");
  EXPECT_EQ(summary.count("deploymentId"), 0u);

  // The same bytes again: the same key, nothing new in the bucket.
  const cdrun::e2e::Outcome again =
      push({bundle_dir, "--application-name", kApplication, "--s3-location", "s3://releases/web/", "--format", "json"});
  EXPECT_EQ(parse_output(again)["s3Object"]["key"], key);
  EXPECT_THAT(object_keys(), ElementsAre(key));
  expect_no_secrets(again);
}

TEST_F(PushE2E, ArchiveGoesUpAsIsUnderTheGivenKey) {
  const std::string archive = bundle_archive(bundle_dir, "app.tgz");
  const cdrun::e2e::Outcome run =
      push({archive, "--application-name", kApplication, "--s3-location", "s3://releases/builds/app.tgz"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(fetch_object("builds/app.tgz") == read_file(archive));
  const Json listed = aws_user({"deploy", "list-application-revisions", "--application-name", kApplication});
  ASSERT_EQ(listed["revisions"].size(), 1u);
  const Json& s3 = listed["revisions"][0]["s3Location"];
  EXPECT_EQ(s3["bucket"], kBucket);
  EXPECT_EQ(s3["key"], "builds/app.tgz");
  EXPECT_EQ(s3["bundleType"], "tgz");
  const std::string etag = s3.value("eTag", "");
  EXPECT_THAT(run.out, HasSubstr("Uploaded s3://releases/builds/app.tgz (" + std::to_string(read_file(archive).size()) +
                                 " bytes)\n"));
  EXPECT_THAT(run.out, HasSubstr("  sha256   " + sha256_of_file(archive) + "\n"));
  EXPECT_THAT(run.out, HasSubstr("Next: aws deploy create-deployment --application-name web --s3-location "
                                 "bucket=releases,key=builds/app.tgz,bundleType=tgz,eTag=" + etag +
                                 " --deployment-group-name <group>\n"));
  expect_no_secrets(run);
}

TEST_F(PushE2E, DeploymentGroupGetsADeploymentOfTheRevision) {
  aws_user({"deploy", "create-deployment-group", "--application-name", kApplication, "--deployment-group-name",
            "prod", "--service-role-arn", "arn:aws:iam::123456789012:role/CodeDeployService"});
  const Json summary = parse_output(push({bundle_dir, "--application-name", kApplication, "--s3-location",
                                          "s3://releases/web/", "--deployment-group", "prod", "--deployment-config",
                                          "CodeDeployDefault.OneAtATime", "--file-exists-behavior", "OVERWRITE",
                                          "--ignore-application-stop-failures", "--format", "json"}));
  const std::string id = summary.value("deploymentId", "");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(summary["next"], "cdrun watch " + id);
  const Json deployment = aws_user({"deploy", "get-deployment", "--deployment-id", id})["deploymentInfo"];
  EXPECT_EQ(deployment["deploymentGroupName"], "prod");
  EXPECT_EQ(deployment["deploymentConfigName"], "CodeDeployDefault.OneAtATime");
  EXPECT_EQ(deployment["fileExistsBehavior"], "OVERWRITE");
  EXPECT_EQ(deployment["ignoreApplicationStopFailures"], true);
  EXPECT_EQ(deployment["revision"]["revisionType"], "S3");
  EXPECT_EQ(deployment["revision"]["s3Location"]["key"], summary["s3Object"]["key"]);
  EXPECT_EQ(deployment["revision"]["s3Location"]["eTag"], summary["s3Object"]["eTag"]);
  EXPECT_EQ(deployment["revision"]["s3Location"]["bundleType"], "zip");
}

TEST_F(PushE2E, ArchiveAboveSixteenMebibytesGoesUpInEightMebibyteParts) {
  // Random bytes do not deflate: the zip stays above the 16 MiB threshold (17 MiB + headers).
  std::string noise(17u << 20, '\0');
  std::mt19937 random(12);
  for (char& c : noise) c = static_cast<char>(random() & 0xff);
  home.write("app/site/video.bin", noise);
  const Json summary = parse_output(push({bundle_dir, "--application-name", kApplication, "--s3-location",
                                          "s3://releases/big.zip", "--format", "json"}));
  const std::string archive = bundle_archive(bundle_dir, "big.zip");
  EXPECT_EQ(summary["s3Object"]["multipart"], true);
  // The bucket is not versioned: S3's "null" version id (which CompleteMultipartUpload may send) pins nothing.
  EXPECT_EQ(summary["s3Object"]["version"], nullptr);
  // 17 MiB and a little in 8 MiB parts: 3 parts; a multipart ETag is "<md5 of the part md5s>-<parts>".
  EXPECT_THAT(summary["s3Object"]["eTag"].get<std::string>(), ::testing::MatchesRegex("[0-9a-f]{32}-3"));
  EXPECT_TRUE(fetch_object("big.zip") == read_file(archive)) << "the multipart object is not the bundle archive";
  const Json uploads = aws_user({"s3api", "list-multipart-uploads", "--bucket", kBucket});
  EXPECT_EQ(uploads.value("Uploads", Json::array()).size(), 0u);
}

TEST_F(PushE2E, InvalidBundleIsRefusedAndNothingIsUploaded) {
  home.write("app/appspec.yml", "version: 0.0\nos: linux\nhooks:\n  ApplicationStart:\n    - location: missing.sh\n");
  const cdrun::e2e::Outcome run =
      push({bundle_dir, "--application-name", kApplication, "--s3-location", "s3://releases/web/"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_THAT(run.err, HasSubstr("cdrun push: " + bundle_dir + " is not a valid bundle; nothing uploaded\n"));
  EXPECT_EQ(run.out, "");
  EXPECT_TRUE(object_keys().empty());
  const Json listed = aws_user({"deploy", "list-application-revisions", "--application-name", kApplication});
  EXPECT_TRUE(listed["revisions"].empty());
}

TEST_F(PushE2E, VersionedBucketGivesTheRevisionItsVersion) {
  aws_user({"s3api", "put-bucket-versioning", "--bucket", kBucket, "--versioning-configuration", "Status=Enabled"});
  const Json summary = parse_output(push({bundle_dir, "--application-name", kApplication, "--s3-location",
                                          "s3://releases/web.zip", "--format", "json"}));
  const Json head = aws_user({"s3api", "head-object", "--bucket", kBucket, "--key", "web.zip"});
  const std::string version = head.value("VersionId", "");
  ASSERT_FALSE(version.empty());
  EXPECT_EQ(summary["s3Object"]["version"], version);
  const Json listed = aws_user({"deploy", "list-application-revisions", "--application-name", kApplication});
  ASSERT_EQ(listed["revisions"].size(), 1u);
  EXPECT_EQ(listed["revisions"][0]["s3Location"]["version"], version);
  EXPECT_THAT(summary["next"].get<std::string>(), HasSubstr(",version=" + version + " --deployment-group-name"));
}

// A user that may call CodeDeploy but not write to S3.
class PushDeniedE2E : public PushE2E {
 protected:
  std::vector<std::string> extra_user_actions() const override { return {"codedeploy:*", "s3:CreateBucket", "s3:ListBucket"}; }
};

TEST_F(PushDeniedE2E, AccessDeniedOnUploadIsClearAndRegistersNothing) {
  const cdrun::e2e::Outcome run =
      push({bundle_dir, "--application-name", kApplication, "--s3-location", "s3://releases/web.zip"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_THAT(run.err, HasSubstr("cdrun push: s3://releases/web.zip: S3 refused the upload (AccessDenied"));
  EXPECT_THAT(run.err, HasSubstr("they need s3:PutObject"));
  EXPECT_EQ(run.out, "");
  expect_no_secrets(run);
  const Json listed = aws_user({"deploy", "list-application-revisions", "--application-name", kApplication});
  EXPECT_TRUE(listed["revisions"].empty());
}

}  // namespace
}  // namespace cdrun::testing
