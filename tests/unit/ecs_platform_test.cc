// detect_platform: which rule set an appspec is checked with.
#include "tests/unit/ecs_lambda_test_support.h"

namespace cdrun::ecs_lambda_test {
namespace {

Platform detected(std::string_view text) {
  const yaml::Document document = yaml::parse_first_document(text);
  EXPECT_FALSE(document.error.has_value());
  return detect_platform(document.root.get());
}

TEST(PlatformDetection, NamesArePlatformWords) {
  EXPECT_STREQ(platform_name(Platform::server), "server");
  EXPECT_STREQ(platform_name(Platform::ecs), "ecs");
  EXPECT_STREQ(platform_name(Platform::lambda), "lambda");
}

TEST(PlatformDetection, NoDocumentIsServer) { EXPECT_EQ(detect_platform(nullptr), Platform::server); }

TEST(PlatformDetection, NonMappingRootsAreServer) {
  EXPECT_EQ(detected("just text\n"), Platform::server);
  EXPECT_EQ(detected("- Resources: []\n"), Platform::server);
}

TEST(PlatformDetection, Ec2AppspecIsServer) {
  EXPECT_EQ(detected("version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: run.sh\n"), Platform::server);
}

TEST(PlatformDetection, AnOsKeyMeansServerEvenWithResources) {
  // The agent ignores unknown keys, so an EC2 appspec with a stray resources list stays EC2.
  EXPECT_EQ(detected("version: 0.0\nos: linux\nfoo: bar\nresources: []\n"), Platform::server);
  EXPECT_EQ(detected("version: 0.0\nResources:\n  - s:\n      Type: AWS::ECS::Service\nos: linux\n"), Platform::server);
}

TEST(PlatformDetection, EcsServiceTypeIsEcs) {
  EXPECT_EQ(detected("version: 0.0\nResources:\n  - TargetService:\n      Type: AWS::ECS::Service\n"), Platform::ecs);
}

TEST(PlatformDetection, LambdaFunctionTypeIsLambda) {
  EXPECT_EQ(detected("version: 0.0\nResources:\n  - fn:\n      Type: AWS::Lambda::Function\n"), Platform::lambda);
}

TEST(PlatformDetection, LowercaseKeysAndTypeAreRecognised) {
  EXPECT_EQ(detected("version: 0.0\nresources:\n  - fn:\n      type: aws::lambda::function\n"), Platform::lambda);
}

TEST(PlatformDetection, TypeNamesThePlatformEvenWhenTaskDefinitionIsPresent) {
  EXPECT_EQ(detected(R"(version: 0.0
Resources:
  - fn:
      Type: AWS::Lambda::Function
      Properties:
        TaskDefinition: x
)"),
            Platform::lambda);
}

TEST(PlatformDetection, WithoutTypeATaskDefinitionMeansEcs) {
  EXPECT_EQ(detected(R"(version: 0.0
Resources:
  - TargetService:
      Properties:
        TaskDefinition: arn:aws:ecs:us-east-1:111122223333:task-definition/web:3
)"),
            Platform::ecs);
}

TEST(PlatformDetection, WithoutTypeOrTaskDefinitionItIsLambda) {
  EXPECT_EQ(detected("version: 0.0\nResources:\n  - fn:\n      Properties:\n        Name: f\n"), Platform::lambda);
}

TEST(PlatformDetection, ResourcesAsAMappingStillNamesThePlatform) {
  EXPECT_EQ(detected("version: 0.0\nResources:\n  TargetService:\n    Type: AWS::ECS::Service\n"), Platform::ecs);
}

TEST(PlatformDetection, UnknownTypeFallsBackToTheTaskDefinitionRule) {
  EXPECT_EQ(detected("Resources:\n  - x:\n      Type: AWS::EC2::Instance\n"), Platform::lambda);
}

TEST(PlatformDetection, EmptyResourcesIsLambda) { EXPECT_EQ(detected("Resources:\n"), Platform::lambda); }

// Text that is not YAML (each ends in a tab-indented line the parser refuses) is judged by its words.
TEST(PlatformDetectionInText, TheResourceTypeNamesThePlatform) {
  EXPECT_EQ(detect_platform_in_text("Resources:\n  - s:\n      Type: AWS::ECS::Service\n\t- x\n"), Platform::ecs);
  EXPECT_EQ(detect_platform_in_text("Resources:\n  - f:\n      Type: aws::lambda::function\n\t- x\n"), Platform::lambda);
}

TEST(PlatformDetectionInText, PropertyNamesNameThePlatformWithoutAType) {
  EXPECT_EQ(detect_platform_in_text("Resources:\n  - TargetService:\n\t- x\n"), Platform::ecs);
  EXPECT_EQ(detect_platform_in_text("Properties:\n  TargetVersion: 2\n\t- x\n"), Platform::lambda);
}

TEST(PlatformDetectionInText, OsOrNoWordsMeansServer) {
  EXPECT_EQ(detect_platform_in_text("version: 0.0\nos: linux\nResources:\n  Type: AWS::ECS::Service\n\t- x\n"),
            Platform::server);
  EXPECT_EQ(detect_platform_in_text("version: 0.0\nhooks:\n\t- x\n"), Platform::server);
  EXPECT_EQ(detect_platform_in_text(""), Platform::server);
}

TEST(PlatformDetectionInText, CommentsSayNothing) {
  EXPECT_EQ(detect_platform_in_text("# Type: AWS::ECS::Service\n  # TaskDefinition\nhooks:\n\t- x\n"),
            Platform::server);
}

}  // namespace
}  // namespace cdrun::ecs_lambda_test
