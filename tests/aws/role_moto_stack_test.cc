// The rendered template as a CloudFormation stack in moto: the IAM parts reach CREATE_COMPLETE and create what they
// should. moto skips AWS::CodeDeploy::* and ignores ManagedPolicyArns (spec §1.3): role_template_test checks those.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/aws/moto_server.h"
#include "tests/aws/role_test_support.h"

namespace cdrun::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

const std::string kAccount = "123456789012";  // moto's default account

Json ok_json(const cdrun::e2e::Outcome& run) {
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return run.exit_code == 0 && !run.out.empty() ? Json::parse(run.out) : Json::object();
}

class RoleStack : public ::testing::Test {
 protected:
  // Renders the template for `args`, creates it as `stack` with the parameter overrides, and returns its outputs.
  Json create_stack(const std::string& stack, const std::vector<std::string>& args,
                    const std::vector<std::string>& parameters = {}) {
    cdrun::e2e::Outcome rendered = render_roles(args);
    EXPECT_EQ(rendered.exit_code, 0) << rendered.err;
    const std::string path = dir_.write(stack + ".yaml", rendered.out);
    std::vector<std::string> create{"cloudformation", "create-stack", "--stack-name", stack, "--template-body",
                                    "file://" + path, "--capabilities", "CAPABILITY_NAMED_IAM"};
    if (!parameters.empty()) {
      create.push_back("--parameters");
      create.insert(create.end(), parameters.begin(), parameters.end());
    }
    ok_json(moto_.aws(create));
    Json stacks = ok_json(moto_.aws({"cloudformation", "describe-stacks", "--stack-name", stack}));
    EXPECT_EQ(stacks["Stacks"][0].value("StackStatus", ""), "CREATE_COMPLETE") << stacks.dump(2);
    Json outputs = Json::object();
    for (const Json& o : stacks["Stacks"][0].value("Outputs", Json::array())) outputs[o["OutputKey"].get<std::string>()] = o["OutputValue"];
    return outputs;
  }

  Json iam(const std::vector<std::string>& args) {
    std::vector<std::string> all{"iam"};
    all.insert(all.end(), args.begin(), args.end());
    return ok_json(moto_.aws(all));
  }

  std::vector<std::string> resource_types(const std::string& stack) {
    Json resources = ok_json(moto_.aws({"cloudformation", "list-stack-resources", "--stack-name", stack}));
    std::vector<std::string> types;
    for (const Json& r : resources["StackResourceSummaries"]) {
      EXPECT_EQ(r.value("ResourceStatus", ""), "CREATE_COMPLETE") << r.dump();
      if (r["ResourceType"].is_string()) types.push_back(r["ResourceType"]);
    }
    return types;
  }

  MotoServer moto_;
  cdrun::e2e::TempDir dir_;
};

Json statement_of(const Json& document) { return document["Statement"][0]; }

TEST_F(RoleStack, Ec2InstancePartCreatesRoleProfileAndPolicy) {
  Json outputs = create_stack("ec2", {"--parts", "ec2-instance"});
  EXPECT_EQ(outputs["InstanceRoleArn"], "arn:aws:iam::" + kAccount + ":role/CodeDeployEC2InstanceRole");
  EXPECT_EQ(outputs["InstanceProfileName"], "CodeDeployEC2InstanceProfile");
  Json role = iam({"get-role", "--role-name", "CodeDeployEC2InstanceRole"})["Role"];
  EXPECT_EQ(statement_of(role["AssumeRolePolicyDocument"])["Principal"], Json({{"Service", "ec2.amazonaws.com"}}));
  Json profile = iam({"get-instance-profile", "--instance-profile-name", "CodeDeployEC2InstanceProfile"});
  ASSERT_EQ(profile["InstanceProfile"]["Roles"].size(), 1u);
  EXPECT_EQ(profile["InstanceProfile"]["Roles"][0]["RoleName"], "CodeDeployEC2InstanceRole");
  EXPECT_THAT(iam({"list-role-policies", "--role-name", "CodeDeployEC2InstanceRole"})["PolicyNames"],
              ElementsAre("CodeDeployRevisionRead"));
  Json policy = iam({"get-role-policy", "--role-name", "CodeDeployEC2InstanceRole", "--policy-name",
                     "CodeDeployRevisionRead"})["PolicyDocument"];
  // moto resolved the !Sub with its parameters and pseudo parameters.
  EXPECT_EQ(policy["Statement"][0]["Resource"], Json::array({"arn:aws:s3:::codedeploy-*/*"}));
  EXPECT_EQ(policy["Statement"][2]["Resource"], Json::array({"arn:aws:s3:::aws-codedeploy-us-east-1/*"}));
}

