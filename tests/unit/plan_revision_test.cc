// build_plan: which revision each event reads (agent-behavior.md §1.3-1.5), on deployment roots
// and bundles written by hand.
#include <gtest/gtest.h>

#include "runner/plan/plan_builder.h"
#include "bundle_test_support.h"

namespace cdrun {
namespace {

using bundle_test::TempDir;
using bundle_test::with_code;

const char* const kNewAppSpec =
    "version: 0.0\n"
    "os: linux\n"
    "hooks:\n"
    "  ApplicationStop:\n"
    "    - location: scripts/stop.sh\n"
    "  BeforeInstall:\n"
    "    - location: scripts/before.sh\n"
    "      timeout: 30\n"
    "      runas: root\n";

const char* const kOldAppSpec =
    "version: 0.0\n"
    "os: linux\n"
    "hooks:\n"
    "  ApplicationStop:\n"
    "    - location: scripts/old-stop.sh\n"
    "      timeout: 120\n"
    "      runas: nobody\n"
    "      sudo: true\n";

class PlanRevisionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tmp_.write("bundle/appspec.yml", kNewAppSpec);
    tmp_.write("bundle/scripts/stop.sh", "#!/bin/sh\n", 0755);
    tmp_.write("bundle/scripts/before.sh", "#!/bin/sh\n", 0755);
    request_.root_dir = tmp_ / "root";
    request_.group = "grp";
    request_.bundle_path = tmp_ / "bundle";
    request_.cwd = tmp_.path();
  }

  std::string deployment_dir(const std::string& id) const { return tmp_ / ("root/grp/" + id); }

  // A previous deployment as the agent leaves it, recorded as the group's last successful install.
  void previous(const std::string& id, const std::string& appspec, bool with_script = true) {
    tmp_.write("root/grp/" + id + "/deployment-archive/appspec.yml", appspec);
    if (with_script) tmp_.write("root/grp/" + id + "/deployment-archive/scripts/old-stop.sh", "#!/bin/sh\n", 0755);
    record_last_successful(deployment_dir(id));
  }
  void record_last_successful(const std::string& dir) const {
    tmp_.write("root/deployment-instructions/grp_last_successful_install", dir);
  }

  static const PlanEvent& event(const PlanReport& report, const std::string& name) {
    for (const PlanEvent& e : report.events) {
      if (e.name == name) return e;
    }
    static PlanEvent none;
    ADD_FAILURE() << "no event " << name;
    return none;
  }

  TempDir tmp_;
  PlanRequest request_;
};

TEST_F(PlanRevisionTest, FirstDeploymentSkipsThePreviousRevisionEvents) {
  const PlanReport report = build_plan(request_);
  std::vector<std::string> names;
  for (const PlanEvent& e : report.events) names.push_back(e.name);
  EXPECT_EQ(names, (std::vector<std::string>{"BeforeBlockTraffic", "AfterBlockTraffic", "ApplicationStop", "DownloadBundle",
                                             "BeforeInstall", "Install", "AfterInstall", "ApplicationStart",
                                             "ValidateService", "BeforeAllowTraffic", "AfterAllowTraffic"}));
  EXPECT_EQ(event(report, "BeforeBlockTraffic").source, PlanSource::first_deployment);
  EXPECT_EQ(event(report, "AfterBlockTraffic").source, PlanSource::first_deployment);
  EXPECT_EQ(event(report, "ApplicationStop").source, PlanSource::first_deployment);
  EXPECT_TRUE(event(report, "ApplicationStop").scripts.empty());
  const PlanEvent& before = event(report, "BeforeInstall");
  EXPECT_EQ(before.source, PlanSource::new_revision);
  EXPECT_EQ(before.appspec_path, tmp_ / "bundle/appspec.yml");
  ASSERT_EQ(before.scripts.size(), 1u);
  EXPECT_EQ(before.scripts[0].location, "scripts/before.sh");
  EXPECT_EQ(before.scripts[0].timeout, 30);
  EXPECT_EQ(before.scripts[0].runas.value_or(""), "root");
  EXPECT_TRUE(before.scripts[0].present);
  EXPECT_FALSE(report.previous_dir.has_value());
  EXPECT_FALSE(report.predicts_failure());
}

TEST_F(PlanRevisionTest, SecondDeploymentRunsThePreviousRevisionsApplicationStop) {
  previous("d-OLD000001-local", kOldAppSpec);
  const PlanReport report = build_plan(request_);
  const PlanEvent& stop = event(report, "ApplicationStop");
  EXPECT_EQ(stop.source, PlanSource::previous_revision);
  EXPECT_EQ(stop.revision_id, "d-OLD000001-local");
  EXPECT_EQ(stop.revision_dir, deployment_dir("d-OLD000001-local"));
  EXPECT_EQ(stop.appspec_path, deployment_dir("d-OLD000001-local") + "/deployment-archive/appspec.yml");
  ASSERT_EQ(stop.scripts.size(), 1u);
  EXPECT_EQ(stop.scripts[0].location, "scripts/old-stop.sh");
  EXPECT_EQ(stop.scripts[0].timeout, 120);
  EXPECT_EQ(stop.scripts[0].runas.value_or(""), "nobody");
  EXPECT_TRUE(stop.scripts[0].sudo);
  EXPECT_TRUE(stop.scripts[0].present);
  // The old appspec has no BeforeBlockTraffic hook: the event reads it and runs nothing.
  EXPECT_EQ(event(report, "BeforeBlockTraffic").source, PlanSource::previous_revision);
  EXPECT_TRUE(event(report, "BeforeBlockTraffic").scripts.empty());
  EXPECT_EQ(report.previous_dir.value_or(""), deployment_dir("d-OLD000001-local"));
  EXPECT_FALSE(report.predicts_failure());
}

