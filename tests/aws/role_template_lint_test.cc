// Every part, all parts and some combinations pass the real cfn-lint with exit 0 (warnings fail too), and broken
// copies of a passing template fail, so the check can fail.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/aws/role_test_support.h"

namespace cdrun::testing {
namespace {

using ::testing::HasSubstr;

struct LintCase {
  std::string name;
  std::vector<std::string> args;
};

std::ostream& operator<<(std::ostream& os, const LintCase& c) { return os << c.name; }

const std::vector<std::string> kApp{"--application-name", "ShopApp", "--deployment-group-name", "ShopGroup"};

std::vector<std::string> with_app(std::vector<std::string> args) {
  args.insert(args.end(), kApp.begin(), kApp.end());
  return args;
}

std::vector<LintCase> lint_cases() {
  return {
      {"Ec2Instance", {"--parts", "ec2-instance"}},
      {"OnPrem", {"--parts", "onprem"}},
      {"ServiceRole", {"--parts", "service-role"}},
      {"CiDeployer", with_app({"--parts", "ci-deployer"})},
      {"ApplicationWithEc2Tags", with_app({"--parts", "application", "--ec2-tag", "App=shop", "--ec2-tag", "Tier=web"})},
      {"ApplicationWithOnPremTags", with_app({"--parts", "application", "--onprem-tag", "Name=onprem-host1"})},
      {"All", all_parts_args()},
      {"OnPremFleet", with_app({"--parts", "onprem,service-role,application", "--onprem-tag", "Fleet=shop"})},
      {"Ec2Fleet", with_app({"--parts", "ec2-instance,service-role,application,ci-deployer", "--ec2-tag", "App=shop"})},
      {"OwnNames", {"--parts", "ec2-instance,onprem,service-role", "--bucket-prefix", "acme.artifacts-", "--name-prefix",
                    "Acme-Shop.", "--onprem-user-name", "acme+onprem@dc1"}},
      {"AwkwardTagValues", with_app({"--parts", "application,service-role", "--ec2-tag", "yes=no", "--ec2-tag",
                                     "Date=2012-10-17", "--onprem-tag", "it's=a: #b"})},
  };
}

class RoleTemplateLint : public ::testing::TestWithParam<LintCase> {};

TEST_P(RoleTemplateLint, PassesCfnLintWithoutWarnings) {
  cdrun::e2e::Outcome rendered = render_roles(GetParam().args);
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  cdrun::e2e::TempDir dir;
  cdrun::e2e::Outcome lint = cfn_lint(dir.write("codedeploy-roles.yaml", rendered.out));
  EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err << "\n--- template:\n" << rendered.out;
}

INSTANTIATE_TEST_SUITE_P(Parts, RoleTemplateLint, ::testing::ValuesIn(lint_cases()),
                         [](const ::testing::TestParamInfo<LintCase>& info) { return info.param.name; });

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "the template has no '" << from << "' to break";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

struct Breakage {
  std::string from;
  std::string to;
  std::string expected_rule;  // cfn-lint's rule id in its report
};

TEST(RoleTemplateLintCanFail, BrokenCopiesOfAPassingTemplateFail) {
  cdrun::e2e::Outcome rendered = render_roles(all_parts_args());
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  cdrun::e2e::TempDir dir;
  ASSERT_EQ(cfn_lint(dir.write("good.yaml", rendered.out)).exit_code, 0) << "the unbroken template must pass first";
  const std::vector<Breakage> breakages{
      {"AssumeRolePolicyDocument:", "AssumeRolePolicy:", "E3003"},   // required property missing
      {"Type: KEY_AND_VALUE", "Type: KEY_VALUE", "E3030"},           // enum value
      {"ComputePlatform: Server", "ComputePlatform: Bare", "E3030"},
      {"!GetAtt ServiceRole.Arn", "!GetAtt ServiceRole.RoleArn", "E1010"},
      {"- !Ref InstanceRole", "- !Ref InstanceRoleTypo", "E1020"},
      {"- sts:AssumeRole", "- sts:AssumeRol", "W3037"},  // an action typo is only a warning: still exit != 0
  };
  for (const Breakage& b : breakages) {
    const std::string path = dir.write("broken.yaml", replace_once(rendered.out, b.from, b.to));
    cdrun::e2e::Outcome lint = cfn_lint(path);
    EXPECT_NE(lint.exit_code, 0) << b.from << " -> " << b.to;
    EXPECT_THAT(lint.out + lint.err, HasSubstr(b.expected_rule)) << b.from << " -> " << b.to;
  }
}

}  // namespace
}  // namespace cdrun::testing
