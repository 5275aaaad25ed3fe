// The fixture of the `cdrun push` end-to-end tests: a private moto with auth enforced, a user whose
// policy allows S3 and CodeDeploy (or less, for the refusals), a bucket, a CodeDeploy application
// and a small valid bundle directory.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/aws/onprem_e2e_support.h"

namespace cdrun::testing {

inline const std::string kBucket = "releases";
inline const std::string kApplication = "web";

class PushE2E : public OnPremE2E {
 protected:
  std::vector<std::string> extra_user_actions() const override { return {"s3:*", "codedeploy:*", "iam:PassRole"}; }
  void SetUp() override;

  // `cdrun push ARGS --region us-east-1 --endpoint-url MOTO` as the user.
  cdrun::e2e::Outcome push(const std::vector<std::string>& args) const;
  // The awscli as the user; fails the test unless it exits 0; its JSON output ({} when none).
  nlohmann::json aws_user(const std::vector<std::string>& args) const;
  // The object's bytes as the awscli fetches them.
  std::string fetch_object(const std::string& key, const std::string& version = "") const;
  // The archive `cdrun bundle` writes for `directory` as `name` (.zip, .tgz, ...): its path.
  std::string bundle_archive(const std::string& directory, const std::string& name) const;
  // The keys in the bucket, through the awscli.
  std::vector<std::string> object_keys() const;

  std::string bundle_dir;  // home/app: appspec.yml, scripts/start.sh, site/index.html
};

// Lowercase hex SHA-256 of `path`, by sha256sum(1).
std::string sha256_of_file(const std::string& path);

}  // namespace cdrun::testing
