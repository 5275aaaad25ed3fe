// Agent 2.x's configuration settings and its lexical containment rules. Expected values are
// worked out by hand from config/mod.rs (parse_byte_size, strip_symbol_keys), installer/core.rs
// (destination_escapes_root) and agent2-behavior.md §3.4, §4.2, §5.4.
#include <gtest/gtest.h>

#include "appspec/agent2/agent2_hardening.h"
#include "appspec/agent2/agent2_settings.h"

namespace cdrun {
namespace {

std::optional<std::uint64_t> size_of(const std::string& text, std::string* error = nullptr) {
  std::string ignored;
  return parse_agent2_byte_size(text, error ? error : &ignored);
}

TEST(Agent2ByteSize, UnitsArePowersOf1000Or1024CaseInsensitively) {
  EXPECT_EQ(size_of("2048"), 2048u);
  EXPECT_EQ(size_of("10B"), 10u);
  EXPECT_EQ(size_of("4GB"), 4000000000u);
  EXPECT_EQ(size_of("500mb"), 500000000u);
  EXPECT_EQ(size_of("1GiB"), 1073741824u);
  EXPECT_EQ(size_of(" 3 KiB "), 3072u);
  EXPECT_EQ(size_of("2TB"), 2000000000000u);
}

TEST(Agent2ByteSize, FractionsUnknownUnitsAndOverflowAreRefusedWithTheAgentsWords) {
  std::string error;
  EXPECT_FALSE(size_of("1.5GB", &error));
  EXPECT_EQ(error, "unknown size suffix: .5gb");
  EXPECT_FALSE(size_of("GB", &error));
  EXPECT_EQ(error, "invalid byte size: GB");
  EXPECT_FALSE(size_of("20000000TiB", &error));
  EXPECT_EQ(error, "byte size out of range: 20000000TiB");
  EXPECT_FALSE(size_of("99999999999999999999", &error));
  EXPECT_EQ(error, "invalid byte size: 99999999999999999999");
}

TEST(Agent2Settings, SwitchesDefaultOffAndReadSymbolStyleKeys) {
  const Agent2SettingsLoad none = parse_agent2_settings("log_dir: /var/log\n");
  ASSERT_TRUE(none.settings);
  EXPECT_FALSE(none.settings->reject_symlinks_in_bundle);
  EXPECT_FALSE(none.settings->archive_max_extraction_size);
  const Agent2SettingsLoad on = parse_agent2_settings(
      ":reject_symlinks_in_bundle: true\r\n:log_dir: /var/log\r\nreject_unsafe_permissions_in_bundle: TRUE\n"
      "archive_max_extraction_size: \"1MiB\"\nunknown_key: [1, 2]\n");
  ASSERT_TRUE(on.settings) << on.error;
  EXPECT_TRUE(on.settings->reject_symlinks_in_bundle);
  EXPECT_TRUE(on.settings->reject_unsafe_permissions_in_bundle);
  EXPECT_FALSE(on.settings->reject_path_traversal_in_bundle);
  EXPECT_EQ(on.settings->archive_max_extraction_size, 1048576u);
  EXPECT_TRUE(parse_agent2_settings("").settings);
}

TEST(Agent2Settings, AnythingButAPlainBooleanStopsTheAgent) {
  for (const std::string value : {"yes", "'true'", "1", "~", "[true]"}) {
    const Agent2SettingsLoad load = parse_agent2_settings("reject_path_traversal_in_bundle: " + value + "\n");
    EXPECT_FALSE(load.settings) << value;
    EXPECT_EQ(load.position.line, 1) << value;
    EXPECT_EQ(load.position.column, 34) << value;
  }
  EXPECT_EQ(parse_agent2_settings("reject_symlinks_in_bundle: yes\n").error,
            "reject_symlinks_in_bundle must be true or false, not \"yes\"");
  EXPECT_EQ(parse_agent2_settings("archive_max_extraction_size: -5\n").error,
            "archive_max_extraction_size must be a whole number of bytes or a size such as \"4GB\", not -5");
  EXPECT_EQ(parse_agent2_settings("archive_max_extraction_size: 4 XB\n").error,
            "archive_max_extraction_size: unknown size suffix: xb");
  EXPECT_EQ(parse_agent2_settings("archive_max_extraction_size: 0x10\n").settings->archive_max_extraction_size, 16u);
  EXPECT_FALSE(parse_agent2_settings("archive_max_extraction_size: ~\n").settings->archive_max_extraction_size);
}

TEST(Agent2Containment, PathsLeaveTheArchiveOnlyWhenTheirDotDotsClimbOutOfIt) {
  EXPECT_FALSE(agent2_path_leaves_archive("scripts/start.sh"));
  EXPECT_FALSE(agent2_path_leaves_archive("/"));
  EXPECT_FALSE(agent2_path_leaves_archive("//scripts/../app"));
  EXPECT_TRUE(agent2_path_leaves_archive("../outside"));
  EXPECT_TRUE(agent2_path_leaves_archive("a/../../b"));
  EXPECT_TRUE(agent2_path_leaves_archive(".."));
  // Up one and back down into the same directory name stays inside, as the agent's prefix test says.
  EXPECT_FALSE(agent2_path_leaves_archive("../deployment-archive/x"));
}

TEST(Agent2Containment, DestinationsClimbOnlyAboveTheirOwnRoot) {
  EXPECT_FALSE(agent2_destination_climbs_above_root("/var/www"));
  EXPECT_FALSE(agent2_destination_climbs_above_root("/var/www/../cgi-bin"));
  EXPECT_FALSE(agent2_destination_climbs_above_root("/var/app/../../etc"));
  EXPECT_TRUE(agent2_destination_climbs_above_root("/a/../../etc"));
  EXPECT_TRUE(agent2_destination_climbs_above_root("/../etc"));
  EXPECT_TRUE(agent2_destination_climbs_above_root("../x"));
  EXPECT_FALSE(agent2_destination_climbs_above_root("./a/./b"));
}

}  // namespace
}  // namespace cdrun
