// The --log file (agent-behavior.md §5.6 format, appended across runs) and the environment the
// command gets: LIFECYCLE_EVENT from --event or inherited, the agent's deployment variables.
#include <ctime>
#include <regex>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/exec/exec_test_support.h"

namespace cdrun::exec_test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct LogLine {
  std::time_t when = 0;
  std::string entry;
};

// Every line must be "YYYY-MM-DD HH:MM:SS <entry>"; a line that is not fails the test.
std::vector<LogLine> parse_log(const std::string& text) {
  static const std::regex line_format(R"(^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) (.*)$)");
  std::vector<LogLine> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, line_format)) {
      ADD_FAILURE() << "not a scripts.log line: '" << line << "'";
      continue;
    }
    std::tm local{};
    local.tm_year = std::stoi(m[1]) - 1900;
    local.tm_mon = std::stoi(m[2]) - 1;
    local.tm_mday = std::stoi(m[3]);
    local.tm_hour = std::stoi(m[4]);
    local.tm_min = std::stoi(m[5]);
    local.tm_sec = std::stoi(m[6]);
    local.tm_isdst = -1;
    lines.push_back({std::mktime(&local), m[7]});
  }
  return lines;
}

std::vector<std::string> entries(const std::vector<LogLine>& lines) {
  std::vector<std::string> out;
  for (const LogLine& line : lines) out.push_back(line.entry);
  return out;
}

class ExecLogTest : public ExecTest {};

TEST_F(ExecLogTest, WritesTheAgentsScriptsLogFormatInLocalTime) {
  const std::string log = path("hooks.log");
  const std::time_t before = std::time(nullptr);
  const WrapperRun run = exec({"--log", log, "--event", "BeforeInstall", "--", "sh", "-c",
                               "echo one; echo two >&2; printf 'no newline'"});
  const std::time_t after = std::time(nullptr);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<LogLine> lines = parse_log(read_text(log));
  ASSERT_EQ(lines.size(), 5u) << read_text(log);
  EXPECT_EQ(lines[0].entry, "LifecycleEvent - BeforeInstall");
  EXPECT_EQ(lines[1].entry, "Script - sh -c echo one; echo two >&2; printf 'no newline'");
  EXPECT_EQ(lines[2].entry, "[stdout]one");
  EXPECT_EQ(lines[3].entry, "[stderr]two");
  EXPECT_EQ(lines[4].entry, "[stdout]no newline");  // terminated in the log, not on our stdout
  EXPECT_EQ(run.out, "one\nno newline");
  for (const LogLine& line : lines) {
    EXPECT_GE(line.when, before - 1);
    EXPECT_LE(line.when, after + 1);
  }
}

TEST_F(ExecLogTest, AppendsAcrossRunsAndCreatesParentDirectories) {
  const std::string log = path("var/log/myapp/hooks.log");
  ASSERT_EQ(exec({"--log", log, "--event", "ApplicationStop", "--", "echo", "first"}).exit_code, 0);
  const std::string after_first = read_text(log);
  ASSERT_EQ(exec({"--log", log, "--event", "ApplicationStart", "--", "echo", "second"}).exit_code, 0);
  const std::string after_second = read_text(log);
  EXPECT_EQ(after_second.substr(0, after_first.size()), after_first);
  EXPECT_THAT(entries(parse_log(after_second)),
              ElementsAre("LifecycleEvent - ApplicationStop", "Script - echo first", "[stdout]first",
                          "LifecycleEvent - ApplicationStart", "Script - echo second", "[stdout]second"));
}

TEST_F(ExecLogTest, MultiLineScriptStaysOneLogLine) {
  const std::string log = path("hooks.log");
  ASSERT_EQ(exec({"--log", log, "--", "sh", "-c", "echo a\necho b"}).exit_code, 0);
  EXPECT_THAT(entries(parse_log(read_text(log))),
              ElementsAre("Script - sh -c echo a\\necho b", "[stdout]a", "[stdout]b"));
}

TEST_F(ExecLogTest, OurOwnMessagesAreLoggedAsStderrLines) {
  const std::string log = path("hooks.log");
  const WrapperRun run = exec({"--log", log, "--timeout", "1", "--", "sleep", "300"});
  EXPECT_EQ(run.exit_code, 124);
  EXPECT_THAT(read_text(log), HasSubstr(" [stderr]cdrun exec: timed out after 1 s"));
  parse_log(read_text(log));  // still every line in the format
}

TEST_F(ExecLogTest, EventOptionSetsLifecycleEventForTheCommand) {
  WrapperOptions options;
  options.env = {"LIFECYCLE_EVENT=BeforeInstall"};
  const std::string log = path("hooks.log");
  const WrapperRun run =
      exec({"--event", "ValidateService", "--log", log, "--", "sh", "-c", "echo \"$LIFECYCLE_EVENT\""}, options);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "ValidateService\n");
  EXPECT_EQ(entries(parse_log(read_text(log))).front(), "LifecycleEvent - ValidateService");
}

TEST_F(ExecLogTest, InheritedLifecycleEventNamesTheEventInTheLog) {
  WrapperOptions options;
  options.env = {"LIFECYCLE_EVENT=AfterInstall"};
  const std::string log = path("hooks.log");
  const WrapperRun run = exec({"--log", log, "--", "sh", "-c", "echo \"$LIFECYCLE_EVENT\""}, options);
  EXPECT_EQ(run.out, "AfterInstall\n");
  EXPECT_EQ(entries(parse_log(read_text(log))).front(), "LifecycleEvent - AfterInstall");
}

TEST_F(ExecLogTest, DeploymentVariablesReachTheCommand) {
  WrapperOptions options;
  options.env = {"DEPLOYMENT_ID=d-ABCDEFGHI", "APPLICATION_NAME=my-app", "DEPLOYMENT_GROUP_NAME=prod",
                 "DEPLOYMENT_GROUP_ID=dg-123", "LIFECYCLE_EVENT=ApplicationStart"};
  const WrapperRun run = exec({"--", "sh", "-c",
                               "echo \"$DEPLOYMENT_ID|$APPLICATION_NAME|$DEPLOYMENT_GROUP_NAME|"
                               "$DEPLOYMENT_GROUP_ID|$LIFECYCLE_EVENT\""},
                              options);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "d-ABCDEFGHI|my-app|prod|dg-123|ApplicationStart\n");
}

}  // namespace
}  // namespace cdrun::exec_test
