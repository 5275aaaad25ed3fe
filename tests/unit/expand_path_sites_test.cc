// The one File.expand_path (runner/fs/ruby_paths.h) as each caller needs it. The Installer and the
// plan take "~" as Ruby does (install_paths_test.cc, plan_revision_test.cc); here the two callers
// that must not: deploy's bundle path, which must be the file that was checked to exist. The hook
// executor's missing-script message (agent-behavior.md §5.2) is Ruby's File.expand_path of a path
// under the deployment root: a relative root is read from the working directory.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "bundle_test_support.h"
#include "runner/cli/deploy_checks.h"
#include "runner/engine/hook_executor.h"

namespace cdrun {
namespace {

using bundle_test::TempDir;

// Sets HOME for one test, so that a "~" that wrongly became a home directory is plain to see.
class HomeForTest {
 public:
  explicit HomeForTest(const char* home) {
    if (const char* old = std::getenv("HOME")) saved_ = old;
    ::setenv("HOME", home, 1);
  }
  ~HomeForTest() {
    if (saved_.empty()) {
      ::unsetenv("HOME");
    } else {
      ::setenv("HOME", saved_.c_str(), 1);
    }
  }

 private:
  std::string saved_;
};

// Runs the test inside `dir`: deploy checks that a relative bundle exists from the process's own
// working directory.
class WorkingDirectoryForTest {
 public:
  explicit WorkingDirectoryForTest(const std::string& dir) : saved_(process_working_directory()) {
    ok_ = ::chdir(dir.c_str()) == 0;
  }
  ~WorkingDirectoryForTest() {
    if (::chdir(saved_.c_str()) != 0) std::abort();
  }
  bool ok() const { return ok_; }

 private:
  std::string saved_;
  bool ok_ = false;
};

// Deploy's checks of a tgz bundle at `location`, run from inside `dir` as `cdrun deploy` would be.
DeployCheck check_tgz_bundle_from(const TempDir& dir, const std::string& location) {
  WorkingDirectoryForTest cwd(dir.path());
  if (!cwd.ok()) return {std::nullopt, "cannot enter " + dir.path()};
  DeployOptions options;
  options.type = "tgz";
  options.bundle_location = location;
  return check_deploy_options(options, dir.path());
}

TEST(ExpandPathSites, DeployBundleStartingWithTildeIsTheFileInTheWorkingDirectory) {
  TempDir tmp;
  tmp.write("~/bundle.tgz", "not checked here");
  HomeForTest home("/home/tester");
  const DeployCheck check = check_tgz_bundle_from(tmp, "~/bundle.tgz");
  ASSERT_TRUE(check.bundle) << check.error;
  EXPECT_EQ(check.bundle->path, tmp.path() + "/~/bundle.tgz");
  EXPECT_EQ(check.bundle->location, "~/bundle.tgz");
}

TEST(ExpandPathSites, DeployBundlePathIsResolvedLexicallyFromTheWorkingDirectory) {
  TempDir tmp;
  tmp.write("dir/bundle.tgz", "not checked here");
  const DeployCheck check = check_tgz_bundle_from(tmp, "./dir//../dir/bundle.tgz");
  ASSERT_TRUE(check.bundle) << check.error;
  EXPECT_EQ(check.bundle->path, tmp.path() + "/dir/bundle.tgz");
}

class NeverLaunched : public ProcessLauncher {
 public:
  ProcessResult run(const ProcessSpec& spec, const RunLimits&, ProcessObserver&) override {
    ADD_FAILURE() << "a missing script was started: " << spec.argv.front();
    return {};
  }
};

// Runs AfterInstall of deployment grp/d-123456789-local under `root_dir`, whose appspec lists one
// script at `location` that the archive does not hold; returns that script's report.
ScriptReport missing_script_report(const TempDir& tmp, const std::string& root_dir, const std::string& location) {
  HookRequest request;
  request.event = "AfterInstall";
  request.layout.root_dir = root_dir;
  request.layout.group_id = "grp";
  request.layout.deployment_id = "d-123456789-local";
  request.appspec_filename = "appspec.yml";
  std::ofstream(request.layout.root_dir + "/grp/d-123456789-local/deployment-archive/appspec.yml")
      << "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: " << location << "\n";
  NeverLaunched launcher;
  ScriptsLog scripts_log(tmp / "scripts.log");
  AgentLog agent_log;
  const HookReport report = run_hook_event(request, launcher, scripts_log, nullptr, agent_log);
  if (report.scripts.size() != 1u) {
    ADD_FAILURE() << "expected one script report, got " << report.scripts.size();
    return {};
  }
  return report.scripts[0];
}

TEST(ExpandPathSites, MissingScriptIsNamedByItsNormalisedAbsolutePath) {
  TempDir tmp;
  HomeForTest home("/home/tester");
  tmp.write("root/grp/d-123456789-local/deployment-archive/appspec.yml", "");
  const ScriptReport script = missing_script_report(tmp, tmp.path() + "//root/./", "scripts/./../scripts//gone.sh");
  EXPECT_EQ(script.agent_error_code, 1);
  EXPECT_EQ(script.reason, "Script does not exist at specified location: " + tmp.path() +
                               "/root/grp/d-123456789-local/deployment-archive/scripts/gone.sh");
}

TEST(ExpandPathSites, MissingScriptUnderARelativeRootIsNamedFromTheWorkingDirectory) {
  TempDir tmp;
  tmp.write("rel/grp/d-123456789-local/deployment-archive/appspec.yml", "");
  WorkingDirectoryForTest cwd(tmp.path());
  ASSERT_TRUE(cwd.ok());
  const ScriptReport script = missing_script_report(tmp, "rel", "gone.sh");
  EXPECT_EQ(script.reason, "Script does not exist at specified location: " + tmp.path() +
                               "/rel/grp/d-123456789-local/deployment-archive/gone.sh");
}

}  // namespace
}  // namespace cdrun
