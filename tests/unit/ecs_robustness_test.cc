// Odd shapes, huge lists and deep nesting give findings, never a crash or a flood (CD400, CD427/CD527).
#include "tests/unit/ecs_lambda_test_support.h"

namespace cdrun::ecs_lambda_test {
namespace {

constexpr std::string_view kEcsBody = R"(version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 80
)";

TEST(EcsRobustness, OddShapesAreErrorsForBothPlatforms) {
  const std::vector<std::string> inputs{
      "hello\n",
      "~\n",
      "[]\n",
      "{}\n",
      "? [complex]\n: key\n",
      "version: [0.0]\nResources: {a: {Type: [x], Properties: 3}}\n",
      "version: 0.0\nResources: 5\n",
      "version: 0.0\nResources:\n  - 5\n",
      "version: 0.0\nResources:\n  - [a, b]\n",
      "version: 0.0\nResources:\n  - {}\n",
      "version: 0.0\nResources:\n  - {A: 1, B: 2}\n",
      "version: 0.0\nResources: &r\n  - S: *r\n",
      "version: 0.0\nResources:\n  - S: &m\n      <<: *m\n      <<: [*m, 3]\n",
      "version: 0.0\nHooks: [1, [2], {}, {? [a] : b}, {Start: }]\nResources: []\n",
      "version: 0.0\nResources:\n  - S:\n      Type: AWS::ECS::Service\n      Properties:\n"
      "        LoadBalancerInfo: 3\n        NetworkConfiguration: [1]\n"
      "        CapacityProviderStrategy: [1, {Base: [], Weight: {}}]\n",
      "version: 0.0\nResources:\n  - S:\n      Type: AWS::ECS::Service\n      Properties:\n"
      "        TaskDefinition: ''\n        LoadBalancerInfo: {ContainerName: '', ContainerPort: "
      "99999999999999999999999}\n"
      "        NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [~], SecurityGroups: ~, AssignPublicIp: [x]}}\n",
      "version: 0.0\nResources:\n  - S:\n      Type: AWS::Lambda::Function\n      Properties:\n"
      "        Name: [f]\n        Alias: {}\n        CurrentVersion: [1]\n        TargetVersion: "
      "99999999999999999999x\n",
  };
  for (const std::string& input : inputs) {
    EXPECT_TRUE(has_errors(check_ecs(input))) << input << listing(check_ecs(input));
    EXPECT_TRUE(has_errors(check_lambda(input))) << input << listing(check_lambda(input));
  }
}

TEST(EcsRobustness, ScalarRootIsAnErrorInEitherRange) {
  EXPECT_TRUE(has_finding(check_ecs("hello\n"), "CD400", Severity::error, 1, 1));
  EXPECT_TRUE(has_finding(check_lambda("hello\n"), "CD500", Severity::error, 1, 1));
}

TEST(EcsRobustness, HugeHookListIsCappedWithANote) {
  std::string text = std::string(kEcsBody) + "Hooks:\n";
  for (int i = 0; i < 100000; ++i) text += "  - Start: CodeDeployHook_A\n";
  const Diagnostics found = check_ecs(text);
  // 100000 reserved-event errors: the first 200 are kept, the other 99800 are counted in one note.
  ASSERT_EQ(found.size(), 201u);
  EXPECT_EQ(found[0].code, "CD417");
  EXPECT_EQ(found[0].position.line, 11);
  EXPECT_EQ(found.back().code, "CD427");
  EXPECT_EQ(found.back().severity, Severity::note);
  EXPECT_EQ(found.back().message.rfind("99800 ", 0), 0u) << found.back().message;
}

TEST(EcsRobustness, ManyAliasesOfARedefinedAnchorAreResolved) {
  std::string text = std::string(kEcsBody) + "Hooks:\n";
  for (int i = 0; i < 20000; ++i) text += "  - &h {AfterInstall: CodeDeployHook_A}\n";
  for (int i = 0; i < 20000; ++i) text += "  - *h\n";
  const Diagnostics found = check_ecs(text);
  // Every entry after the first repeats AfterInstall: 39999 warnings, 200 kept, 39799 counted.
  ASSERT_EQ(found.size(), 201u);
  EXPECT_TRUE(has_finding(found, "CD420", Severity::warning, 12, 9));
  EXPECT_EQ(found.back().message.rfind("39799 ", 0), 0u) << found.back().message;
}

TEST(EcsRobustness, HugeResourceListIsOneError) {
  std::string text = std::string(kEcsBody);
  for (int i = 0; i < 20000; ++i) text += "  - Other:\n      Type: AWS::ECS::Service\n";
  const Diagnostics found = check_ecs(text);
  ASSERT_EQ(found.size(), 1u) << listing(found);
  EXPECT_TRUE(has_finding(found, "CD408", Severity::error, 10, 5));
}

TEST(EcsRobustness, DeeplyNestedValueIsOneTypeError) {
  const std::string deep = std::string(300, '[') + std::string(300, ']');
  const Diagnostics found = check_ecs(std::string(R"(version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
        LoadBalancerInfo:
          ContainerName: )") + deep + "\n          ContainerPort: 80\n");
  ASSERT_EQ(found.size(), 1u) << listing(found);
  EXPECT_TRUE(has_finding(found, "CD414", Severity::error, 8, 26));
}

TEST(EcsRobustness, DeepNestingUnderResourcesStillDetects) {
  const std::string deep = std::string(300, '[') + std::string(300, ']');
  const yaml::Document document = yaml::parse_first_document("Resources:\n  - x: " + deep + "\n");
  ASSERT_TRUE(document.root);
  EXPECT_EQ(detect_platform(document.root.get()), Platform::lambda);
}

}  // namespace
}  // namespace cdrun::ecs_lambda_test
