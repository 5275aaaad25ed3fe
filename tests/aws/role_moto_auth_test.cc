// The rendered on-premises documents actually work: in moto with signature and policy checks on, the user's key may
// assume the rendered role and nothing else, and the role's session may read revisions and nothing else.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/aws/moto_server.h"
#include "tests/aws/role_test_support.h"

namespace cdrun::testing {
namespace {

using ::testing::HasSubstr;

const std::string kAccount = "123456789012";

Json ok_json(const cdrun::e2e::Outcome& run) {
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return run.exit_code == 0 && !run.out.empty() ? Json::parse(run.out) : Json::object();
}

void expect_denied(const cdrun::e2e::Outcome& run, const std::string& what) {
  EXPECT_NE(run.exit_code, 0) << what << ": " << run.out;
  EXPECT_THAT(run.err, HasSubstr("AccessDenied")) << what;
}

struct Keys {
  std::vector<std::string> env;  // AWS_ACCESS_KEY_ID=..., AWS_SECRET_ACCESS_KEY=... (and the token of a session)
};

Keys access_key_of(const MotoServer& moto, const std::string& user) {
  Json key = ok_json(moto.aws({"iam", "create-access-key", "--user-name", user}))["AccessKey"];
  return {{"AWS_ACCESS_KEY_ID=" + key.value("AccessKeyId", ""), "AWS_SECRET_ACCESS_KEY=" + key.value("SecretAccessKey", "")}};
}

// Assumes `role_arn` with `keys`; the outcome, and the session's keys when it worked.
cdrun::e2e::Outcome assume(const MotoServer& moto, const Keys& keys, const std::string& role_arn, Keys* session) {
  cdrun::e2e::Outcome run = moto.aws({"sts", "assume-role", "--role-arn", role_arn, "--role-session-name", "onprem-host1"},
                                     keys.env);
  if (run.exit_code == 0 && session) {
    Json c = Json::parse(run.out)["Credentials"];
    session->env = {"AWS_ACCESS_KEY_ID=" + c.value("AccessKeyId", ""), "AWS_SECRET_ACCESS_KEY=" + c.value("SecretAccessKey", ""),
                    "AWS_SESSION_TOKEN=" + c.value("SessionToken", "")};
  }
  return run;
}

void put_object(const MotoServer& moto, const std::string& bucket, const std::string& key, const std::string& file) {
  ok_json(moto.aws({"s3api", "create-bucket", "--bucket", bucket}));
  ok_json(moto.aws({"s3api", "put-object", "--bucket", bucket, "--key", key, "--body", file}));
}

cdrun::e2e::Outcome get_object(const MotoServer& moto, const Keys& keys, const std::string& bucket,
                               const std::string& key, const std::string& to) {
  return moto.aws({"s3api", "get-object", "--bucket", bucket, "--key", key, to}, keys.env);
}

TEST(RoleMotoAuth, RenderedDocumentsLetTheUserAssumeOnlyItsRoleAndTheRoleReadOnlyRevisions) {
  MotoServer moto;
  cdrun::e2e::TempDir dir;
  const std::string docs = dir.path() + "/docs";
  cdrun::e2e::Outcome rendered = render_roles({"--parts", "onprem", "--account", kAccount, "--region", "us-east-1",
                                               "--name-prefix", "Shop", "--onprem-user-name", "shop-onprem", "--out", docs});
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  auto file = [&](const std::string& name) { return "file://" + docs + "/" + name; };

  // Set up with auth off, as an administrator would, from the rendered documents only.
  ok_json(moto.aws({"iam", "create-user", "--user-name", "shop-onprem"}));
  ok_json(moto.aws({"iam", "put-user-policy", "--user-name", "shop-onprem", "--policy-name", "AssumeOnPremRoleOnly",
                    "--policy-document", file("onprem-user-assume-only.json")}));
  ok_json(moto.aws({"iam", "create-role", "--role-name", "ShopOnPremRole", "--assume-role-policy-document",
                    file("onprem-role-trust.json")}));
  ok_json(moto.aws({"iam", "put-role-policy", "--role-name", "ShopOnPremRole", "--policy-name", "CodeDeployRevisionRead",
                    "--policy-document", file("onprem-role-s3-read.json")}));
  // Another role that trusts the same user: only the user's own policy keeps it out.
  ok_json(moto.aws({"iam", "create-role", "--role-name", "OtherRole", "--assume-role-policy-document",
                    file("onprem-role-trust.json")}));
  const std::string payload = dir.write("bundle.zip", "revision bytes");
  put_object(moto, "codedeploy-shop", "app/bundle.zip", payload);
  put_object(moto, "aws-codedeploy-us-east-1", "latest/install", payload);
  put_object(moto, "other-bucket", "secret.txt", payload);
  const Keys user = access_key_of(moto, "shop-onprem");

  moto.enforce_auth();
  Keys session;
  cdrun::e2e::Outcome assumed = assume(moto, user, "arn:aws:iam::" + kAccount + ":role/ShopOnPremRole", &session);
  ASSERT_EQ(assumed.exit_code, 0) << assumed.err;
  EXPECT_EQ(Json::parse(assumed.out)["AssumedRoleUser"]["Arn"],
            "arn:aws:sts::" + kAccount + ":assumed-role/ShopOnPremRole/onprem-host1");
  expect_denied(assume(moto, user, "arn:aws:iam::" + kAccount + ":role/OtherRole", nullptr), "assume OtherRole");
  expect_denied(moto.aws({"iam", "list-users"}, user.env), "the user's key listing users");

  const std::string got = dir.path() + "/got";
  EXPECT_EQ(get_object(moto, session, "codedeploy-shop", "app/bundle.zip", got).exit_code, 0);
  EXPECT_EQ(read_text_file(got), "revision bytes");
  EXPECT_EQ(get_object(moto, session, "aws-codedeploy-us-east-1", "latest/install", got).exit_code, 0)
      << "the agent's installer bucket";
  EXPECT_EQ(moto.aws({"s3api", "list-objects-v2", "--bucket", "codedeploy-shop"}, session.env).exit_code, 0);
  expect_denied(get_object(moto, session, "other-bucket", "secret.txt", got), "reading another bucket");
  expect_denied(moto.aws({"s3api", "put-object", "--bucket", "codedeploy-shop", "--key", "x", "--body", payload},
                         session.env),
                "writing a revision");
  expect_denied(assume(moto, session, "arn:aws:iam::" + kAccount + ":role/OtherRole", nullptr), "role chaining");
}

// The template's way (trust via !GetAtt of the user, AssumeRole policy as its own AWS::IAM::Policy) works in
// moto's auth mode too: the spec warns that the account-root principal and inline Policies do not.
TEST(RoleMotoAuth, StackCreatedUserMayAssumeTheStackRole) {
  MotoServer moto;
  cdrun::e2e::TempDir dir;
  cdrun::e2e::Outcome rendered = render_roles({"--parts", "onprem"});
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  const std::string path = dir.write("codedeploy-roles.yaml", rendered.out);
  ok_json(moto.aws({"cloudformation", "create-stack", "--stack-name", "onprem", "--template-body", "file://" + path,
                    "--capabilities", "CAPABILITY_NAMED_IAM"}));
  const Keys user = access_key_of(moto, "CodeDeployOnPremUser");
  moto.enforce_auth();
  Keys session;
  cdrun::e2e::Outcome assumed = assume(moto, user, "arn:aws:iam::" + kAccount + ":role/CodeDeployOnPremRole", &session);
  ASSERT_EQ(assumed.exit_code, 0) << assumed.err;
  Json identity = ok_json(moto.aws({"sts", "get-caller-identity"}, session.env));
  EXPECT_EQ(identity.value("Arn", ""), "arn:aws:sts::" + kAccount + ":assumed-role/CodeDeployOnPremRole/onprem-host1");
}

}  // namespace
}  // namespace cdrun::testing
