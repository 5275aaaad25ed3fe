// The YAML writer on its own: what it writes, read back by PyYAML (YAML 1.1), is the tree it was given.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/role/role_yaml.h"
#include "tests/aws/role_test_support.h"

namespace cdrun::testing {
namespace {

using cdrun::RoleJson;
using ::testing::HasSubstr;

Json round_trip(const RoleJson& tree) {
  cdrun::e2e::TempDir dir;
  return load_template(dir.write("t.yaml", cdrun::to_cloudformation_yaml(tree)));
}

TEST(RoleYaml, NestedMappingsAndSequencesComeBackUnchanged) {
  const RoleJson tree = RoleJson::parse(R"({
    "A": {"B": [1, 2.5, true, false, null, "x"], "C": [], "D": {}},
    "List": [[["deep"], "a"], {"k": [{"m": "n"}, "o"], "l": 2}, [], {}],
    "Empty": "",
    "Quote": "it's \"quoted\"",
    "Lines": "line1\nline2\ttab\u0001"
  })");
  EXPECT_EQ(round_trip(tree), Json::parse(tree.dump()));
}

TEST(RoleYaml, IntrinsicsUseTheShortTags) {
  const RoleJson tree = RoleJson::parse(R"({
    "R": {"Ref": "AWS::Region"},
    "G": {"Fn::GetAtt": ["Role", "Arn"]},
    "S": {"Fn::Sub": "arn:${AWS::Partition}:s3:::${P}*/*"},
    "L": [{"Ref": "X"}, {"Fn::GetAtt": ["Y", "Arn"]}]
  })");
  const std::string yaml = cdrun::to_cloudformation_yaml(tree);
  EXPECT_THAT(yaml, HasSubstr("R: !Ref AWS::Region\n"));
  EXPECT_THAT(yaml, HasSubstr("G: !GetAtt Role.Arn\n"));
  EXPECT_THAT(yaml, HasSubstr("S: !Sub 'arn:${AWS::Partition}:s3:::${P}*/*'\n"));
  EXPECT_THAT(yaml, HasSubstr("  - !Ref X\n  - !GetAtt Y.Arn\n"));
  EXPECT_EQ(round_trip(tree), Json::parse(tree.dump()));
}

TEST(RoleYaml, KeepsPlainOnlyWhatCannotBeMisread) {
  const std::string yaml = cdrun::to_cloudformation_yaml(RoleJson::parse(
      R"({"a": "AWS::IAM::Role", "b": "2010-09-09", "c": "yes", "d": "s3:GetObject", "e": "x:", "f": "12"})"));
  EXPECT_EQ(yaml, "a: AWS::IAM::Role\nb: '2010-09-09'\nc: 'yes'\nd: s3:GetObject\ne: 'x:'\nf: '12'\n");
}

}  // namespace
}  // namespace cdrun::testing
