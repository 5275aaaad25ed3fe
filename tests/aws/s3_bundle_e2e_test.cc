// `cdrun deploy|plan|validate -l s3://...` against moto with signatures and IAM policies enforced.
// Expected messages are the agent's where it has one (agent-behavior.md §3.2, §7.3, §7.5), else
// written by hand from what the message must say (the location and what to do).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/aws/s3_bundle_e2e_support.h"

namespace cdrun::testing {
namespace {

using cdrun::e2e::Outcome;
using cdrun::e2e::run_cdrun;
using ::testing::HasSubstr;

std::string location_of(const std::string& key, const std::string& query = "") {
  return "s3://" + kBundleBucket + "/" + key + (query.empty() ? "" : "?" + query);
}

TEST_F(S3BundleE2E, AnOlderVersionDeployedByItsIdInstallsTheOlderFiles) {
  const UploadedObject older = upload(kBundleBucket, "app.tgz", write_bundle("v1.tgz", "version one\n"));
  const UploadedObject newer = upload(kBundleBucket, "app.tgz", write_bundle("v2.tgz", "version two\n"));
  ASSERT_FALSE(older.version_id.empty());
  ASSERT_NE(older.version_id, newer.version_id);
  const Outcome run = deploy(location_of("app.tgz", "versionId=" + older.version_id));
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("Local deployment successful"));
  EXPECT_EQ(read_file(dest() + "/content.txt"), "version one\n");
  expect_no_secret(run);
}

TEST_F(S3BundleE2E, TheRightEtagIsAcceptedAndAWrongOneRefusedWithNothingInstalled) {
  const UploadedObject object = upload(kBundleBucket, "app.tgz", write_bundle("v1.tgz", "version one\n"));
  const Outcome wrong = deploy(location_of("app.tgz", "etag=0123456789abcdef0123456789abcdef"));
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_THAT(wrong.out, HasSubstr("ERROR: Expected deployment artifact bundle etag 0123456789abcdef0123456789abcdef "
                                   "but was actually " + object.etag + "\n"));
  EXPECT_THAT(wrong.out, HasSubstr("s3://codedeploy-bundles/app.tgz"));
  EXPECT_FALSE(file_exists(dest() + "/content.txt"));
  EXPECT_TRUE(deployment_dirs().empty());

  // Quotes around the etag are stripped on both sides, as the agent does.
  const Outcome right = deploy(location_of("app.tgz", "etag=%22" + object.etag + "%22"));
  EXPECT_EQ(right.exit_code, 0) << right.out << right.err;
  EXPECT_EQ(read_file(dest() + "/content.txt"), "version one\n");
}

TEST_F(S3BundleE2E, AMissingKeySaysWhichObjectIsMissing) {
  const Outcome run = deploy(location_of("no/such/bundle.tgz"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("ERROR: cannot download s3://codedeploy-bundles/no/such/bundle.tgz: bucket "
                                 "codedeploy-bundles has no object with the key no/such/bundle.tgz (NoSuchKey)"));
  EXPECT_TRUE(deployment_dirs().empty());
}

// cdrun downloads before ApplicationStop (codedeploy-local: at DownloadBundle, after it): a failed
// download runs no script, and the output says how that differs from the agent.
TEST_F(S3BundleE2E, AFailedDownloadRunsNoScriptAndSaysHowTheAgentDiffers) {
  const std::string marker = home.path() + "/application-stop-ran";
  const std::string appspec = "version: 0.0\nos: linux\nfiles:\n  - source: content.txt\n    destination: " + dest() +
                              "\nhooks:\n  ApplicationStop:\n    - location: stop.sh\n";
  const std::string first = write_bundle("first.tgz", "first\n",
                                         {{"appspec.yml", appspec}, {"stop.sh", "#!/bin/sh\necho ran > " + marker + "\n"}});
  const Outcome installed = deploy(first);
  ASSERT_EQ(installed.exit_code, 0) << installed.out << installed.err;
  ASSERT_FALSE(file_exists(marker)) << "the first deployment has no last revision to stop";

  const Outcome run = deploy(location_of("no/such/bundle.tgz"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("(NoSuchKey)"));
  EXPECT_THAT(run.out, HasSubstr("\nnote: cdrun downloads a remote bundle before the first lifecycle event, so no "
                                 "script ran and nothing changed; codedeploy-local downloads it at DownloadBundle, "
                                 "after running the last successful revision's ApplicationStop, and fails the same "
                                 "way\n"));
  EXPECT_FALSE(file_exists(marker)) << "the last revision's ApplicationStop ran";
  EXPECT_EQ(read_file(dest() + "/content.txt"), "first\n");
  EXPECT_EQ(deployment_dirs().size(), 1u);
}

TEST_F(S3BundleE2E, AMissingBucketSaysSo) {
  const Outcome run = deploy("s3://no-such-bucket-here/app.tgz");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("ERROR: cannot download s3://no-such-bucket-here/app.tgz: there is no bucket "
                                 "no-such-bucket-here at " + moto.endpoint() + " (NoSuchBucket)"));
  EXPECT_TRUE(deployment_dirs().empty());
}

TEST_F(S3BundleE2E, ADeniedBucketNamesTheKeyAndThePermission) {
  upload(kDeniedBucket, "app.tgz", write_bundle("v1.tgz", "secret\n"));
  const Outcome run = deploy("s3://" + kDeniedBucket + "/app.tgz");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("ERROR: cannot download s3://denied-bundles/app.tgz: S3 denied access key "));
  EXPECT_THAT(run.out, HasSubstr("(AccessDenied); allow it s3:GetObject on arn:aws:s3:::denied-bundles/app.tgz"));
  EXPECT_FALSE(file_exists(dest() + "/content.txt"));
  EXPECT_TRUE(deployment_dirs().empty());
  expect_no_secret(run);
}

TEST_F(S3BundleE2E, NoCredentialsGiveTheAgentsMessageAndNoRegionSaysHowToSetOne) {
  std::vector<std::string> no_keys = user_env();
  no_keys.erase(no_keys.begin(), no_keys.begin() + 2);  // the user's two keys
  const Outcome keyless = deploy(location_of("app.tgz"), no_keys);
  EXPECT_EQ(keyless.exit_code, 1);
  EXPECT_THAT(keyless.out, HasSubstr("ERROR: We were unable to download content from the Amazon S3 bucket due to "
                                     "missing or invalid credentials."));
  EXPECT_THAT(keyless.out, HasSubstr("hint: cannot download s3://codedeploy-bundles/app.tgz: "));

  std::vector<std::string> no_region = user_env();
  no_region.erase(no_region.begin() + 2);  // AWS_REGION
  const Outcome regionless = deploy(location_of("app.tgz"), no_region);
  EXPECT_EQ(regionless.exit_code, 1);
  EXPECT_THAT(regionless.out, HasSubstr("ERROR: cannot download s3://codedeploy-bundles/app.tgz: no AWS region: set "
                                        "AWS_REGION or AWS_DEFAULT_REGION, or `region` in the profile\n"));
  EXPECT_TRUE(deployment_dirs().empty());
}

TEST_F(S3BundleE2E, AMalformedLocationGetsTheAgentsMessage) {
  const Outcome run = deploy("s3://codedeploy-bundles");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "ERROR: s3 location s3://codedeploy-bundles not in the expected format of 's3://bucket/key'\n");
}