TEST_F(PlanRevisionTest, MissingPreviousArchiveGivesTheAgentsMessage) {
  record_last_successful(deployment_dir("d-GONE00001-local"));
  const PlanReport report = build_plan(request_);
  const Diagnostics found = with_code(report.warnings, "CD600");
  ASSERT_EQ(found.size(), 1u);
  const std::string archive = deployment_dir("d-GONE00001-local") + "/deployment-archive";
  EXPECT_EQ(found[0].message,
            "BeforeBlockTraffic: The CodeDeploy agent did not find an AppSpec file within the unpacked revision "
            "directory at revision-relative path \"appspec.yml\". The revision was unpacked to directory \"" + archive +
            "\", and the AppSpec file was expected but not found at path \"" + archive + "/appspec.yml\". Consult the "
            "AWS CodeDeploy Appspec documentation for more information at "
            "http://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file.html");
  EXPECT_EQ(found[0].severity, Severity::error);
  EXPECT_EQ(event(report, "BeforeBlockTraffic").failure, "the previous revision's appspec.yml is missing");
  EXPECT_EQ(event(report, "BeforeBlockTraffic").revision_id, "d-GONE00001-local");
  EXPECT_TRUE(report.predicts_failure());
}

TEST_F(PlanRevisionTest, IgnoreApplicationStopFailuresMakesItAWarning) {
  record_last_successful(deployment_dir("d-GONE00001-local"));
  request_.ignore_application_stop_failures = true;
  const PlanReport report = build_plan(request_);
  const Diagnostics found = with_code(report.warnings, "CD600");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_FALSE(report.predicts_failure());
}

TEST_F(PlanRevisionTest, PreviousAppSpecWithAYamlErrorIsReported) {
  previous("d-OLD000001-local", "version: 0.0\nos: linux\nhooks: [ApplicationStop\n");
  const PlanReport report = build_plan(request_);
  const Diagnostics found = with_code(report.warnings, "CD601");
  ASSERT_EQ(found.size(), 1u);
  // Psych's wording, as the agent reports a syntax error.
  EXPECT_EQ(found[0].message.rfind("BeforeBlockTraffic: (<unknown>): ", 0), 0u) << found[0].message;
  EXPECT_TRUE(report.predicts_failure());
}

TEST_F(PlanRevisionTest, ScriptMissingFromThePreviousArchive) {
  previous("d-OLD000001-local", kOldAppSpec, /*with_script=*/false);
  const PlanReport report = build_plan(request_);
  const Diagnostics found = with_code(report.warnings, "CD602");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message, "ApplicationStop: Script does not exist at specified location: " +
                                  deployment_dir("d-OLD000001-local") + "/deployment-archive/scripts/old-stop.sh");
  EXPECT_FALSE(event(report, "ApplicationStop").scripts.at(0).present);
  EXPECT_TRUE(report.predicts_failure());
}

TEST_F(PlanRevisionTest, ApplicationStopAfterDownloadBundleReadsTheNewRevision) {
  previous("d-OLD000001-local", kOldAppSpec);
  request_.events = "ApplicationStop";
  const PlanReport report = build_plan(request_);
  std::vector<std::string> names;
  for (const PlanEvent& e : report.events) names.push_back(e.name);
  EXPECT_EQ(names, (std::vector<std::string>{"DownloadBundle", "Install", "ApplicationStop"}));
  const PlanEvent& stop = event(report, "ApplicationStop");
  EXPECT_EQ(stop.source, PlanSource::new_revision);
  ASSERT_EQ(stop.scripts.size(), 1u);
  EXPECT_EQ(stop.scripts[0].location, "scripts/stop.sh");
  const Diagnostics reorder = with_code(report.warnings, "CD242");
  ASSERT_EQ(reorder.size(), 1u);
  EXPECT_EQ(reorder[0].severity, Severity::warning);
  EXPECT_TRUE(bundle_test::contains(reorder[0].message, "runs the new revision's script"));
  EXPECT_FALSE(report.predicts_failure());
}

TEST_F(PlanRevisionTest, NewRevisionEventBeforeDownloadBundleFails) {
  request_.events = "BeforeInstall,DownloadBundle,Install";
  const PlanReport report = build_plan(request_);
  ASSERT_FALSE(report.events.empty());
  EXPECT_EQ(report.events[0].name, "BeforeInstall");
  EXPECT_EQ(report.events[0].source, PlanSource::not_downloaded);
  EXPECT_FALSE(report.events[0].failure.empty());
  EXPECT_EQ(with_code(report.warnings, "CD243").size(), 1u);
  EXPECT_TRUE(report.predicts_failure());
}

TEST_F(PlanRevisionTest, NewRevisionScriptMissingFromTheBundle) {
  tmp_.write("bundle/appspec.yml", "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: scripts/nope.sh\n");
  const PlanReport report = build_plan(request_);
  const Diagnostics found = with_code(report.warnings, "CD603");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(bundle_test::contains(found[0].message, "AfterInstall script \"scripts/nope.sh\" is not in the bundle"));
  EXPECT_TRUE(report.predicts_failure());
}

}  // namespace
}  // namespace cdrun
