#include "appspec/core/diagnostic.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace cdrun
