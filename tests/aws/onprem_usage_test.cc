// `cdrun onprem` refusing bad input and explaining itself: no AWS call is made (or could succeed) here.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/aws/onprem_test_support.h"

namespace cdrun::testing {
namespace {

using cdrun::e2e::Outcome;
using cdrun::e2e::run_cdrun;
using ::testing::AllOf;
using ::testing::HasSubstr;

TEST(OnPremConfigureUsage, BadInputIsRefusedBeforeAnyCall) {
  cdrun::e2e::TempDir home;
  isolate_environment(home.path());
  const std::vector<std::string> base = {"onprem", "configure", "--role-arn", kRoleArn, "--session-name", "host1",
                                         "--region", "us-east-1", "--config-dir", home.path() + "/conf",
                                         "--endpoint-url", "http://127.0.0.1:9"};
  const std::vector<std::string> keys = {"AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY=x"};
  struct Case {
    std::vector<std::string> extra;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--role-arn", "arn:arn:aws:iam::123456789012:role/R"}, "starts with \"arn:\" twice"},
      {{"--session-name", "a b"}, "session name"},
      {{"--region", "useast1"}, "not an AWS region"},
      {{"--duration", "600"}, "900-43200"},
      {{"--instance-name", "00:1a:2b:3c:4d:5e"}, "colons"},
      {{"--tags", "Name"}, "both a key and a value"},
      {{"--tags", "K0=v,K1=v,K2=v,K3=v,K4=v,K5=v,K6=v,K7=v,K8=v,K9=v,K10=v"}, "at most 10 tags"},
      {{"--endpoint-url", "sts.example.com"}, "must start with https://"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = base;
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    const Outcome run = run_cdrun(args, keys);
    EXPECT_EQ(run.exit_code, 2) << c.message << "\n" << run.err;
    EXPECT_THAT(run.err, HasSubstr(c.message));
  }
  EXPECT_FALSE(file_exists(home.path() + "/conf"));

  Outcome run = run_cdrun({"onprem", "configure", "--session-name", "h", "--region", "us-east-1"}, keys);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("--role-arn"));
  run = run_cdrun(base, {"AWS_SHARED_CREDENTIALS_FILE=" + home.path() + "/none"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, AllOf(HasSubstr("no AWS credentials found"), HasSubstr(home.path() + "/none")));
  run = run_cdrun({"onprem"});
  EXPECT_EQ(run.exit_code, 2);
  run = run_cdrun({"onprem", "frobnicate"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("configure or renew"));
}

TEST(OnPremHelp, ExplainsFilesTimingSchedulingAndExitCodes) {
  Outcome run = run_cdrun({"onprem", "--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, AllOf(HasSubstr("configure"), HasSubstr("renew")));
  run = run_cdrun({"onprem", "configure", "--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, AllOf(HasSubstr("--role-arn"), HasSubstr("mode 0600"), HasSubstr("codedeploy.onpremises.yml"),
                             HasSubstr("AWS_ENDPOINT_URL_STS"), HasSubstr("Exit status")));
  run = run_cdrun({"onprem", "renew", "--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, AllOf(HasSubstr("*/15 * * * * root cdrun onprem renew"), HasSubstr("30 minutes"),
                             HasSubstr("half the session's lifetime"), HasSubstr("cdrun-onprem-renew.timer"),
                             HasSubstr("--renew-after"), HasSubstr("Exit status")));
}

TEST(OnPremRenewUsage, WithoutConfigurationItSaysToConfigureFirst) {
  cdrun::e2e::TempDir home;
  isolate_environment(home.path());
  Outcome run = run_cdrun({"onprem", "renew", "--config-dir", home.path()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, AllOf(HasSubstr("cdrun-onprem.json"), HasSubstr("cdrun onprem configure")));
  run = run_cdrun({"onprem", "renew", "--config-dir", home.path(), "--daemon"});
  EXPECT_EQ(run.exit_code, 2);
  home.write("cdrun-onprem.json", "{\"role_arn\": 1}");
  run = run_cdrun({"onprem", "renew", "--config-dir", home.path()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("is damaged"));
  run = run_cdrun({"onprem", "renew", "--interval", "-5"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("--interval: Value -5 not in range"));
}

}  // namespace
}  // namespace cdrun::testing
