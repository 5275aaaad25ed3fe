// The rendered codedeploy-roles.yaml, read back by a YAML 1.1 loader, against what the spec asks of each resource
// (including what moto cannot check: ManagedPolicyArns and the CodeDeploy resources).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/aws/role_test_support.h"

namespace cdrun::testing {
namespace {

using ::testing::ElementsAre;

Json ref(const std::string& name) { return {{"Ref", name}}; }
Json get_att(const std::string& resource, const std::string& attribute) {
  return {{"Fn::GetAtt", Json::array({resource, attribute})}};
}
Json sub(const std::string& text) { return {{"Fn::Sub", text}}; }

Json rendered_template(const std::vector<std::string>& args) {
  cdrun::e2e::TempDir dir;
  cdrun::e2e::Outcome run = render_roles(args);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return load_template(dir.write("t.yaml", run.out));
}

std::vector<std::string> keys(const Json& object) {
  std::vector<std::string> out;
  for (auto it = object.begin(); it != object.end(); ++it) out.push_back(it.key());
  std::sort(out.begin(), out.end());
  return out;
}

Json trust(const std::string& kind, const Json& principal) {
  return {{"Version", "2012-10-17"},
          {"Statement", Json::array({{{"Effect", "Allow"},
                                      {"Principal", {{kind, principal}}},
                                      {"Action", Json::array({"sts:AssumeRole"})}}})}};
}

TEST(RoleTemplate, AllPartsHaveTheResourcesAndWiringTheSpecAsksFor) {
  const Json t = rendered_template(all_parts_args());
  EXPECT_EQ(t["AWSTemplateFormatVersion"], "2010-09-09");
  const Json& r = t["Resources"];
  EXPECT_THAT(keys(r), ElementsAre("Application", "CiDeployerPolicy", "DeploymentGroup", "InstanceProfile",
                                   "InstanceRevisionReadPolicy", "InstanceRole", "OnPremRevisionReadPolicy",
                                   "OnPremRole", "OnPremUser", "OnPremUserAssumePolicy", "ServiceRole"));
  for (auto it = r.begin(); it != r.end(); ++it) {
    EXPECT_FALSE(it.value()["Properties"].contains("Policies")) << it.key() << ": inline Policies break moto's auth checker";
  }

  EXPECT_EQ(r["InstanceRole"]["Type"], "AWS::IAM::Role");
  EXPECT_EQ(r["InstanceRole"]["Properties"]["AssumeRolePolicyDocument"], trust("Service", "ec2.amazonaws.com"));
  EXPECT_EQ(r["InstanceProfile"]["Type"], "AWS::IAM::InstanceProfile");
  EXPECT_EQ(r["InstanceProfile"]["Properties"]["Roles"], Json::array({ref("InstanceRole")}));
  EXPECT_EQ(r["InstanceRevisionReadPolicy"]["Type"], "AWS::IAM::Policy");
  EXPECT_EQ(r["InstanceRevisionReadPolicy"]["Properties"]["Roles"], Json::array({ref("InstanceRole")}));

  EXPECT_EQ(r["OnPremUser"]["Type"], "AWS::IAM::User");
  EXPECT_EQ(r["OnPremUser"]["Properties"]["UserName"], ref("OnPremUserName"));
  EXPECT_EQ(r["OnPremRole"]["Properties"]["AssumeRolePolicyDocument"], trust("AWS", get_att("OnPremUser", "Arn")));
  EXPECT_EQ(r["OnPremRevisionReadPolicy"]["Properties"]["Roles"], Json::array({ref("OnPremRole")}));
  const Json& assume = r["OnPremUserAssumePolicy"]["Properties"];
  EXPECT_EQ(assume["Users"], Json::array({ref("OnPremUser")}));
  EXPECT_FALSE(assume.contains("Roles"));
  ASSERT_EQ(assume["PolicyDocument"]["Statement"].size(), 1u);
  EXPECT_EQ(assume["PolicyDocument"]["Statement"][0]["Action"], Json::array({"sts:AssumeRole"}));
  EXPECT_EQ(assume["PolicyDocument"]["Statement"][0]["Resource"], Json::array({get_att("OnPremRole", "Arn")}));

  const Json& read = r["OnPremRevisionReadPolicy"]["Properties"]["PolicyDocument"]["Statement"];
  ASSERT_EQ(read.size(), 3u);
  EXPECT_EQ(read[0]["Resource"], Json::array({sub("arn:${AWS::Partition}:s3:::${BucketPrefix}*/*")}));
  EXPECT_EQ(read[1]["Resource"], Json::array({sub("arn:${AWS::Partition}:s3:::${BucketPrefix}*")}));
  EXPECT_EQ(read[2]["Resource"], Json::array({sub("arn:${AWS::Partition}:s3:::aws-codedeploy-${AWS::Region}/*")}));

  EXPECT_EQ(r["ServiceRole"]["Properties"]["AssumeRolePolicyDocument"], trust("Service", "codedeploy.amazonaws.com"));
  EXPECT_EQ(r["ServiceRole"]["Properties"]["ManagedPolicyArns"],
            Json::array({sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSCodeDeployRole")}));

  EXPECT_EQ(r["CiDeployerPolicy"]["Type"], "AWS::IAM::ManagedPolicy");

  EXPECT_EQ(r["Application"]["Type"], "AWS::CodeDeploy::Application");
  EXPECT_EQ(r["Application"]["Properties"]["ComputePlatform"], "Server");
  EXPECT_EQ(r["Application"]["Properties"]["ApplicationName"], ref("ApplicationName"));
  const Json& group = r["DeploymentGroup"]["Properties"];
  EXPECT_EQ(r["DeploymentGroup"]["Type"], "AWS::CodeDeploy::DeploymentGroup");
  EXPECT_EQ(group["ApplicationName"], ref("Application"));
  EXPECT_EQ(group["ServiceRoleArn"], get_att("ServiceRole", "Arn"));
  EXPECT_EQ(group["Ec2TagFilters"], Json::parse(R"([{"Key":"App","Value":"shop","Type":"KEY_AND_VALUE"}])"));
  EXPECT_EQ(group["OnPremisesInstanceTagFilters"],
            Json::parse(R"([{"Key":"Name","Value":"onprem-host1","Type":"KEY_AND_VALUE"}])"));

  EXPECT_THAT(keys(t["Parameters"]), ElementsAre("ApplicationName", "BucketPrefix", "DeploymentGroupName",
                                                 "NamePrefix", "OnPremUserName"));
  EXPECT_EQ(t["Parameters"]["BucketPrefix"]["Default"], "codedeploy-");
  EXPECT_EQ(t["Parameters"]["ApplicationName"]["Default"], "ShopApp");
  EXPECT_EQ(t["Parameters"]["OnPremUserName"]["Default"], "CodeDeployOnPremUser");
  EXPECT_EQ(t["Outputs"]["OnPremRoleArn"]["Value"], get_att("OnPremRole", "Arn"));
  EXPECT_EQ(t["Outputs"]["InstanceProfileArn"]["Value"], get_att("InstanceProfile", "Arn"));
  EXPECT_EQ(t["Outputs"]["ServiceRoleArn"]["Value"], get_att("ServiceRole", "Arn"));
  EXPECT_EQ(t["Outputs"]["CiDeployerPolicyArn"]["Value"], ref("CiDeployerPolicy"));
}

TEST(RoleTemplate, DeclaresOnlyTheParametersItsPartsUse) {
  EXPECT_THAT(keys(rendered_template({"--parts", "service-role"})["Parameters"]), ElementsAre("NamePrefix"));
  EXPECT_THAT(keys(rendered_template({"--parts", "ec2-instance"})["Parameters"]), ElementsAre("BucketPrefix", "NamePrefix"));
  const Json app = rendered_template({"--parts", "application", "--application-name", "A", "--deployment-group-name",
                                      "G", "--onprem-tag", "Name=h1"});
  EXPECT_THAT(keys(app["Parameters"]), ElementsAre("ApplicationName", "DeploymentGroupName", "ServiceRoleArn"));
  EXPECT_EQ(app["Resources"]["DeploymentGroup"]["Properties"]["ServiceRoleArn"], ref("ServiceRoleArn"));
  EXPECT_FALSE(app["Resources"]["DeploymentGroup"]["Properties"].contains("Ec2TagFilters"));
}

// Values YAML 1.1 would read as something else (booleans, null, numbers, dates) or that hold indicators
// must come back as the very strings given.
TEST(RoleTemplate, AwkwardTagValuesAndNamesSurviveTheYaml) {
  const std::vector<std::string> values{"yes", "No", "on", "null", "~", "123", "0x1F", "1e3", "2012-10-17", ".inf",
                                        "it's", "a: b", "#x", "-x", "*", "x:", "@home", "[a]", "{b}", "!Ref x",
                                        "\"q\"", " lead", "trail ", "%x", "a,b", "ünï"};
  std::vector<std::string> args{"--parts", "application,service-role", "--application-name", "A",
                                "--deployment-group-name", "G", "--name-prefix", "A=B,C.D@E-"};
  for (const std::string& v : values) args.insert(args.end(), {"--ec2-tag", v + "=" + v});
  const Json t = rendered_template(args);
  const Json& filters = t["Resources"]["DeploymentGroup"]["Properties"]["Ec2TagFilters"];
  ASSERT_EQ(filters.size(), values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(filters[i]["Key"], values[i]);
    EXPECT_EQ(filters[i]["Value"], values[i]);
  }
  EXPECT_EQ(t["Parameters"]["NamePrefix"]["Default"], "A=B,C.D@E-");
}

}  // namespace
}  // namespace cdrun::testing
