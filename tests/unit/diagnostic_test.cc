#include "appspec/core/diagnostic.h"
#include "appspec/core/diagnostic_codes.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace cdrun {
namespace {

TEST(DidYouMean, SuggestsTheClosestEventName) {
  const std::vector<std::string> events{"ApplicationStop", "ApplicationStart", "BeforeInstall", "AfterInstall"};
  EXPECT_EQ(did_you_mean("ApplicationStrat", events), "ApplicationStart");
  EXPECT_EQ(did_you_mean("beforeinstall", events), "BeforeInstall");
  EXPECT_EQ(did_you_mean("Deploy", events), "");
}

TEST(Diagnostics, ErrorsAndWarningsAreTellable) {
  Diagnostics list{make_diagnostic(Severity::warning, "CD000", "w", "f", {1, 1})};
  EXPECT_FALSE(has_errors(list));
  EXPECT_TRUE(has_warnings(list));
  list.push_back(make_diagnostic(Severity::error, "CD000", "e", "f", {2, 1}));
  EXPECT_TRUE(has_errors(list));
}

TEST(DiagnosticCodeSummary, OneFixedDescriptionPerRule) {
  // ECS (CD4nn) and Lambda (CD5nn) share the rules numbered below 40, not those above; codes
  // cdrun does not define have no description.
  const std::vector<std::pair<std::string, std::string>> expected{
      {"CD241", "--events order that codedeploy-local refuses"},
      {"CD355", "Background job that keeps the agent's stdout or stderr open"},
      {"CD402", "version is not 0.0"},
      {"CD502", "version is not 0.0"},
      {"CD440", "TaskDefinition is missing or empty"},
      {"CD540", "Name is missing or empty"},
      {"CD547", ""},
      {"CD999", ""},
      {"E", ""}};
  for (const auto& [code, summary] : expected) EXPECT_EQ(diagnostic_code_summary(code), summary) << code;
}

}  // namespace
}  // namespace cdrun
