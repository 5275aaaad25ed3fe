// The exact text of `cdrun onprem configure` failures a new user meets first: no credentials at all,
// and an endpoint that nobody answers on. No AWS call can succeed here (no moto).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/aws/onprem_test_support.h"

namespace cdrun::testing {
namespace {

using cdrun::e2e::Outcome;
using cdrun::e2e::run_cdrun;

class OnPremMessages : public ::testing::Test {
 protected:
  void SetUp() override {
    isolate_environment(home.path());
    config_file = home.write("aws-config", "");
    files_env = {"AWS_SHARED_CREDENTIALS_FILE=" + home.path() + "/no-credentials", "AWS_CONFIG_FILE=" + config_file};
  }
  std::vector<std::string> configure_args(const std::string& endpoint) const {
    return {"onprem",   "configure", "--role-arn",   kRoleArn,      "--session-name", "host1", "--region",
            "us-east-1", "--config-dir", home.path() + "/conf", "--endpoint-url", endpoint};
  }

  cdrun::e2e::TempDir home;
  std::string config_file;
  std::vector<std::string> files_env;
};

TEST_F(OnPremMessages, MissingCredentialsAreOneSentence) {
  const RefusingPort dead;
  std::vector<std::string> args = configure_args(dead.url());
  const std::string places =
      "has no keys in " + home.path() + "/no-credentials (missing) or " + config_file + "\n";

  Outcome run = run_cdrun(args, files_env);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "cdrun: error: no AWS credentials found: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set "
                     "and profile \"default\" " + places);

  // --profile skips the environment keys, so the sentence names only the profile.
  args.insert(args.end(), {"--profile", "nope"});
  run = run_cdrun(args, files_env);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "cdrun: error: no AWS credentials found: profile \"nope\" " + places);
  EXPECT_FALSE(file_exists(home.path() + "/conf"));
}

TEST_F(OnPremMessages, AnHttpEndpointThatRefusesGetsNoHttpsHint) {
  const RefusingPort dead;
  std::vector<std::string> env = files_env;
  env.insert(env.end(), {"AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY=x"});
  const Outcome run = run_cdrun(configure_args(dead.url()), env);
  EXPECT_EQ(run.exit_code, 1);
  // The transport's own words follow in parentheses.
  EXPECT_THAT(run.err, ::testing::StartsWith("cdrun: error: cannot assume the role: no connection to " + dead.url() +
                                  ": the connection was refused or the host is unreachable; is the endpoint running, "
                                  "with this host and port? ("));
  EXPECT_THAT(run.err, ::testing::EndsWith(")\nNothing was written.\n"));
  EXPECT_THAT(run.err, ::testing::Not(::testing::HasSubstr("HTTPS")));
  EXPECT_FALSE(file_exists(home.path() + "/conf"));
}

}  // namespace
}  // namespace cdrun::testing
