// ECS NetworkConfiguration.AwsvpcConfiguration and CapacityProviderStrategy (CD447, CD450-CD458).
#include "tests/unit/ecs_lambda_test_support.h"

namespace cdrun::ecs_lambda_test {
namespace {

// Lines 1-9 are a complete ECS appspec; the given Properties lines start at line 10, indented by 8.
Diagnostics with_extra_properties(std::string_view lines) {
  return check_ecs(std::string(R"(version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 80
)") + std::string(lines));
}

TEST(EcsNetwork, PartialAwsvpcConfigurationIsAnError) {
  const Diagnostics found = with_extra_properties(R"(        NetworkConfiguration:
          AwsvpcConfiguration:
            Subnets: ["subnet-1234abcd"]
)");
  EXPECT_TRUE(has_finding(found, "CD450", Severity::error, 11, 11));
  EXPECT_NE(message_of(found, "CD450").find("SecurityGroups, AssignPublicIp"), std::string::npos) << listing(found);
}

TEST(EcsNetwork, AssignPublicIpMustBeEnabledOrDisabled) {
  const Diagnostics found = with_extra_properties(R"(        NetworkConfiguration:
          AwsvpcConfiguration:
            Subnets: ["subnet-1234abcd"]
            SecurityGroups: ["sg-1234abcd"]
            AssignPublicIp: yes
)");
  EXPECT_TRUE(has_finding(found, "CD451", Severity::error, 14, 29));
  EXPECT_TRUE(has_no_finding(found, "CD450"));
}

TEST(EcsNetwork, EmptySubnetListIsAnError) {
  const Diagnostics found = with_extra_properties(R"(        NetworkConfiguration:
          AwsvpcConfiguration:
            Subnets: []
            SecurityGroups: ["sg-1234abcd"]
            AssignPublicIp: DISABLED
)");
  EXPECT_TRUE(has_finding(found, "CD452", Severity::error, 12, 22));
}

TEST(EcsNetwork, SubnetsAsASingleStringIsAnError) {
  const Diagnostics found = with_extra_properties(R"(        NetworkConfiguration:
          AwsvpcConfiguration:
            Subnets: subnet-1234abcd
            SecurityGroups: ["sg-1234abcd"]
            AssignPublicIp: DISABLED
)");
  EXPECT_TRUE(has_finding(found, "CD414", Severity::error, 12, 22));
}

TEST(EcsNetwork, SecurityGroupItemThatIsAMappingIsAnError) {
  const Diagnostics found = with_extra_properties(R"(        NetworkConfiguration:
          AwsvpcConfiguration:
            Subnets: ["subnet-1234abcd"]
            SecurityGroups: [{id: sg-1234abcd}]
            AssignPublicIp: DISABLED
)");
  EXPECT_TRUE(has_finding(found, "CD452", Severity::error, 13, 30));
}

TEST(EcsNetwork, SubnetNameInsteadOfIdIsAWarning) {
  const Diagnostics found = with_extra_properties(R"(        NetworkConfiguration:
          AwsvpcConfiguration:
            Subnets: ["private-a"]
            SecurityGroups: ["sg-1234abcd"]
            AssignPublicIp: DISABLED
)");
  EXPECT_TRUE(has_finding(found, "CD453", Severity::warning, 12, 23));
}

TEST(EcsNetwork, NetworkConfigurationWithoutAwsvpcConfigurationIsAnError) {
  const Diagnostics found = with_extra_properties(R"(        NetworkConfiguration:
          Subnets: ["subnet-1234abcd"]
)");
  EXPECT_TRUE(has_finding(found, "CD454", Severity::error, 11, 11));
  EXPECT_TRUE(has_finding(found, "CD404", Severity::warning, 11, 11));
}

TEST(EcsCapacity, ItemWithoutCapacityProviderIsAnError) {
  const Diagnostics found = with_extra_properties(R"(        CapacityProviderStrategy:
          - Weight: 1
            Base: 0
)");
  EXPECT_TRUE(has_finding(found, "CD455", Severity::error, 11, 13));
}

TEST(EcsCapacity, NegativeBaseIsAnError) {
  const Diagnostics found = with_extra_properties(R"(        CapacityProviderStrategy:
          - CapacityProvider: FARGATE
            Base: -1
            Weight: 1
)");
  EXPECT_TRUE(has_finding(found, "CD456", Severity::error, 12, 19));
}

TEST(EcsCapacity, NonNumericWeightIsAnError) {
  const Diagnostics found = with_extra_properties(R"(        CapacityProviderStrategy:
          - CapacityProvider: FARGATE
            Weight: lots
)");
  EXPECT_TRUE(has_finding(found, "CD456", Severity::error, 12, 21));
}

TEST(EcsCapacity, QuotedWeightIsAWarning) {
  const Diagnostics found = with_extra_properties(R"(        CapacityProviderStrategy:
          - CapacityProvider: FARGATE
            Weight: "2"
)");
  EXPECT_TRUE(has_finding(found, "CD447", Severity::warning, 12, 21));
  EXPECT_FALSE(has_errors(found)) << listing(found);
}

TEST(EcsCapacity, TwoProvidersWithBaseIsAnErrorAtTheSecond) {
  const Diagnostics found = with_extra_properties(R"(        CapacityProviderStrategy:
          - CapacityProvider: FARGATE
            Base: 1
            Weight: 1
          - CapacityProvider: FARGATE_SPOT
            Base: 2
            Weight: 1
)");
  EXPECT_TRUE(has_finding(found, "CD457", Severity::error, 15, 19));
}

TEST(EcsCapacity, SeveralProvidersWithoutAnyWeightIsAnError) {
  const Diagnostics found = with_extra_properties(R"(        CapacityProviderStrategy:
          - CapacityProvider: FARGATE
            Base: 1
          - CapacityProvider: FARGATE_SPOT
            Weight: 0
)");
  EXPECT_TRUE(has_finding(found, "CD458", Severity::error, 10, 9));
}

TEST(EcsCapacity, OneProviderWithoutWeightIsFine) {
  const Diagnostics found = with_extra_properties(R"(        CapacityProviderStrategy:
          - CapacityProvider: FARGATE
            Base: 1
)");
  EXPECT_TRUE(is_clean(found));
}

TEST(EcsCapacity, StrategyAsAMappingIsAnError) {
  const Diagnostics found = with_extra_properties(R"(        CapacityProviderStrategy:
          CapacityProvider: FARGATE
)");
  EXPECT_TRUE(has_finding(found, "CD414", Severity::error, 11, 11));
}

}  // namespace
}  // namespace cdrun::ecs_lambda_test
