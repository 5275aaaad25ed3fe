// End to end: `cdrun plan` predicts the Install failures that only the host can show: a destination
// the deploying user cannot create or write, and a permissions owner or group unknown here.
// Expected messages are the agent's Errno and ArgumentError texts (agent-behavior.md §4.6, §4.7).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "run_cdrun.h"

namespace cdrun::e2e {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The findings of one code in plan's JSON.
std::vector<nlohmann::json> findings(const std::string& json_text, const std::string& code) {
  std::vector<nlohmann::json> out;
  const nlohmann::json doc = nlohmann::json::parse(json_text);
  for (const nlohmann::json& w : doc["warnings"]) {
    if (w["code"] == code) out.push_back(w);
  }
  return out;
}

class PlanInstallHostE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    // Readable and enterable by nobody, writable only by the test's user.
    ::chmod(dir_.path().c_str(), 0755);
    dir_.write("bundle/web/index.html", "<html>\n");
    dir_.write("agent.yml", ":log_dir: " + path("log") + "\n");
  }

  std::string path(const std::string& relative) const { return dir_.path() + "/" + relative; }
  void write_appspec(const std::string& destination, const std::string& permissions = "") const {
    dir_.write("bundle/appspec.yml", "version: 0.0\nos: linux\nfiles:\n  - source: web\n    destination: " + destination +
                                         "\n" + permissions);
  }
  std::vector<std::string> plan_args(bool json) const {
    std::vector<std::string> args{"plan", "-l", path("bundle"), "--root-dir", path("root"), "-c", path("agent.yml")};
    if (json) args.insert(args.end(), {"--format", "json"});
    return args;
  }
  // Stands for /opt: a directory only its owner (root, when the tests run as root) may write.
  std::string make_opt() const {
    const std::string opt = path("opt");
    std::filesystem::create_directory(opt);
    ::chmod(opt.c_str(), ::geteuid() == 0 ? 0755 : 0555);
    return opt;
  }

  TempDir dir_;
};

TEST_F(PlanInstallHostE2E, AnUnprivilegedRunCannotCreateADestinationUnderARootOwnedDirectory) {
  if (!unprivileged_runs_possible()) GTEST_SKIP() << "as root, this test needs setpriv and a build nobody can run";
  const std::string opt = make_opt();
  write_appspec(opt + "/app");
  const Outcome text = run_unprivileged(CDRUN_BINARY, plan_args(false));
  EXPECT_EQ(text.exit_code, 1) << text.out << text.err;
  EXPECT_TRUE(contains(text.out, "FAILS: cannot write " + opt + "/app (permission denied)\n")) << text.out;
  EXPECT_TRUE(contains(text.out, "  error: Install cannot write destination " + opt + "/app: " + opt +
                                     " gives permission denied; the agent fails with \"Permission denied @ dir_s_mkdir - " +
                                     opt + "/app\" [CD610]\n"))
      << text.out;

  const Outcome json = run_unprivileged(CDRUN_BINARY, plan_args(true));
  EXPECT_EQ(json.exit_code, 1) << json.err;
  const std::vector<nlohmann::json> found = findings(json.out, "CD610");
  ASSERT_EQ(found.size(), 1u) << json.out;
  EXPECT_EQ(found[0]["severity"], "error");
  EXPECT_EQ(found[0]["file"], path("bundle/appspec.yml"));
  EXPECT_TRUE(nlohmann::json::parse(json.out)["predicts_failure"].get<bool>());
}

TEST_F(PlanInstallHostE2E, AnUnwritableExistingDestinationFailsAtTheFirstCopy) {
  if (!unprivileged_runs_possible()) GTEST_SKIP() << "as root, this test needs setpriv and a build nobody can run";
  const std::string opt = make_opt();
  write_appspec(opt);
  const Outcome json = run_unprivileged(CDRUN_BINARY, plan_args(true));
  EXPECT_EQ(json.exit_code, 1) << json.err;
  const std::vector<nlohmann::json> found = findings(json.out, "CD610");
  ASSERT_EQ(found.size(), 1u) << json.out;
  EXPECT_TRUE(contains(found[0]["message"], "\"Permission denied @ rb_sysopen - " + opt + "/index.html\"")) << json.out;
}

