// The fixture of the S3 bundle location tests: a private moto with auth enforced, an IAM user allowed
// to read every bucket's objects except those of `denied-bundles` (an explicit Deny), a versioned
// bucket `codedeploy-bundles`, bundles written as tgz files, and cdrun runs that see only the user's
// keys, the region and AWS_ENDPOINT_URL_S3 pointing at moto.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/aws/onprem_test_support.h"

namespace cdrun::testing {

inline const std::string kBundleBucket = "codedeploy-bundles";
inline const std::string kDeniedBucket = "denied-bundles";

struct UploadedObject {
  std::string version_id;
  std::string etag;  // without quotes
};

class S3BundleE2E : public ::testing::Test {
 protected:
  S3BundleE2E();
  void SetUp() override;

  // A tgz bundle in the temp dir whose appspec installs content.txt (holding `content`) into dest().
  // Extra files (name, bytes) go next to it in the archive (".sh" ones executable; "appspec.yml"
  // replaces the appspec). Returns its path.
  std::string write_bundle(const std::string& name, const std::string& content,
                           const std::vector<std::pair<std::string, std::string>>& extra = {}) const;
  // put-object through the awscli (auth relaxed while it runs).
  UploadedObject upload(const std::string& bucket, const std::string& key, const std::string& file) const;
  // The user's keys, AWS_REGION, AWS_ENDPOINT_URL_S3 and empty shared files.
  std::vector<std::string> user_env() const;
  cdrun::e2e::Outcome deploy(const std::string& location, const std::vector<std::string>& env = {}) const;

  std::string dest() const { return home.path() + "/dest"; }
  std::string root() const { return home.path() + "/root"; }
  // The deployment directories under root()'s default group (none when a deployment failed early).
  std::vector<std::string> deployment_dirs() const;
  void expect_no_secret(const cdrun::e2e::Outcome& run) const;

  cdrun::e2e::TempDir home;
  MotoServer moto;
  OnPremUser user;
};

std::string sha256_of(const std::string& file);
std::vector<std::string> entries_of(const std::string& dir);  // names other than . and ..; none when absent

}  // namespace cdrun::testing
