// The stand-alone IAM documents against the least-privilege set the spec asks for (written out here by hand).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "tests/aws/role_test_support.h"

namespace cdrun::testing {
namespace {

using ::testing::UnorderedElementsAre;

struct Grant {
  std::set<std::string> actions;
  std::set<std::string> resources;
  bool operator==(const Grant& other) const { return actions == other.actions && resources == other.resources; }
};

std::ostream& operator<<(std::ostream& os, const Grant& grant) {
  os << "{actions:";
  for (const auto& a : grant.actions) os << " " << a;
  os << "; resources:";
  for (const auto& r : grant.resources) os << " " << r;
  return os << "}";
}

std::set<std::string> strings(const Json& value) {
  if (value.is_string()) return {value.get<std::string>()};
  std::set<std::string> out;
  for (const Json& item : value) out.insert(item.get<std::string>());
  return out;
}

// Every statement must be an unconditional Allow without NotAction/NotResource; returns them as grants.
std::vector<Grant> grants(const Json& policy) {
  EXPECT_EQ(policy.at("Version"), "2012-10-17");
  std::vector<Grant> out;
  for (const Json& statement : policy.at("Statement")) {
    EXPECT_EQ(statement.at("Effect"), "Allow");
    for (const char* forbidden : {"NotAction", "NotResource", "NotPrincipal", "Condition", "Principal"}) {
      EXPECT_FALSE(statement.contains(forbidden)) << forbidden << " in " << statement.dump();
    }
    out.push_back({strings(statement.at("Action")), strings(statement.at("Resource"))});
  }
  return out;
}

// A trust policy: exactly one Allow of sts:AssumeRole to exactly the given principal.
void expect_trust(const Json& policy, const std::string& principal_kind, const std::string& principal) {
  EXPECT_EQ(policy.at("Version"), "2012-10-17");
  ASSERT_EQ(policy.at("Statement").size(), 1u) << policy.dump();
  const Json& statement = policy["Statement"][0];
  EXPECT_EQ(statement.at("Effect"), "Allow");
  EXPECT_EQ(strings(statement.at("Action")), std::set<std::string>{"sts:AssumeRole"});
  EXPECT_EQ(statement.at("Principal"), Json({{principal_kind, principal}}));
  EXPECT_FALSE(statement.contains("Condition"));
}

class RoleDocuments : public ::testing::Test {
 protected:
  void render(std::vector<std::string> extra) {
    std::vector<std::string> args = all_parts_args();
    args.insert(args.end(), {"--account", "123456789012", "--region", "eu-west-1", "--out", dir_.path()});
    args.insert(args.end(), extra.begin(), extra.end());
    cdrun::e2e::Outcome run = render_roles(args);
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  Json doc(const std::string& name) { return read_json_file(dir_.path() + "/" + name); }

  cdrun::e2e::TempDir dir_;
};

// The agent reads revisions (any version) from the revision buckets and may list them; and it reads its own
// installer/updates from aws-codedeploy-<region> (spec §5.1). Nothing else, and no write.
std::vector<Grant> expected_revision_read(const std::string& prefix, const std::string& region) {
  return {{{"s3:GetObject", "s3:GetObjectVersion"}, {"arn:aws:s3:::" + prefix + "*/*"}},
          {{"s3:ListBucket"}, {"arn:aws:s3:::" + prefix + "*"}},
          {{"s3:GetObject"}, {"arn:aws:s3:::aws-codedeploy-" + region + "/*"}}};
}

TEST_F(RoleDocuments, Ec2InstanceRoleIsTrustedByEc2AndReadsOnlyRevisions) {
  render({});
  expect_trust(doc("ec2-instance-trust.json"), "Service", "ec2.amazonaws.com");
  EXPECT_EQ(grants(doc("ec2-instance-s3-read.json")), expected_revision_read("codedeploy-", "eu-west-1"));
}

TEST_F(RoleDocuments, OnPremRoleTrustsExactlyItsUserWhichMayOnlyAssumeIt) {
  render({"--name-prefix", "Shop", "--onprem-user-name", "shop-onprem"});
  // The user itself, not arn:aws:iam::123456789012:root (see the spec on moto's auth mode).
  expect_trust(doc("onprem-role-trust.json"), "AWS", "arn:aws:iam::123456789012:user/shop-onprem");
  EXPECT_EQ(grants(doc("onprem-user-assume-only.json")),
            (std::vector<Grant>{{{"sts:AssumeRole"}, {"arn:aws:iam::123456789012:role/ShopOnPremRole"}}}));
  EXPECT_EQ(grants(doc("onprem-role-s3-read.json")), expected_revision_read("codedeploy-", "eu-west-1"));
}

TEST_F(RoleDocuments, BucketPrefixScopesTheS3Grants) {
  render({"--bucket-prefix", "acme.deploy-"});
  EXPECT_EQ(grants(doc("onprem-role-s3-read.json")), expected_revision_read("acme.deploy-", "eu-west-1"));
  EXPECT_EQ(grants(doc("ci-deployer-policy.json"))[0],
            (Grant{{"s3:PutObject", "s3:AbortMultipartUpload"}, {"arn:aws:s3:::acme.deploy-*/*"}}));
}

TEST_F(RoleDocuments, ServiceRoleIsTrustedByCodeDeploy) {
  render({});
  expect_trust(doc("service-role-trust.json"), "Service", "codedeploy.amazonaws.com");
}

TEST_F(RoleDocuments, CiDeployerMayPushAndDeployOnlyItsApplicationAndGroup) {
  render({});
  const std::string arn = "arn:aws:codedeploy:eu-west-1:123456789012:";
  EXPECT_THAT(grants(doc("ci-deployer-policy.json")),
              UnorderedElementsAre(
                  Grant{{"s3:PutObject", "s3:AbortMultipartUpload"}, {"arn:aws:s3:::codedeploy-*/*"}},
                  Grant{{"codedeploy:RegisterApplicationRevision", "codedeploy:GetApplicationRevision"},
                        {arn + "application:ShopApp"}},
                  Grant{{"codedeploy:CreateDeployment", "codedeploy:GetDeployment"},
                        {arn + "deploymentgroup:ShopApp/ShopGroup"}},
                  // No resource-level permissions for these two (Service Authorization Reference).
                  Grant{{"codedeploy:ListDeploymentTargets", "codedeploy:BatchGetDeploymentTargets"}, {"*"}},
                  Grant{{"codedeploy:GetDeploymentConfig"}, {arn + "deploymentconfig:*"}}));
}

TEST_F(RoleDocuments, ChinaAndGovCloudRegionsUseTheirPartition) {
  cdrun::e2e::Outcome run = render_roles({"--parts", "onprem", "--account", "123456789012", "--region", "cn-north-1",
                                          "--print", "onprem-role-s3-read.json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(grants(Json::parse(run.out)), (std::vector<Grant>{
                                              {{"s3:GetObject", "s3:GetObjectVersion"}, {"arn:aws-cn:s3:::codedeploy-*/*"}},
                                              {{"s3:ListBucket"}, {"arn:aws-cn:s3:::codedeploy-*"}},
                                              {{"s3:GetObject"}, {"arn:aws-cn:s3:::aws-codedeploy-cn-north-1/*"}}}));
  run = render_roles({"--parts", "onprem", "--account", "123456789012", "--region", "us-gov-west-1", "--print",
                      "onprem-user-assume-only.json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(grants(Json::parse(run.out))[0].resources,
            std::set<std::string>{"arn:aws-us-gov:iam::123456789012:role/CodeDeployOnPremRole"});
}

}  // namespace
}  // namespace cdrun::testing
