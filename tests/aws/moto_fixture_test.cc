// The moto fixture itself (start, auth switch, cleanup) and the on-premises CodeDeploy shim, through the real awscli.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/aws/moto_server.h"

namespace cdrun::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;
using Json = nlohmann::json;

const std::string kSessionArn = "arn:aws:sts::123456789012:assumed-role/CodeDeployOnPremRole/onprem-host1";

Json ok_json(const cdrun::e2e::Outcome& run) {
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return run.out.empty() ? Json::object() : Json::parse(run.out);
}

// The awscli prints "An error occurred (Code) when calling ..." for a service error and exits non-zero.
void expect_error(const cdrun::e2e::Outcome& run, const std::string& code) {
  EXPECT_NE(run.exit_code, 0) << run.out;
  EXPECT_THAT(run.err, HasSubstr("An error occurred (" + code + ")"));
}

bool port_accepts(const std::string& endpoint) {
  int port = std::stoi(endpoint.substr(endpoint.rfind(':') + 1));
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool connected = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return connected;
}

std::vector<std::string> names_of(const Json& listing) {
  return listing.at("instanceNames").get<std::vector<std::string>>();
}

TEST(MotoFixture, StartsOnLoopbackAnswersTheCliAndIsGoneAfterDestruction) {
  std::string endpoint;
  {
    MotoServer moto;
    endpoint = moto.endpoint();
    EXPECT_THAT(endpoint, ::testing::MatchesRegex("http://127\\.0\\.0\\.1:[0-9]+"));
    Json identity = ok_json(moto.aws({"sts", "get-caller-identity"}));
    EXPECT_EQ(identity.value("Account", ""), "123456789012");
    // Managed policies are only there with MOTO_IAM_LOAD_MANAGED_POLICIES=true at start.
    Json policy = ok_json(moto.aws({"iam", "get-policy", "--policy-arn",
                                    "arn:aws:iam::aws:policy/service-role/AWSCodeDeployRole"}));
    EXPECT_EQ(policy["Policy"].value("PolicyName", ""), "AWSCodeDeployRole");
  }
  EXPECT_FALSE(port_accepts(endpoint)) << "moto still listens after the fixture went away";
}

TEST(MotoFixture, EnforcedAuthRejectsUnknownKeysAndAcceptsKeysCreatedInMoto) {
  MotoServer moto;
  ok_json(moto.aws({"iam", "create-user", "--user-name", "probe"}));
  Json key = ok_json(moto.aws({"iam", "create-access-key", "--user-name", "probe"}));
  const std::string id = key["AccessKey"].value("AccessKeyId", "");
  const std::string secret = key["AccessKey"].value("SecretAccessKey", "");
  ASSERT_FALSE(id.empty());

  moto.enforce_auth();
  expect_error(moto.aws({"sts", "get-caller-identity"}), "InvalidClientTokenId");
  Json as_user = ok_json(moto.aws({"sts", "get-caller-identity"},
                                  {"AWS_ACCESS_KEY_ID=" + id, "AWS_SECRET_ACCESS_KEY=" + secret}));
  EXPECT_EQ(as_user.value("Arn", ""), "arn:aws:iam::123456789012:user/probe");
  expect_error(moto.aws({"sts", "get-caller-identity"},
                        {"AWS_ACCESS_KEY_ID=" + id, "AWS_SECRET_ACCESS_KEY=" + secret + "x"}),
               "SignatureDoesNotMatch");

  moto.relax_auth();
  EXPECT_EQ(ok_json(moto.aws({"sts", "get-caller-identity"})).value("Account", ""), "123456789012");
}

