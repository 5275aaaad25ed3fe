// The command-line layer every subcommand shares: did-you-mean, the usage-error form, and the
// start deploy and plan share in both dialects (cdrun's and codedeploy-local's).
#include <gtest/gtest.h>

#include <sstream>

#include "runner/cli/cdrun_main.h"
#include "runner/cli/command_line.h"
#include "runner/cli/deploy_start.h"
#include "appspec/core/spelling.h"

namespace cdrun {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsReplacementsAndSwaps) {
  EXPECT_EQ(edit_distance("deploy", "deploy"), 0u);
  EXPECT_EQ(edit_distance("deplyo", "deploy"), 1u);  // y and o swapped
  EXPECT_EQ(edit_distance("renw", "renew"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
}

TEST(DidYouMean, SuggestsOnlyAWordCloseToWhatWasTyped) {
  const std::vector<std::string> subcommands{"validate", "deploy", "plan", "status", "exec", "role", "onprem"};
  EXPECT_EQ(did_you_mean("deplyo", subcommands), "deploy");
  EXPECT_EQ(did_you_mean("stauts", subcommands), "status");
  EXPECT_EQ(did_you_mean("valdiate", subcommands), "validate");
  EXPECT_EQ(did_you_mean("rendr", {"render"}), "render");
  EXPECT_EQ(did_you_mean("renw", {"configure", "renew"}), "renew");
  EXPECT_EQ(did_you_mean("frobnicate", {"configure", "renew"}), "");
  // One letter is three edits from "exec": too far to be a typo of it.
  EXPECT_EQ(did_you_mean("x", subcommands), "");
  // Case is nearly free, and a swap of two neighbours is one edit, as in appspec hints.
  EXPECT_EQ(did_you_mean("Deploy", subcommands), "deploy");
  EXPECT_EQ(did_you_mean("ApplicationStrat", {"ApplicationStop", "ApplicationStart"}), "ApplicationStart");
}

TEST(UsageMessages, NameTheCommandAndWhereToReadMore) {
  std::ostringstream err;
  write_usage_error(err, "cdrun status", unknown_option_message("--bogus=1"));
  EXPECT_EQ(err.str(), "cdrun status: unknown option '--bogus'\nTry 'cdrun status --help' for more information.\n");
  err.str("");
  write_unknown_subcommand(err, "cdrun onprem", "renw", {"configure", "renew"});
  EXPECT_EQ(err.str(), "cdrun onprem: unknown subcommand 'renw'; did you mean 'renew'?\n"
                       "Run 'cdrun onprem --help' for the list.\n");
  err.str("");
  write_unknown_subcommand(err, "cdrun onprem", "frobnicate", {"configure", "renew"});
  EXPECT_EQ(err.str(), "cdrun onprem: unknown subcommand 'frobnicate' (configure or renew)\n"
                       "Run 'cdrun onprem --help' for the list.\n");
}

struct DeployStartRun {
  std::optional<int> status;
  std::string out;
  std::string err;
};

DeployStartRun start(const std::vector<std::string>& args, const DeployCommandName& name) {
  std::ostringstream out, err;
  DeployOptions options;
  DeployStartRun run;
  run.status = start_deploy_command(args, name, "HELP\n", out, err, options);
  run.out = out.str();
  run.err = err.str();
  return run;
}

const DeployCommandName kCdrunDeploy{"cdrun deploy", DeployDialect::cdrun};
const DeployCommandName kCodedeployLocal{"codedeploy-local", DeployDialect::codedeploy_local};

TEST(DeployStart, OptionErrorsUseCdrunsFormAndExitOne) {
  const std::string try_help = "Try 'cdrun deploy --help' for more information.\n";
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"--bogus"}, "cdrun deploy: unknown option '--bogus'\n"},
      {{"-x"}, "cdrun deploy: unknown option '-x'\n"},
      {{"stray"}, "cdrun deploy: unexpected argument 'stray'\n"},
      {{"--type"}, "cdrun deploy: --type needs a value\n"},
      {{"--help=yes"}, "cdrun deploy: --help takes no value\n"},
      {{"--deployment", "g"},
       "cdrun deploy: ambiguous option '--deployment': --deployment-group, --deployment-group-name?\n"},
      {{"--format", "xml"}, "cdrun deploy: --format must be text or json, not 'xml'\n"},
  };
  for (const auto& [args, message] : cases) {
    const DeployStartRun run = start(args, kCdrunDeploy);
    EXPECT_EQ(run.status, 1) << args[0];
    EXPECT_EQ(run.err, message + try_help);
    EXPECT_EQ(run.out, "");
  }
}

TEST(DeployStart, DocoptPrefixesStillWork) {
  const DeployStartRun run = start({"--bundle", "/b", "--deployment-group-n", "G"}, kCdrunDeploy);
  EXPECT_EQ(run.status, std::nullopt) << run.err;
}

TEST(DeployStart, AsCodedeployLocalItKeepsDocoptsWordsOnStdout) {
  // agent-behavior.md §7.1, and the conformance scenario 11b-cli-errors run-5-unknown-option.
  DeployStartRun run = start({"--bogus"}, kCodedeployLocal);
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.out, "--bogus is not recognized\nUsage:\n  codedeploy-local [options]\n");
  EXPECT_EQ(run.err, "");
  run = start({"--type"}, kCodedeployLocal);
  EXPECT_EQ(run.out, "--type requires argument\nUsage:\n  codedeploy-local [options]\n");
}

TEST(DeployStart, VersionIsCdrunsExceptAsCodedeployLocal) {
  DeployStartRun run = start({"--version"}, kCdrunDeploy);
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out, "cdrun 0.1.0\n");
  run = start({"-v"}, kCodedeployLocal);
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out, "1.0\n");  // docopt's version string in codedeploy-local (agent-behavior.md §7.1)
  run = start({"--he"}, kCdrunDeploy);
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out, "HELP\n");
}

TEST(RunCdrun, HelpWithoutASubcommandIsAUsageErrorOnStderr) {
  std::ostringstream out, err;
  EXPECT_EQ(run_cdrun({"/any/where/cdrun"}, out, err), 2);
  EXPECT_EQ(out.str(), "");
  EXPECT_NE(err.str().find("\n  onprem    "), std::string::npos) << err.str();
  EXPECT_EQ(err.str().find("/any/where"), std::string::npos) << err.str();
}

TEST(RunCdrun, OptionsBeforeAnySubcommandAreRefusedInTheSameForm) {
  std::ostringstream out, err;
  EXPECT_EQ(run_cdrun({"cdrun", "--bogus"}, out, err), 2);
  EXPECT_EQ(err.str(), "cdrun: unknown option '--bogus'\nTry 'cdrun --help' for more information.\n");
}

}  // namespace
}  // namespace cdrun
