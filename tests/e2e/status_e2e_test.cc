// End to end: `cdrun status` on a root written by the real `cdrun deploy`.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "run_cdrun.h"

namespace cdrun::e2e {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class StatusE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("bundle/appspec.yml", "version: 0.0\nos: linux\nfiles:\n  - source: web\n    destination: " + path("www") +
                                         "\nhooks:\n  AfterInstall:\n    - location: after.sh\n");
    dir_.write("bundle/after.sh", "#!/bin/sh\necho installed\n", 0755);
    dir_.write("bundle/web/a.html", "a\n");
    dir_.write("bundle/web/b.html", "b\n");
    dir_.write("agent.yml", ":root_dir: " + path("root") + "\n:log_dir: " + path("log") + "\n");
  }

  std::string path(const std::string& relative) const { return dir_.path() + "/" + relative; }

  std::string deploy(const std::string& group) const {
    const Outcome out = run_cdrun({"deploy", "-l", path("bundle"), "-c", path("agent.yml"), "-g", group});
    EXPECT_EQ(out.exit_code, 0) << out.out << out.err;
    const std::string marker = "Starting to execute deployment from within folder " + path("root") + "/" + group + "/";
    const size_t at = out.out.find(marker);
    if (at == std::string::npos) return {};
    return out.out.substr(at + marker.size(), out.out.find('\n', at) - at - marker.size());
  }

  TempDir dir_;
};

TEST_F(StatusE2E, ShowsTheLastSuccessfulDeployment) {
  const std::string first = deploy("grp");
  const std::string second = deploy("grp");
  ASSERT_FALSE(second.empty());
  const Outcome text = run_cdrun({"status", "--root-dir", path("root")});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_TRUE(contains(text.out, "Deployment group grp\n")) << text.out;
  EXPECT_TRUE(contains(text.out, "last successful: " + second + " (" + path("root") + "/grp/" + second + ")\n")) << text.out;
  EXPECT_TRUE(contains(text.out, "deployments kept: 2")) << text.out;

  const Outcome json = run_cdrun({"status", "-c", path("agent.yml"), "--format", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  const nlohmann::json doc = nlohmann::json::parse(json.out);
  ASSERT_EQ(doc["groups"].size(), 1u);
  const nlohmann::json& grp = doc["groups"][0];
  EXPECT_EQ(grp["last_successful"]["id"], second);
  EXPECT_EQ(grp["last_successful"]["exists"], true);
  EXPECT_EQ(grp["most_recent"]["id"], second);
  ASSERT_EQ(grp["deployments"].size(), 2u);
  EXPECT_EQ(grp["deployments"][0]["id"], first);  // oldest first
  EXPECT_EQ(grp["deployments"][1]["id"], second);
  EXPECT_EQ(grp["deployments"][1]["has_scripts_log"], true);
  // Install made the www directory and copied two files into it: three paths for the next cleanup.
  EXPECT_EQ(grp["cleanup"]["count"], 3);
}

TEST_F(StatusE2E, TwoGroupsAndOneOfThem) {
  deploy("alpha");
  dir_.write("bundle/appspec.yml", "version: 0.0\nos: linux\n");  // beta installs no files
  const std::string beta = deploy("beta");
  const Outcome all = run_cdrun({"status", "--root-dir", path("root"), "--format", "json"});
  EXPECT_EQ(all.exit_code, 0) << all.err;
  const nlohmann::json doc = nlohmann::json::parse(all.out);
  ASSERT_EQ(doc["groups"].size(), 2u);
  EXPECT_EQ(doc["groups"][0]["name"], "alpha");
  EXPECT_EQ(doc["groups"][1]["name"], "beta");
  const Outcome one = run_cdrun({"status", "--root-dir", path("root"), "-g", "beta"});
  EXPECT_EQ(one.exit_code, 0);
  EXPECT_FALSE(contains(one.out, "alpha")) << one.out;
  EXPECT_TRUE(contains(one.out, "last successful: " + beta)) << one.out;
}

TEST_F(StatusE2E, AnUnknownGroupIsAnErrorNamingTheGroupsThere) {
  deploy("alpha");
  dir_.write("bundle/appspec.yml", "version: 0.0\nos: linux\n");  // beta installs no files
  deploy("beta");
  const std::string root = path("root");
  Outcome out = run_cdrun({"status", "--root-dir", root, "-g", "alpah"});
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_EQ(out.err, "cdrun: error: the deployment root " + root +
                         " has no deployment group \"alpah\" (it has: alpha, beta); did you mean \"alpha\"?\n");
  EXPECT_EQ(out.out, "");
  out = run_cdrun({"status", "--root-dir", root, "--deployment-group", "production", "--format", "json"});
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_EQ(out.err, "cdrun: error: the deployment root " + root +
                         " has no deployment group \"production\" (it has: alpha, beta)\n");
  EXPECT_EQ(out.out, "");
}

TEST_F(StatusE2E, AGroupInAnEmptyRootIsAnError) {
  dir_.write("root/.cdrun-lock", "");
  const Outcome out = run_cdrun({"status", "--root-dir", path("root"), "-g", "grp"});
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_EQ(out.err, "cdrun: error: the deployment root " + path("root") +
                         " has no deployment group \"grp\" (it has none: nothing has been deployed there yet)\n");
}

TEST_F(StatusE2E, HelpListsEveryOption) {
  const Outcome out = run_cdrun({"status", "--help"});
  EXPECT_EQ(out.exit_code, 0);
  for (const char* option : {"-g,--deployment-group", "--root-dir", "-c,--agent-configuration-file", "--format"}) {
    EXPECT_TRUE(contains(out.out, option)) << option << "\n" << out.out;
  }
}

TEST_F(StatusE2E, MissingRootExitsTwo) {
  const Outcome out = run_cdrun({"status", "--root-dir", path("nothing")});
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_TRUE(contains(out.err, "the deployment root " + path("nothing") + " does not exist")) << out.err;
}

}  // namespace
}  // namespace cdrun::e2e