TEST(MotoOnPremShim, RegistersTagsListsAndDeregistersInstances) {
  MotoServer moto;
  ok_json(moto.aws({"deploy", "register-on-premises-instance", "--instance-name", "onprem-host1", "--iam-session-arn",
                    kSessionArn}));
  ok_json(moto.aws({"deploy", "register-on-premises-instance", "--instance-name", "onprem-host2", "--iam-user-arn",
                    "arn:aws:iam::123456789012:user/codedeploy-onprem"}));
  ok_json(moto.aws({"deploy", "add-tags-to-on-premises-instances", "--instance-names", "onprem-host1", "onprem-host2",
                    "--tags", "Key=App,Value=shop"}));
  ok_json(moto.aws({"deploy", "add-tags-to-on-premises-instances", "--instance-names", "onprem-host1", "--tags",
                    "Key=Name,Value=onprem-host1"}));

  Json info = ok_json(moto.aws({"deploy", "get-on-premises-instance", "--instance-name", "onprem-host1"}))["instanceInfo"];
  EXPECT_EQ(info.value("instanceName", ""), "onprem-host1");
  EXPECT_EQ(info.value("iamSessionArn", ""), kSessionArn);
  EXPECT_FALSE(info.contains("iamUserArn"));
  EXPECT_EQ(info.value("instanceArn", ""), "arn:aws:codedeploy:us-east-1:123456789012:instance/onprem-host1");
  EXPECT_TRUE(info.contains("registerTime"));
  EXPECT_FALSE(info.contains("deregisterTime"));
  EXPECT_EQ(info["tags"], Json::parse(R"([{"Key":"App","Value":"shop"},{"Key":"Name","Value":"onprem-host1"}])"));

  EXPECT_THAT(names_of(ok_json(moto.aws({"deploy", "list-on-premises-instances"}))),
              UnorderedElementsAre("onprem-host1", "onprem-host2"));
  EXPECT_THAT(names_of(ok_json(moto.aws({"deploy", "list-on-premises-instances", "--tag-filters",
                                         "Key=Name,Value=onprem-host1,Type=KEY_AND_VALUE"}))),
              UnorderedElementsAre("onprem-host1"));
  EXPECT_THAT(names_of(ok_json(moto.aws({"deploy", "list-on-premises-instances", "--tag-filters",
                                         "Key=App,Type=KEY_ONLY"}))),
              UnorderedElementsAre("onprem-host1", "onprem-host2"));

  ok_json(moto.aws({"deploy", "remove-tags-from-on-premises-instances", "--instance-names", "onprem-host1", "--tags",
                    "Key=App,Value=shop"}));
  EXPECT_THAT(names_of(ok_json(moto.aws({"deploy", "list-on-premises-instances", "--tag-filters",
                                         "Key=App,Value=shop,Type=KEY_AND_VALUE"}))),
              UnorderedElementsAre("onprem-host2"));

  ok_json(moto.aws({"deploy", "deregister-on-premises-instance", "--instance-name", "onprem-host2"}));
  EXPECT_THAT(names_of(ok_json(moto.aws({"deploy", "list-on-premises-instances", "--registration-status",
                                         "Registered"}))),
              UnorderedElementsAre("onprem-host1"));
  EXPECT_THAT(names_of(ok_json(moto.aws({"deploy", "list-on-premises-instances", "--registration-status",
                                         "Deregistered"}))),
              UnorderedElementsAre("onprem-host2"));
  Json gone = ok_json(moto.aws({"deploy", "get-on-premises-instance", "--instance-name", "onprem-host2"}))["instanceInfo"];
  EXPECT_TRUE(gone.contains("deregisterTime"));
  EXPECT_EQ(gone["tags"], Json::array()) << "deregistering removes the instance's tags";
  // The user ARN is free again once its instance is deregistered.
  ok_json(moto.aws({"deploy", "register-on-premises-instance", "--instance-name", "onprem-host3", "--iam-user-arn",
                    "arn:aws:iam::123456789012:user/codedeploy-onprem"}));
}

