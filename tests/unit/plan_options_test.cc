// plan's own option, --agent-version, on deploy's parser: offered to plan only, with docopt's
// prefix rule taken over each command's own options.
#include <gtest/gtest.h>

#include <sstream>

#include "runner/cli/deploy_options.h"
#include "runner/cli/deploy_start.h"

namespace cdrun {
namespace {

TEST(PlanOptions, AgentVersionDefaultsToAll) {
  const DeployParse parsed = parse_deploy_options({}, DeployOptionSet::plan);
  EXPECT_EQ(parsed.error, "");
  EXPECT_EQ(parsed.options.agent_version, "all");
}

TEST(PlanOptions, PlanTakesAgentVersionInEveryLongForm) {
  EXPECT_EQ(parse_deploy_options({"--agent-version", "2"}, DeployOptionSet::plan).options.agent_version, "2");
  EXPECT_EQ(parse_deploy_options({"--agent-version=1.8"}, DeployOptionSet::plan).options.agent_version, "1.8");
  EXPECT_EQ(parse_deploy_options({"--agent-v", "all"}, DeployOptionSet::plan).options.agent_version, "all");
  const DeployParse config = parse_deploy_options({"--agent-c", "x.yml"}, DeployOptionSet::plan);
  EXPECT_EQ(config.options.agent_configuration_file, "x.yml");
  EXPECT_EQ(config.options.agent_version, "all");
}

TEST(PlanOptions, DeployDoesNotKnowAgentVersion) {
  DeployParse parsed = parse_deploy_options({"--agent-version", "2"});
  EXPECT_EQ(parsed.error, "--agent-version is not recognized");  // docopt's words, as codedeploy-local prints them
  EXPECT_EQ(parsed.cdrun_error, "unknown option '--agent-version'");
  // Every prefix deploy accepted still names the option it named.
  parsed = parse_deploy_options({"--agent", "x.yml"});
  EXPECT_EQ(parsed.error, "");
  EXPECT_EQ(parsed.options.agent_configuration_file, "x.yml");
  parsed = parse_deploy_options({"--ag", "x.yml"});
  EXPECT_EQ(parsed.options.agent_configuration_file, "x.yml");
}

TEST(PlanOptions, InPlanAgentIsAPrefixOfTwoOptions) {
  const DeployParse parsed = parse_deploy_options({"--agent", "2"}, DeployOptionSet::plan);
  EXPECT_EQ(parsed.cdrun_error, "ambiguous option '--agent': --agent-configuration-file, --agent-version?");
}

TEST(PlanOptions, ABadValueIsAUsageErrorExitingOne) {
  std::ostringstream out, err;
  DeployOptions options;
  const std::optional<int> status = start_deploy_command({"--agent-version", "1.8.20"},
                                                         {"cdrun plan", DeployDialect::cdrun, DeployOptionSet::plan}, "HELP\n",
                                                         out, err, options);
  EXPECT_EQ(status, 1);
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(err.str(),
            "cdrun plan: --agent-version must be 1.8, 2 or all, not '1.8.20'\nTry 'cdrun plan --help' for more information.\n");
}

TEST(PlanOptions, OnlyPlansHelpListsIt) {
  EXPECT_EQ(deploy_help("cdrun deploy").find("--agent-version"), std::string::npos);
  EXPECT_NE(deploy_help("cdrun plan", DeployOptionSet::plan).find("      --agent-version <1.8|2|all>"), std::string::npos);
}

}  // namespace
}  // namespace cdrun
