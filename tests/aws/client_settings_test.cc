// The region, credentials and endpoints of push, watch and S3 locations, looked up in the AWS CLI's
// order (AWS CLI user guide, "Configuration and credential file settings": command line, environment,
// config file).
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "aws/core/client_settings.h"
#include "tests/e2e/run_cdrun.h"

namespace cdrun::testing {
namespace {

struct Files {
  cdrun::e2e::TempDir dir;
  std::map<std::string, std::string> env;
  Files() {
    env["AWS_CONFIG_FILE"] = dir.path() + "/config";
    env["AWS_SHARED_CREDENTIALS_FILE"] = dir.path() + "/credentials";
    std::ofstream(dir.path() + "/credentials") << "[default]\naws_access_key_id = AKIDDEFAULT\n"
                                                  "aws_secret_access_key = s1\n[ci]\naws_access_key_id = AKIDCI\n"
                                                  "aws_secret_access_key = s2\n";
    std::ofstream(dir.path() + "/config") << "[default]\nregion = eu-west-1\n[profile ci]\nregion = ap-south-1\n";
  }
  aws::EnvLookup lookup() const {
    return [values = env](const std::string& name) -> std::optional<std::string> {
      auto it = values.find(name);
      if (it == values.end() || it->second.empty()) return std::nullopt;
      return it->second;
    };
  }
};

TEST(ClientSettings, RegionComesFromTheOptionThenTheEnvironmentThenTheProfile) {
  Files files;
  aws::ClientLookup found = aws::resolve_client({}, files.lookup());
  ASSERT_TRUE(found.settings) << found.error;
  EXPECT_EQ(found.settings->region, "eu-west-1");
  EXPECT_EQ(found.settings->credentials.keys.access_key_id, "AKIDDEFAULT");
  found = aws::resolve_client({"", "ci", "", true}, files.lookup());
  ASSERT_TRUE(found.settings) << found.error;
  EXPECT_EQ(found.settings->region, "ap-south-1");
  EXPECT_EQ(found.settings->credentials.keys.access_key_id, "AKIDCI");
  files.env["AWS_DEFAULT_REGION"] = "us-west-2";
  EXPECT_EQ(aws::resolve_client({}, files.lookup()).settings->region, "us-west-2");
  files.env["AWS_REGION"] = "us-east-2";
  EXPECT_EQ(aws::resolve_client({}, files.lookup()).settings->region, "us-east-2");
  EXPECT_EQ(aws::resolve_client({"ca-central-1", "", "", true}, files.lookup()).settings->region, "ca-central-1");
}

TEST(ClientSettings, NoRegionOrABadOneIsExplained) {
  Files files;
  std::ofstream(files.dir.path() + "/config") << "[default]\n";
  aws::ClientLookup found = aws::resolve_client({}, files.lookup());
  EXPECT_FALSE(found.settings);
  EXPECT_EQ(found.error,
            "no AWS region: give --region, or set AWS_REGION or AWS_DEFAULT_REGION, or `region` in the profile");
  found = aws::resolve_client({"Frankfurt", "", "", true}, files.lookup());
  EXPECT_EQ(found.error, "\"Frankfurt\" (from --region) is not an AWS region name (like us-east-1 or eu-central-1)");
}

TEST(ClientSettings, EndpointsFollowTheOptionThenTheServiceVariableThenTheRegionalDefault) {
  Files files;
  files.env["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:9000";
  const aws::ClientSettings settings = *aws::resolve_client({}, files.lookup()).settings;
  bool custom = false;
  EXPECT_EQ(aws::client_target(settings, "S3", "s3", files.lookup(), &custom).endpoint, "http://127.0.0.1:9000");
  EXPECT_TRUE(custom);
  const aws::ServiceTarget codedeploy = aws::client_target(settings, "CODEDEPLOY", "codedeploy", files.lookup(), &custom);
  EXPECT_EQ(codedeploy.endpoint, "https://codedeploy.eu-west-1.amazonaws.com");
  EXPECT_EQ(codedeploy.region, "eu-west-1");
  EXPECT_FALSE(custom);
  const aws::ClientSettings with_option = *aws::resolve_client({"", "", "http://127.0.0.1:5000", true}, files.lookup()).settings;
  EXPECT_EQ(aws::client_target(with_option, "S3", "s3", files.lookup()).endpoint, "http://127.0.0.1:5000");
}

}  // namespace
}  // namespace cdrun::testing