TEST_F(RoleStack, OnPremPartCreatesAUserThatMayOnlyAssumeTheRoleThatTrustsIt) {
  Json outputs = create_stack("onprem", {"--parts", "onprem"},
                              {"ParameterKey=NamePrefix,ParameterValue=Shop",
                               "ParameterKey=OnPremUserName,ParameterValue=shop-onprem",
                               "ParameterKey=BucketPrefix,ParameterValue=shop-artifacts-"});
  const std::string role_arn = "arn:aws:iam::" + kAccount + ":role/ShopOnPremRole";
  const std::string user_arn = "arn:aws:iam::" + kAccount + ":user/shop-onprem";
  EXPECT_EQ(outputs["OnPremRoleArn"], role_arn);
  EXPECT_EQ(outputs["OnPremUserArn"], user_arn);
  EXPECT_EQ(outputs["OnPremUserName"], "shop-onprem");
  Json role = iam({"get-role", "--role-name", "ShopOnPremRole"})["Role"];
  EXPECT_EQ(statement_of(role["AssumeRolePolicyDocument"])["Principal"], Json({{"AWS", user_arn}}));
  EXPECT_THAT(iam({"list-user-policies", "--user-name", "shop-onprem"})["PolicyNames"], ElementsAre("AssumeOnPremRoleOnly"));
  Json assume = iam({"get-user-policy", "--user-name", "shop-onprem", "--policy-name", "AssumeOnPremRoleOnly"});
  EXPECT_EQ(assume["PolicyDocument"]["Statement"].size(), 1u);
  EXPECT_EQ(statement_of(assume["PolicyDocument"])["Action"], Json::array({"sts:AssumeRole"}));
  EXPECT_EQ(statement_of(assume["PolicyDocument"])["Resource"], Json::array({role_arn}));
  Json read = iam({"get-role-policy", "--role-name", "ShopOnPremRole", "--policy-name", "CodeDeployRevisionRead"});
  EXPECT_EQ(read["PolicyDocument"]["Statement"][1]["Resource"], Json::array({"arn:aws:s3:::shop-artifacts-*"}));
  EXPECT_EQ(iam({"list-attached-user-policies", "--user-name", "shop-onprem"})["AttachedPolicies"], Json::array());
}

TEST_F(RoleStack, ServiceRoleAndCiDeployerParts) {
  Json outputs = create_stack("svc", {"--parts", "service-role,ci-deployer", "--application-name", "ShopApp",
                                      "--deployment-group-name", "ShopGroup"});
  EXPECT_EQ(outputs["ServiceRoleArn"], "arn:aws:iam::" + kAccount + ":role/CodeDeployServiceRole");
  Json role = iam({"get-role", "--role-name", "CodeDeployServiceRole"})["Role"];
  EXPECT_EQ(statement_of(role["AssumeRolePolicyDocument"])["Principal"], Json({{"Service", "codedeploy.amazonaws.com"}}));
  const std::string policy_arn = "arn:aws:iam::" + kAccount + ":policy/CodeDeployCiDeployer";
  EXPECT_EQ(outputs["CiDeployerPolicyArn"], policy_arn);
  Json policy = iam({"get-policy", "--policy-arn", policy_arn})["Policy"];
  Json version = iam({"get-policy-version", "--policy-arn", policy_arn, "--version-id",
                      policy.value("DefaultVersionId", "v1")})["PolicyVersion"]["Document"];
  EXPECT_EQ(version["Statement"][2]["Resource"],
            Json::array({"arn:aws:codedeploy:us-east-1:" + kAccount + ":deploymentgroup:ShopApp/ShopGroup"}));
}

TEST_F(RoleStack, AllPartsTogetherReachCreateComplete) {
  create_stack("all", all_parts_args());
  // moto creates the IAM resources and skips the two CodeDeploy ones (it lists them with an empty type).
  EXPECT_THAT(resource_types("all"),
              UnorderedElementsAre("AWS::IAM::Role", "AWS::IAM::Role", "AWS::IAM::Role", "AWS::IAM::InstanceProfile",
                                   "AWS::IAM::Policy", "AWS::IAM::Policy", "AWS::IAM::Policy", "AWS::IAM::User",
                                   "AWS::IAM::ManagedPolicy", "", ""));
}

TEST_F(RoleStack, ApplicationWithoutServiceRoleTakesTheRoleArnAsParameter) {
  create_stack("app", {"--parts", "application", "--application-name", "ShopApp", "--deployment-group-name",
                       "ShopGroup", "--onprem-tag", "Name=onprem-host1"},
               {"ParameterKey=ServiceRoleArn,ParameterValue=arn:aws:iam::" + kAccount + ":role/Existing"});
}

}  // namespace
}  // namespace cdrun::testing