TEST_F(PlanInstallHostE2E, RootMayCreateTheSameDestination) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root: the prediction is for the user running plan";
  const std::string opt = make_opt();
  write_appspec(opt + "/app");
  const Outcome json = run_cdrun(plan_args(true));
  EXPECT_EQ(json.exit_code, 0) << json.out << json.err;
  EXPECT_TRUE(findings(json.out, "CD610").empty()) << json.out;
  EXPECT_FALSE(std::filesystem::exists(opt + "/app"));  // plan writes nothing
}

TEST_F(PlanInstallHostE2E, AReadOnlyFileSystemStopsEvenRoot) {
  if (::geteuid() != 0 || ::access("/usr/bin/unshare", X_OK) != 0) GTEST_SKIP() << "needs root and unshare for a bind mount";
  const std::string ro = path("ro");
  std::filesystem::create_directory(ro);
  write_appspec(ro + "/app");
  // A private mount namespace, so the read-only bind mount goes away with the shell.
  std::vector<std::string> args{"-m", "/bin/sh", "-c",
                                "mount --bind \"$1\" \"$1\" && mount -o remount,ro,bind \"$1\" || exit 77; shift; exec \"$@\"",
                                "sh", ro, CDRUN_BINARY};
  for (const std::string& a : plan_args(false)) args.push_back(a);
  const Outcome text = run_program("/usr/bin/unshare", args);
  if (text.exit_code == 77) GTEST_SKIP() << "cannot make a read-only bind mount here: " << text.err;
  EXPECT_EQ(text.exit_code, 1) << text.out << text.err;
  EXPECT_TRUE(contains(text.out, "  error: Install cannot write destination " + ro + "/app: " + ro +
                                     " gives read-only file system; the agent fails with \"Read-only file system @ "
                                     "dir_s_mkdir - " + ro + "/app\" [CD610]\n"))
      << text.out;
}

TEST_F(PlanInstallHostE2E, AnOwnerThatDoesNotExistIsAgent18sArgumentError) {
  const std::string www = path("www");
  write_appspec(www, "permissions:\n  - object: " + www + "\n    owner: cdrun-no-such-user\n    group: cdrun-no-such-group\n");
  const Outcome text = run_cdrun(plan_args(false));
  EXPECT_EQ(text.exit_code, 1) << text.out << text.err;
  EXPECT_TRUE(contains(text.out, "  error: permissions owner \"cdrun-no-such-user\" (object " + www +
                                     ") does not exist on this host; agent 1.8 fails Install with \"can't find user for "
                                     "cdrun-no-such-user\" [CD611]\n"))
      << text.out;
  EXPECT_TRUE(contains(text.out, "\"can't find group for cdrun-no-such-group\" [CD611]\n")) << text.out;
  EXPECT_TRUE(contains(text.out, "agent 2.x skips an unknown owner silently")) << text.out;
  // deploy meets the owner first, as the agent's chown does.
  const Outcome deployed = run_cdrun({"deploy", "-l", path("bundle"), "--root-dir", path("root"), "-c", path("agent.yml")});
  EXPECT_EQ(deployed.exit_code, 1);
  EXPECT_TRUE(contains(deployed.out + deployed.err, "can't find user for cdrun-no-such-user")) << deployed.out << deployed.err;
}

TEST_F(PlanInstallHostE2E, ExistingAccountsAndPermissionsThatMatchNothingPredictNothing) {
  const std::string www = path("www");
  write_appspec(www, "permissions:\n  - object: " + www + "\n    owner: nobody\n"
                     "  - object: " + path("elsewhere") + "\n    owner: cdrun-no-such-user\n");
  const Outcome json = run_cdrun(plan_args(true));
  EXPECT_EQ(json.exit_code, 0) << json.out << json.err;
  EXPECT_TRUE(findings(json.out, "CD611").empty()) << json.out;
}

TEST_F(PlanInstallHostE2E, AnUnknownOwnerIsAWarningWhenAHookBeforeInstallMayCreateIt) {
  const std::string www = path("www");
  dir_.write("bundle/adduser.sh", "#!/bin/sh\n", 0755);
  write_appspec(www, "permissions:\n  - object: " + www + "\n    owner: cdrun-no-such-user\n"
                     "hooks:\n  BeforeInstall:\n    - location: adduser.sh\n");
  const Outcome json = run_cdrun(plan_args(true));
  EXPECT_EQ(json.exit_code, 0) << json.out << json.err;
  const std::vector<nlohmann::json> found = findings(json.out, "CD611");
  ASSERT_EQ(found.size(), 1u) << json.out;
  EXPECT_EQ(found[0]["severity"], "warning");
}

}  // namespace
}  // namespace cdrun::e2e
