// The fixture of the `cdrun plan --agent-version` end-to-end tests: a bundle whose appspec installs
// web/ and has ApplicationStop and AfterInstall hooks, plan and deploy runs into a private root, and
// readers of plan's JSON.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "deploy_fixture.h"
#include "run_cdrun.h"

namespace cdrun::e2e {

class PlanAgent2E2E : public ::testing::Test {
 protected:
  inline static const std::string kAppSpecHead = "version: 0.0\nos: linux\n";

  static bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
  // The findings of one code in plan's JSON.
  static std::vector<nlohmann::json> findings(const nlohmann::json& doc, const std::string& code) {
    std::vector<nlohmann::json> out;
    for (const nlohmann::json& w : doc["warnings"]) {
      if (w["code"] == code) out.push_back(w);
    }
    return out;
  }
  // The event of that name in plan's JSON.
  static nlohmann::json event_named(const nlohmann::json& doc, const std::string& name) {
    for (const nlohmann::json& e : doc["events"]) {
      if (e["name"] == name) return e;
    }
    return nlohmann::json();
  }

  void SetUp() override {
    write_appspec("");
    dir_.write("bundle/scripts/stop.sh", "#!/bin/sh\necho stopping\n", 0755);
    dir_.write("bundle/scripts/after.sh", "#!/bin/sh\necho installed\n", 0755);
    dir_.write("bundle/web/index.html", "<html>\n");
    dir_.write("agent.yml", ":log_dir: " + path("log") + "\n");
  }

  // Lines 3-5: files; 6-11: hooks; `extra` starts at line 12.
  void write_appspec(const std::string& extra) const {
    dir_.write("bundle/appspec.yml", kAppSpecHead + "files:\n  - source: web\n    destination: " + path("www") +
                                         "\nhooks:\n  ApplicationStop:\n    - location: scripts/stop.sh\n      timeout: 60\n"
                                         "  AfterInstall:\n    - location: scripts/after.sh\n" + extra);
  }
  std::string path(const std::string& relative) const { return dir_.path() + "/" + relative; }
  Outcome run(const std::string& command, std::vector<std::string> extra = {}) const {
    std::vector<std::string> args{command, "-l", path("bundle"), "--root-dir", path("root"), "-c", path("agent.yml"), "-g", "grp"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cdrun(args);
  }
  // plan --format json with these options; checks the exit status.
  nlohmann::json plan_json(std::vector<std::string> extra, int expected_exit) const {
    extra.insert(extra.end(), {"--format", "json"});
    const Outcome out = run("plan", extra);
    EXPECT_EQ(out.exit_code, expected_exit) << out.out << out.err;
    return nlohmann::json::parse(out.out);
  }
  // Deploys and returns the deployment id codedeploy-local prints.
  std::string deploy() const {
    const Outcome out = run("deploy");
    EXPECT_EQ(out.exit_code, 0) << out.out << out.err;
    return DeployFixture::deployment_id(out);
  }

  TempDir dir_;
};

}  // namespace cdrun::e2e
