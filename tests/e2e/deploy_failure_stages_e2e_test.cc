// End to end: a hook failing at each lifecycle event stops the deployment there, with
// codedeploy-local's failure line naming the script, and nothing after it runs.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "deploy_fixture.h"

namespace cdrun::e2e {
namespace {

const std::vector<std::string> kScriptEvents{"BeforeBlockTraffic", "AfterBlockTraffic", "ApplicationStop",
                                             "BeforeInstall",      "AfterInstall",      "ApplicationStart",
                                             "ValidateService",    "BeforeAllowTraffic", "AfterAllowTraffic"};

std::string appspec_failing_at(const std::string& failing) {
  std::string text = "version: 0.0\nos: linux\nhooks:\n";
  for (const std::string& event : kScriptEvents) {
    text += "  " + event + ":\n    - location: " + (event == failing ? "fail.sh" : "ok.sh") + "\n";
  }
  return text;
}

class DeployFailureStageE2E : public ::testing::TestWithParam<std::string> {};

TEST_P(DeployFailureStageE2E, StopsAtTheFailingEvent) {
  const std::string failing = GetParam();
  DeployFixture f;
  const std::string trace = f.dir().path() + "/trace.log";
  const std::vector<std::pair<std::string, std::string>> scripts{
      {"ok.sh", traced_script(trace, "ok")}, {"fail.sh", traced_script(trace, "fail", "exit 7")}};
  // The first deployment makes the previous-revision events (ApplicationStop, ...BlockTraffic)
  // run in the second, from the first's appspec: so both revisions carry the failing script.
  const std::string bundle = f.write_bundle("v", appspec_failing_at(failing), scripts);
  const bool previous_revision_event = failing == "ApplicationStop" || failing.find("BlockTraffic") != std::string::npos;
  if (previous_revision_event) {
    ASSERT_EQ(f.deploy(bundle).exit_code, 0) << "the first deployment skips " << failing;
    std::remove(trace.c_str());
  }
  Outcome run = f.deploy(bundle);
  EXPECT_EQ(run.exit_code, 1);
  const std::string dir = f.root() + "/default-local-deployment-group/" + DeployFixture::deployment_id(run);
  EXPECT_NE(run.out.find("Your local deployment failed while trying to execute your script at " + dir +
                         "/deployment-archive/fail.sh\nSee the deployment log at"),
            std::string::npos) << run.out;
  EXPECT_NE(run.err.find(failing + " failed: Script at specified location: fail.sh failed with exit code 7"), std::string::npos)
      << run.err;
  // The trace ends with the failing event: nothing after it ran.
  const std::string t = f.read(trace);
  const std::string last_line = "\n" + failing + " fail " + DeployFixture::deployment_id(run) + "\n";
  ASSERT_GE(t.size(), last_line.size() - 1) << t;
  EXPECT_EQ(("\n" + t).substr(("\n" + t).size() - last_line.size()), last_line) << t;
}

INSTANTIATE_TEST_SUITE_P(EveryScriptEvent, DeployFailureStageE2E, ::testing::ValuesIn(kScriptEvents),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace cdrun::e2e
