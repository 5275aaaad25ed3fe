// The agent 1.8.1 parser's verdicts, written from agent-behavior.md §6 and §9 (not from cdrun's output).
#include "appspec/agent/agent_parser.h"

#include <gtest/gtest.h>

namespace cdrun {
namespace {

const char* const kHead = "version: 0.0\nos: linux\n";

AgentVerdict parse(const std::string& body, AgentOs os = AgentOs::linux) { return agent_parse(body, os); }

std::string first_message(const AgentVerdict& v) { return v.first() ? v.first()->message : "<accepted>"; }

TEST(AgentParser, EmptyDocumentsAreRejectedWithTheEmptyMessage) {
  for (const char* text : {"", "# only a comment\n", "---\n", "~\n", "false\n", "--- null\n"}) {
    AgentVerdict v = parse(text);
    EXPECT_FALSE(v.accepts) << text;
    EXPECT_EQ(first_message(v), agent_message::empty_appspec) << text;
  }
}

TEST(AgentParser, VersionComparesWithTheFloatZeroLikeRuby) {
  for (const char* version : {"0.0", "0", "00", "0.00", "-0.0", "0x0", "0:0", ".0", "0."}) {
    AgentVerdict v = parse(std::string("version: ") + version + "\nos: linux\n");
    EXPECT_TRUE(v.accepts) << version << ": " << first_message(v);
  }
  EXPECT_EQ(first_message(parse("version: '0.0'\nos: linux\n")), agent_message::invalid_version("0.0"));
  EXPECT_EQ(first_message(parse("version: 1.0e+20\nos: linux\n")), agent_message::invalid_version("1.0e+20"));
  EXPECT_EQ(first_message(parse("version: 0.1\nos: linux\n")), agent_message::invalid_version("0.1"));
  EXPECT_EQ(first_message(parse("version: .inf\nos: linux\n")), agent_message::invalid_version("Infinity"));
  EXPECT_EQ(first_message(parse("version: {a: 1}\nos: linux\n")), agent_message::invalid_version("{\"a\"=>1}"));
  EXPECT_EQ(first_message(parse("os: linux\n")), agent_message::invalid_version(""));
  // A plain top-level string is indexed with String#[]: "version" is a substring of itself.
  EXPECT_EQ(first_message(parse("my version\n")), agent_message::invalid_version("version"));
}

TEST(AgentParser, OsIsCheckedAgainstTheAgentsOwnPlatform) {
  EXPECT_TRUE(parse("version: 0.0\nos: windows\n", AgentOs::windows).accepts);
  EXPECT_EQ(first_message(parse("version: 0.0\nos: windows\n")), agent_message::unsupported_os("windows"));
  EXPECT_EQ(first_message(parse("version: 0.0\nos: :linux\n")), agent_message::unsupported_os("linux"));
  EXPECT_EQ(first_message(parse("version: 0.0\nos: yes\n")), agent_message::unsupported_os("true"));
}

TEST(AgentParser, TimeoutFollowsRubyToI) {
  auto timeout_of = [](const std::string& value) {
    AgentVerdict v = parse(std::string(kHead) + "hooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: " + value + "\n");
    return v.accepts ? v.appspec->hooks.at(0).scripts.at(0).timeout : -1;
  };
  EXPECT_EQ(timeout_of("30"), 30);
  EXPECT_EQ(timeout_of("'30'"), 30);
  EXPECT_EQ(timeout_of("30abc"), 30);
  EXPECT_EQ(timeout_of("30.9"), 30);
  EXPECT_EQ(timeout_of("1e3"), 1);        // a YAML string; "1e3".to_i is 1
  EXPECT_EQ(timeout_of("1.0e+3"), 1000);  // a float
  EXPECT_EQ(timeout_of("0300"), 192);     // YAML 1.1 octal
  EXPECT_EQ(timeout_of("1_000"), 1000);
  EXPECT_EQ(timeout_of("1:30"), 5400);    // Psych's base-60 rule: 1*3600 + 30*60
  EXPECT_EQ(timeout_of("false"), 3600);
  EXPECT_EQ(timeout_of("~"), 3600);
  EXPECT_EQ(timeout_of("0.5"), -1);
  EXPECT_EQ(timeout_of("abc"), -1);
}

TEST(AgentParser, StructuralMistakesCrashTheAgent) {
  struct Case {
    std::string body;
    std::string error_class;
  };
  const std::vector<Case> cases{
      {"- version: 0.0\n", "TypeError"},
      {"42\n", "TypeError"},
      {"true\n", "NoMethodError"},
      {std::string(kHead) + "hooks: [a]\n", "NoMethodError"},
      {std::string(kHead) + "hooks:\n  AfterInstall: a.sh\n", "NoMethodError"},
      {std::string(kHead) + "hooks:\n  AfterInstall:\n    location: a.sh\n", "NoMethodError"},
      {std::string(kHead) + "hooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: true\n", "NoMethodError"},
      {std::string(kHead) + "hooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: -.inf\n", "FloatDomainError"},
      {std::string(kHead) + "files:\n  source: a\n  destination: /b\n", "TypeError"},
      {std::string(kHead) + "files:\n  - 5\n", "TypeError"},
      {std::string(kHead) + "files:\n  - 1.5\n", "NoMethodError"},
      {std::string(kHead) + "permissions:\n  - object: /a\n    acls: u:bob:rwx\n", "NoMethodError"},
      {std::string(kHead) + "permissions:\n  - object: /a\n    acls: [5]\n", "NoMethodError"},
      {std::string(kHead) + "permissions:\n  - object: /a\n    context: 5\n", "TypeError"},
      {std::string(kHead) + "permissions:\n  - object: /a\n    context: true\n", "NoMethodError"},
  };
  for (const Case& c : cases) {
    AgentVerdict v = parse(c.body);
    ASSERT_FALSE(v.accepts) << c.body;
    EXPECT_TRUE(v.first()->crash) << c.body;
    EXPECT_EQ(v.first()->error_class, c.error_class) << c.body;
    EXPECT_FALSE(v.first()->explanation.empty());
  }
}

TEST(AgentParser, FilesEntriesThatAreStringsAreIndexedAsStrings) {
  // "app"['source'] is nil; "source"['source'] is "source".
  EXPECT_EQ(first_message(parse(std::string(kHead) + "files:\n  - app\n")), agent_message::file_without_source);
  EXPECT_EQ(first_message(parse(std::string(kHead) + "files:\n  - source\n")), agent_message::file_without_destination("source"));
}

TEST(AgentParser, ModeIsPaddedThenCheckedCharacterByCharacter) {
  auto mode_of = [](const std::string& value) {
    AgentVerdict v = parse(std::string(kHead) + "permissions:\n  - object: /a\n    mode: " + value + "\n");
    return v.accepts ? *v.appspec->permissions.at(0).mode : first_message(v);
  };
  EXPECT_EQ(mode_of("644"), "644");
  EXPECT_EQ(mode_of("7"), "007");
  EXPECT_EQ(mode_of("''"), "000");
  EXPECT_EQ(mode_of("0000"), "000");
  EXPECT_EQ(mode_of("0644"), "420");
  EXPECT_EQ(mode_of("'0644'"), "0644");
  EXPECT_EQ(mode_of("4755"), "4755");
  EXPECT_EQ(mode_of("-1"), agent_message::mode_character("0-1", "-"));
  EXPECT_EQ(mode_of("12345"), agent_message::mode_length("12345"));
  EXPECT_EQ(mode_of("u+x"), agent_message::mode_character("u+x", "u"));
}

TEST(AgentParser, AclEntriesAreNormalisedAsTheAgentDoes) {
  auto acl = [](const std::string& entry) {
    AgentVerdict v = parse(std::string(kHead) + "permissions:\n  - object: /a\n    acls:\n      - '" + entry + "'\n");
    return v.accepts ? v.appspec->permissions.at(0).acls->at(0) : first_message(v);
  };
  EXPECT_EQ(acl("u:bob:7"), "user:bob:rwx");
  EXPECT_EQ(acl("g:dev:5"), "group:dev:r-x");
  EXPECT_EQ(acl("m::r"), "mask::r--");
  EXPECT_EQ(acl("m:7"), "mask::rwx");
  EXPECT_EQ(acl("mask:"), "mask::---");
  EXPECT_EQ(acl("d:o:4"), "default:other::r--");
  EXPECT_EQ(acl("d::7"), "default:user::rwx");
  EXPECT_EQ(acl("default:bob:r"), "default:user:bob:r--");
  EXPECT_EQ(acl("o:7"), agent_message::acl_base_entry("o:7"));
  EXPECT_EQ(acl("g::7"), agent_message::acl_base_entry("g::7"));
  EXPECT_EQ(acl("u:bob:8"), agent_message::acl_character("u:bob:8", "8"));
  EXPECT_EQ(acl("a:b:c:d:e"), agent_message::invalid_acl_entry("a:b:c:d:e"));
  EXPECT_EQ(acl("x:u:bob:r"), agent_message::invalid_acl_entry("x:u:bob:r"));
}

TEST(AgentParser, SelinuxRangesAreCanonicalised) {
  auto range = [](const std::string& value) {
    AgentVerdict v = parse(std::string(kHead) + "permissions:\n  - object: /a\n    context:\n      type: t\n      range: '" + value + "'\n");
    return v.accepts ? *v.appspec->permissions.at(0).context->range : first_message(v);
  };
  EXPECT_EQ(range("s0:c3,c1,c2,c7"), "s0:c1.c3,c7");
  EXPECT_EQ(range("s3-s3"), "s3");
  EXPECT_EQ(range("s0-s2:c0.c2,c5"), "s0-s2:c0.c2,c5");
  EXPECT_EQ(range("s3-"), "invalid range part s3-");
  EXPECT_EQ(range(":c0"), "invalid range part :c0");
  EXPECT_EQ(range("sd3"), "invalid sensitivity sd3");
  EXPECT_EQ(range("s0:c1024"), "invalid category c1024");
  EXPECT_EQ(range("s0:c1.c2.c3"), "invalid category c2.c3");
  EXPECT_EQ(range("s0:c1,c1"), "duplicate categories");
  EXPECT_EQ(range("s0:c0.c3,c2"), "duplicate categories");
  EXPECT_EQ(range("s2-s1"), agent_message::selinux_range("s2-s1"));
}

TEST(AgentParser, ChecksRunInTheAgentsOrder) {
  // file_exists_behavior is checked after hooks, files and permissions.
  AgentVerdict v = parse(std::string(kHead) + "file_exists_behavior: overwrite\nhooks:\n  A:\n    - timeout: 5\n");
  ASSERT_GE(v.findings.size(), 2u);
  EXPECT_EQ(v.findings[0].message, agent_message::script_without_location);
  EXPECT_EQ(v.findings[1].message, agent_message::invalid_file_exists_behavior("overwrite"));
  // Within a permission the mode is checked before the object's emptiness.
  EXPECT_EQ(first_message(parse(std::string(kHead) + "permissions:\n  - object: ''\n    mode: 9\n")),
            agent_message::mode_character("009", "9"));
}

TEST(AgentParser, PsychTypingEdges) {
  EXPECT_EQ(first_message(parse("version: 0.0\nos: linux\nwhen: 2020-02-31\n")), "Tried to load unspecified class: Date");
  EXPECT_EQ(first_message(parse("version: 0.0\nos: linux\nwhen: 2020-01-01t10:00:00+05:30\n")),
            "Tried to load unspecified class: Time");
  EXPECT_EQ(first_message(parse("version: 0.0\nos: linux\nx: !ruby/object:Foo {}\n")), "Tried to load unspecified class: Foo");
  EXPECT_EQ(first_message(parse("version: 0.0\nos: linux\nx: *nowhere\n")), "Unknown alias: nowhere");
  // Merge keys from a plain mapping (no alias) work.
  AgentVerdict merged = parse("<<: {version: 0.0, os: linux}\n");
  EXPECT_TRUE(merged.accepts) << first_message(merged);
  // Symbols are permitted by YAML.load in Psych 4.
  EXPECT_TRUE(parse("version: 0.0\nos: linux\nx: :sym\n").accepts);
}

TEST(AgentParser, SyntaxErrorsCarryPsychsWording) {
  EXPECT_EQ(first_message(parse("version: 0.0\nos: [linux\n")),
            "(<unknown>): did not find expected ',' or ']' while parsing a flow sequence at line 2 column 5");
}

}  // namespace
}  // namespace cdrun