TEST_F(S3BundleE2E, ADownloadOfSeveralMegabytesIsStreamedWhole) {
  std::string noise;
  unsigned state = 12345;
  for (int i = 0; i < 6 * 1024 * 1024; ++i) {
    state = state * 1103515245u + 12345u;
    noise += static_cast<char>(state >> 24);
  }
  const std::string archive = write_bundle("big.tgz", "big\n", {{"noise.bin", noise}});
  upload(kBundleBucket, "big.tgz", archive);
  const Outcome run = deploy(location_of("big.tgz"));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const std::vector<std::string> dirs = deployment_dirs();
  ASSERT_EQ(dirs.size(), 1u);
  const std::string downloaded = root() + "/default-local-deployment-group/" + dirs[0] + "/bundle.tar";
  EXPECT_EQ(sha256_of(downloaded), sha256_of(archive));
  EXPECT_EQ(read_file(dest() + "/content.txt"), "big\n");
}

TEST_F(S3BundleE2E, ValidateOfAnS3BundleAgreesWithValidateOfTheSameFile) {
  const std::string archive = write_bundle("v1.tgz", "version one\n");
  upload(kBundleBucket, "app.tgz", archive);
  std::vector<std::string> env = user_env();
  home.write("tmp/.keep", "");
  env.push_back("TMPDIR=" + home.path() + "/tmp");
  const Outcome local = run_cdrun({"validate", "--format", "json", archive}, env);
  const Outcome remote = run_cdrun({"validate", "--format", "json", location_of("app.tgz")}, env);
  EXPECT_EQ(remote.exit_code, local.exit_code) << remote.err;
  std::string expected = local.out;
  for (size_t at = expected.find(archive); at != std::string::npos; at = expected.find(archive, at))
    expected.replace(at, archive.size(), location_of("app.tgz"));
  EXPECT_EQ(remote.out, expected);
  EXPECT_EQ(entries_of(home.path() + "/tmp"), std::vector<std::string>{".keep"});  // the download is gone

  const Outcome missing = run_cdrun({"validate", location_of("missing.zip")}, env);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("cannot download s3://codedeploy-bundles/missing.zip: bucket codedeploy-bundles "
                                     "has no object with the key missing.zip (NoSuchKey)"));
  EXPECT_EQ(entries_of(home.path() + "/tmp"), std::vector<std::string>{".keep"});
}

TEST_F(S3BundleE2E, PlanReadsTheS3BundleAndNamesTheLocation) {
  upload(kBundleBucket, "app.tgz", write_bundle("v1.tgz", "version one\n"));
  const Outcome run =
      run_cdrun({"plan", "--root-dir", root(), "-l", location_of("app.tgz"), "-t", "tgz"}, user_env());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr(location_of("app.tgz")));
  EXPECT_TRUE(deployment_dirs().empty());
}

}  // namespace
}  // namespace cdrun::testing
