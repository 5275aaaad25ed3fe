// install.json entries for every command type (agent-behavior.md §2), string escaping, and the
// appspec lookup of Install.
#include <gtest/gtest.h>

#include "install_test_support.h"
#include "runner/install/install_json.h"

namespace cdrun {
namespace {

Instruction permission_instruction(InstructionType type, const std::string& path,
                                   std::shared_ptr<const PermissionAction> action) {
  Instruction instruction;
  instruction.type = type;
  instruction.path = path;
  instruction.action = std::move(action);
  return instruction;
}

TEST(InstallJson, EveryCommandTypeWithTypeFirst) {
  auto action = std::make_shared<PermissionAction>();
  action->mode = "0700";
  action->acl = std::make_shared<AclState>();
  action->acl->aces = {parse_normalised_ace("user:bob:rwx"), parse_normalised_ace("default:group:dev:r-x")};
  action->context = SelinuxContext{std::string("system_u"), "httpd_sys_content_t", std::string("s0:c1.c3")};
  action->group = "web";
  Instruction mkdir;
  mkdir.type = InstructionType::mkdir;
  mkdir.path = "/d/app";
  Instruction copy;
  copy.type = InstructionType::copy;
  copy.source = "/r/deployment-archive/app/a.txt";
  copy.path = "/d/app/a.txt";
  const std::vector<Instruction> instructions = {
      mkdir,
      copy,
      permission_instruction(InstructionType::chmod, "/d/app/a.txt", action),
      permission_instruction(InstructionType::setfacl, "/d/app/a.txt", action),
      permission_instruction(InstructionType::semanage, "/d/app/a.txt", action),
      permission_instruction(InstructionType::chown, "/d/app/a.txt", action),
  };
  EXPECT_EQ(install_json(instructions),
            "{\"instructions\":["
            "{\"type\":\"mkdir\",\"directory\":\"/d/app\"},"
            "{\"type\":\"copy\",\"source\":\"/r/deployment-archive/app/a.txt\",\"destination\":\"/d/app/a.txt\"},"
            "{\"type\":\"chmod\",\"mode\":\"0700\",\"file\":\"/d/app/a.txt\"},"
            "{\"type\":\"setfacl\",\"acl\":[\"user:bob:rwx\",\"default:group:dev:r-x\"],\"file\":\"/d/app/a.txt\"},"
            "{\"type\":\"semanage\",\"context\":{\"user\":\"system_u\",\"role\":null,\"type\":\"httpd_sys_content_t\","
            "\"range\":\"s0:c1.c3\"},\"file\":\"/d/app/a.txt\"},"
            "{\"type\":\"chown\",\"owner\":null,\"group\":\"web\",\"file\":\"/d/app/a.txt\"}]}");
}

TEST(InstallJson, IntegerOwnerStaysANumber) {
  auto action = std::make_shared<PermissionAction>();
  action->owner = "1000";
  action->owner_is_integer = true;
  EXPECT_EQ(install_json({permission_instruction(InstructionType::chown, "/d/a", action)}),
            "{\"instructions\":[{\"type\":\"chown\",\"owner\":1000,\"group\":null,\"file\":\"/d/a\"}]}");
}

TEST(InstallJson, StringsEscapeQuotesBackslashesAndControlsOnly) {
  EXPECT_EQ(json_string("/a b/\"q\"\\"), "\"/a b/\\\"q\\\"\\\\\"");
  EXPECT_EQ(json_string("tab\tnl\ncr\r\x01"), "\"tab\\tnl\\ncr\\r\\u0001\"");
  EXPECT_EQ(json_string("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
}

class InstallAppspecPath : public install_test::InstallFixture {};

TEST_F(InstallAppspecPath, NamedFileThenYamlThenYml) {
  const std::string a = archive("d-A-local");
  EXPECT_EQ(install_appspec_path(a, "custom.yml"), a + "/appspec.yml");
  install_test::write_file(a + "/appspec.yaml", "x");
  EXPECT_EQ(install_appspec_path(a, "custom.yml"), a + "/appspec.yaml");
  install_test::write_file(a + "/custom.yml", "x");
  EXPECT_EQ(install_appspec_path(a, "custom.yml"), a + "/custom.yml");
}

}  // namespace
}  // namespace cdrun
