// One command-line layer: the top-level help lists every subcommand, typos get a did-you-mean, no
// help or usage text shows the path cdrun was started from, and an unknown option is refused in
// one form by every subcommand (with the exit status compatibility sets for it).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "run_cdrun.h"

namespace cdrun::e2e {
namespace {

const std::vector<std::string> kSubcommands{"validate", "deploy", "plan", "status", "exec", "role", "onprem"};

// The binary is started by its absolute path; neither that path nor its directory may show.
void expect_no_binary_path(const Outcome& run, const std::string& what) {
  const std::string binary = CDRUN_BINARY;
  const std::string directory = binary.substr(0, binary.rfind('/'));
  for (const std::string* text : {&run.out, &run.err}) {
    EXPECT_EQ(text->find(directory), std::string::npos) << what << ":\n" << *text;
  }
}

std::string codedeploy_local() {
  const std::string binary = CDRUN_BINARY;
  return binary.substr(0, binary.rfind('/')) + "/codedeploy-local";
}

TEST(CliE2E, HelpListsEverySubcommandWithOneLineEach) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--help"}, {"-h"}, {"help"}}) {
    const Outcome run = run_cdrun(args);
    EXPECT_EQ(run.exit_code, 0) << args[0];
    for (const std::string& name : kSubcommands) {
      EXPECT_NE(run.out.find("\n  " + name + " "), std::string::npos) << name << " in\n" << run.out;
    }
    EXPECT_NE(run.out.find("cdrun help SUBCOMMAND"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("Run 'cdrun SUBCOMMAND --help'"), std::string::npos) << run.out;
    expect_no_binary_path(run, args[0]);
  }
  // Without a subcommand the same list is a usage error.
  const Outcome bare = run_cdrun({});
  EXPECT_EQ(bare.exit_code, 2);
  EXPECT_EQ(bare.err, run_cdrun({"--help"}).out);
}

TEST(CliE2E, MistypedSubcommandsGetADidYouMean) {
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  const std::vector<Case> cases{
      {{"deplyo"}, "cdrun: unknown subcommand 'deplyo'; did you mean 'deploy'?\nRun 'cdrun --help' for the list.\n"},
      {{"stauts"}, "cdrun: unknown subcommand 'stauts'; did you mean 'status'?\nRun 'cdrun --help' for the list.\n"},
      {{"role", "rendr"},
       "cdrun role: unknown subcommand 'rendr'; did you mean 'render'?\nRun 'cdrun role --help' for the list.\n"},
      {{"onprem", "renw"},
       "cdrun onprem: unknown subcommand 'renw'; did you mean 'renew'?\nRun 'cdrun onprem --help' for the list.\n"},
      {{"onprem", "confgure"},
       "cdrun onprem: unknown subcommand 'confgure'; did you mean 'configure'?\n"
       "Run 'cdrun onprem --help' for the list.\n"},
      {{"help", "nosuch"},
       "cdrun: unknown subcommand 'nosuch' (validate, bundle, push, watch, deploy, plan, status, exec, role or onprem)\n"
       "Run 'cdrun --help' for the list.\n"},
      {{"help", "plna"}, "cdrun: unknown subcommand 'plna'; did you mean 'plan'?\nRun 'cdrun --help' for the list.\n"},
  };
  for (const Case& c : cases) {
    const Outcome run = run_cdrun(c.args);
    EXPECT_EQ(run.exit_code, 2) << c.args.back();
    EXPECT_EQ(run.err, c.err);
    EXPECT_EQ(run.out, "");
  }
}

TEST(CliE2E, NoHelpOrUsageShowsTheBinarysPath) {
  const std::vector<std::vector<std::string>> invocations{
      {},
      {"--help"},
      {"validate", "--help"},
      {"deploy", "--help"},
      {"plan", "--help"},
      {"status", "--help"},
      {"exec", "--help"},
      {"exec"},
      {"role"},
      {"role", "--help"},
      {"role", "render", "--help"},
      {"role", "render"},
      {"onprem"},
      {"onprem", "--help"},
      {"onprem", "configure", "--help"},
      {"onprem", "renew", "--help"},
      {"validate", "--format"},
      {"status", "--format", "xml"},
      {"deploy", "--type"},
      {"plan", "--format", "xml"},
  };
  for (const std::vector<std::string>& args : invocations) {
    std::string what = "cdrun";
    for (const std::string& arg : args) what += " " + arg;
    const Outcome run = run_cdrun(args);
    EXPECT_FALSE(run.out.empty() && run.err.empty()) << what;
    expect_no_binary_path(run, what);
  }
  for (const std::string& name : kSubcommands) {
    const Outcome run = run_cdrun({name, "--help"});
    EXPECT_NE(run.out.find("cdrun " + name), std::string::npos) << run.out;
  }
}

TEST(CliE2E, AnUnknownOptionIsRefusedInOneFormEverywhere) {
  struct Case {
    std::vector<std::string> args;
    std::string program;
    int exit_code;
  };
  const std::vector<Case> cases{
      {{"validate", "--bogus"}, "cdrun validate", 2},
      {{"deploy", "--bogus"}, "cdrun deploy", 1},  // codedeploy-local's status (docopt)
      {{"plan", "--bogus"}, "cdrun plan", 1},      // plan takes deploy's options, and its statuses
      {{"status", "--bogus"}, "cdrun status", 2},
      {{"exec", "--bogus", "--", "true"}, "cdrun exec", 125},  // timeout(1)'s own-failure status
      {{"role", "--bogus"}, "cdrun role", 2},
      {{"role", "render", "--bogus"}, "cdrun role render", 2},
      {{"onprem", "--bogus"}, "cdrun onprem", 2},
      {{"onprem", "configure", "--bogus"}, "cdrun onprem configure", 2},
      {{"onprem", "renew", "--bogus"}, "cdrun onprem renew", 2},
      {{"--bogus"}, "cdrun", 2},
  };
  for (const Case& c : cases) {
    const Outcome run = run_cdrun(c.args);
    EXPECT_EQ(run.exit_code, c.exit_code) << c.program;
    EXPECT_EQ(run.err, c.program + ": unknown option '--bogus'\nTry '" + c.program + " --help' for more information.\n");
    EXPECT_EQ(run.out, "") << c.program;
  }
}

TEST(CliE2E, HelpSubcommandPrintsTheSubcommandsHelp) {
  for (const std::string& name : kSubcommands) {
    const Outcome help = run_cdrun({"help", name});
    const Outcome dashes = run_cdrun({name, "--help"});
    EXPECT_EQ(help.exit_code, 0) << name;
    EXPECT_EQ(help.out, dashes.out) << name;
    EXPECT_FALSE(help.out.empty()) << name;
  }
  EXPECT_EQ(run_cdrun({"help", "role", "render"}).out, run_cdrun({"role", "render", "--help"}).out);
}

TEST(CliE2E, VersionIsCdrunsUnlessStartedAsCodedeployLocal) {
  const Outcome top = run_cdrun({"--version"});
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_EQ(top.out, "cdrun 0.1.0\n");
  EXPECT_EQ(run_cdrun({"deploy", "--version"}).out, top.out);
  EXPECT_EQ(run_cdrun({"plan", "--version"}).out, top.out);
  // codedeploy-local's docopt prints its own version (agent-behavior.md §7.1).
  const Outcome agent = run_program(codedeploy_local(), {"--version"});
  EXPECT_EQ(agent.exit_code, 0);
  EXPECT_EQ(agent.out, "1.0\n");
}

TEST(CliE2E, StartedAsCodedeployLocalItAnswersAsTheAgent) {
  const Outcome bogus = run_program(codedeploy_local(), {"--bogus"});
  EXPECT_EQ(bogus.exit_code, 1);
  EXPECT_EQ(bogus.out, "--bogus is not recognized\nUsage:\n  codedeploy-local [options]\n");
  const Outcome help = run_program(codedeploy_local(), {"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Usage:\n  codedeploy-local [options]\n"), std::string::npos) << help.out;
  expect_no_binary_path(help, "codedeploy-local --help");
  const Outcome deploy_help = run_cdrun({"deploy", "--help"});
  EXPECT_NE(deploy_help.out.find("Usage:\n  cdrun deploy [options]\n"), std::string::npos) << deploy_help.out;
}

}  // namespace
}  // namespace cdrun::e2e
