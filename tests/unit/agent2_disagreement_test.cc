// Where agent 1.8 and agent 2.x disagree on an appspec, the diagnostic's advice must give a text
// that both parsers accept: each case runs the original and the advised text through both.
#include <gtest/gtest.h>

#include "appspec/agent/agent_parser.h"
#include "appspec/agent2/agent2_parser.h"
#include "appspec/validation/validation.h"

namespace cdrun {
namespace {

struct Disagreement {
  std::string name;
  std::string text;
  AgentOs os;
  std::string code;     // CD111: only agent 2.x rejects; CD112: only agent 1.8 rejects
  Position position;    // of the offending value
  std::string advice;   // what the hint tells the user to write
  std::string fixed;    // the text with that advice applied
};

const std::string kHead = "version: 0.0\nos: linux\n";
const std::string kHook = kHead + "hooks:\n  ApplicationStart:\n    - location: s.sh\n";

std::vector<Disagreement> cases() {
  return {
      {"unquoted octal mode", kHead + "permissions:\n  - object: /a\n    mode: 0755\n", AgentOs::linux, "CD112", {5, 11},
       "write mode: 755", kHead + "permissions:\n  - object: /a\n    mode: 755\n"},
      {"alias", kHead + "files:\n  - &f\n    source: a\n    destination: /b\n  - *f\n", AgentOs::linux, "CD112", {7, 5},
       "in place of each *alias",
       kHead + "files:\n  - source: a\n    destination: /b\n  - source: a\n    destination: /b\n"},
      {"os: windows on a Linux host", "version: 0.0\nos: windows\n", AgentOs::linux, "CD112", {2, 5}, "write os: linux",
       "version: 0.0\nos: linux\n"},
      {"timeout: 30abc", kHook + "      timeout: 30abc\n", AgentOs::linux, "CD111", {6, 16}, "timeout: 30",
       kHook + "      timeout: 30\n"},
      {"sudo: 'no'", kHook + "      sudo: 'no'\n", AgentOs::linux, "CD111", {6, 13}, "write sudo: true or sudo: false",
       kHook + "      sudo: true\n"},
      {"hooks: false", kHead + "hooks: false\n", AgentOs::linux, "CD111", {3, 8}, "remove the line `hooks: ...`", kHead},
      {"second document", kHead + "---\nversion: 0.0\nos: linux\n", AgentOs::linux, "CD111", {3, 1},
       "delete everything from this document's start on", kHead},
  };
}

TEST(Agent2Disagreement, AdviceIsAcceptedByBothAgents) {
  for (const Disagreement& c : cases()) {
    SCOPED_TRACE(c.name);
    const AgentVerdict one = agent_parse(c.text, c.os);
    const Agent2Verdict two = parse_agent2_appspec(c.text);
    ASSERT_NE(one.accepts, two.accepts) << "the agents must disagree on the original";
    EXPECT_EQ(one.accepts, c.code == "CD111");
    const Diagnostics found = agent2_diagnostics(AgentVerdicts{&one, &two, c.os}, c.text, "appspec.yml");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].code, c.code);
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_EQ(found[0].position.line, c.position.line);
    EXPECT_EQ(found[0].position.column, c.position.column);
    EXPECT_NE(found[0].message.find(c.code == "CD111" ? "agent 2.x rejects" : "agent 1.8 rejects"), std::string::npos)
        << found[0].message;
    EXPECT_NE(found[0].hint.find(c.advice), std::string::npos) << found[0].hint;
    EXPECT_TRUE(agent_parse(c.fixed, c.os).accepts) << c.fixed;
    EXPECT_TRUE(parse_agent2_appspec(c.fixed).accepts) << c.fixed;
  }
}

TEST(Agent2Disagreement, BothRejectingGivesAgent2sOwnMessageAsCD110) {
  const std::string text = "version: 1.0\nos: linux\n";
  const AgentVerdict one = agent_parse(text, AgentOs::linux);
  const Agent2Verdict two = parse_agent2_appspec(text);
  const Diagnostics found = agent2_diagnostics(AgentVerdicts{&one, &two, AgentOs::linux}, text, "appspec.yml");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].code, "CD110");
  EXPECT_EQ(found[0].message, two.message);
  EXPECT_EQ(found[0].position.line, 1);
  EXPECT_EQ(found[0].position.column, 10);
}

TEST(Agent2Disagreement, WithoutAgent18OnlyAgent2sRejectionCounts) {
  const std::string text = kHook + "      timeout: 30abc\n";
  const Agent2Verdict two = parse_agent2_appspec(text);
  const Diagnostics found = agent2_diagnostics(AgentVerdicts{nullptr, &two, AgentOs::linux}, text, "appspec.yml");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].code, "CD110");
  const std::string mode = kHead + "permissions:\n  - object: /a\n    mode: 0755\n";
  const Agent2Verdict accepted = parse_agent2_appspec(mode);
  EXPECT_TRUE(agent2_diagnostics(AgentVerdicts{nullptr, &accepted, AgentOs::linux}, mode, "appspec.yml").empty());
}

}  // namespace
}  // namespace cdrun