TEST(MotoOnPremShim, RejectsBadRegistrationsAsCodeDeployDoes) {
  MotoServer moto;
  auto reg = [&](const std::string& name, const std::string& flag, const std::string& arn) {
    return moto.aws({"deploy", "register-on-premises-instance", "--instance-name", name, flag, arn});
  };
  ok_json(reg("onprem-host1", "--iam-session-arn", kSessionArn));
  expect_error(reg("onprem-host1", "--iam-session-arn",
                   "arn:aws:sts::123456789012:assumed-role/CodeDeployOnPremRole/other"),
               "InstanceNameAlreadyRegisteredException");
  expect_error(reg("onprem-host2", "--iam-session-arn", kSessionArn), "IamSessionArnAlreadyRegisteredException");
  for (const std::string bad : {"arn:aws:sts::12345678901:assumed-role/R/s",    // 11-digit account
                                "arn:aws:iam::123456789012:role/R",             // a role, not a session
                                "arn:aws:sts::123456789012:assumed-role/R",     // no session name
                                "arn:aws:sts::123456789012:federated-user/bob"}) {
    expect_error(reg("onprem-host3", "--iam-session-arn", bad), "InvalidIamSessionArnException");
  }
  expect_error(reg("onprem-host3", "--iam-user-arn", "arn:aws:iam::123456789012:role/R"), "InvalidIamUserArnException");
  expect_error(reg("00:1a:2b:3c:4d:5e", "--iam-session-arn", "arn:aws:sts::123456789012:assumed-role/R/mac"),
               "InvalidInstanceNameException");
  expect_error(reg("", "--iam-session-arn", "arn:aws:sts::123456789012:assumed-role/R/empty"),
               "InstanceNameRequiredException");
  expect_error(moto.aws({"deploy", "register-on-premises-instance", "--instance-name", "onprem-host4",
                         "--iam-session-arn", "arn:aws:sts::123456789012:assumed-role/R/x", "--iam-user-arn",
                         "arn:aws:iam::123456789012:user/u"}),
               "MultipleIamArnsProvidedException");
  expect_error(moto.aws({"deploy", "get-on-premises-instance", "--instance-name", "never-registered"}),
               "InstanceNotRegisteredException");
}

TEST(MotoOnPremShim, RejectsBadTagsAndTooManyTags) {
  MotoServer moto;
  ok_json(moto.aws({"deploy", "register-on-premises-instance", "--instance-name", "onprem-host1", "--iam-session-arn",
                    kSessionArn}));
  auto add = [&](const std::vector<std::string>& names, const std::vector<std::string>& tags) {
    std::vector<std::string> args{"deploy", "add-tags-to-on-premises-instances", "--instance-names"};
    args.insert(args.end(), names.begin(), names.end());
    args.push_back("--tags");
    args.insert(args.end(), tags.begin(), tags.end());
    return moto.aws(args);
  };
  expect_error(add({"onprem-host1"}, {"Key=Name"}), "InvalidTagException");
  expect_error(add({"onprem-host1"}, {"Value=x"}), "InvalidTagException");
  expect_error(add({"onprem-host1"}, {"[]"}), "TagRequiredException");
  expect_error(add({"not-there"}, {"Key=a,Value=b"}), "InstanceNotRegisteredException");

  std::vector<std::string> ten;
  for (int i = 0; i < 10; ++i) ten.push_back("Key=k" + std::to_string(i) + ",Value=v");
  ok_json(add({"onprem-host1"}, ten));
  ok_json(add({"onprem-host1"}, {"Key=k0,Value=replaced"}));  // same key: replaces, still 10
  expect_error(add({"onprem-host1"}, {"Key=k10,Value=v"}), "TagLimitExceededException");
  Json info = ok_json(moto.aws({"deploy", "get-on-premises-instance", "--instance-name", "onprem-host1"}))["instanceInfo"];
  EXPECT_EQ(info["tags"].size(), 10u);
  EXPECT_EQ(info["tags"][0], Json::parse(R"({"Key":"k0","Value":"replaced"})"));

  expect_error(moto.aws({"deploy", "list-on-premises-instances", "--tag-filters", "Key=a,Value=b,Type=KEY_VALUE"}),
               "InvalidTagFilterException");
}

}  // namespace
}  // namespace cdrun::testing
