// Revisions that cannot become healthy: cdrun deploy fails at ValidateService (exit 1) and both
// its output and the deployment's scripts.log carry basic_health_check.sh's explanation (the URL
// it asked through the proxy, the last HTTP status, how many attempts). The health checks are
// made short by the install (3 attempts, 0.2 s then 0.4 s apart), so each case takes seconds.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "deploy_support.h"

namespace cdrun::sample_app_e2e {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;

// The last lifecycle event a scripts.log records.
std::string last_event(const std::string& scripts_log) {
  const std::string marker = "LifecycleEvent - ";
  const size_t at = scripts_log.rfind(marker);
  if (at == std::string::npos) return "";
  const size_t start = at + marker.size();
  return scripts_log.substr(start, scripts_log.find('\n', start) - start);
}

void expect_failed_at_validate_service(const e2e::Outcome& deploy, const SampleInstall& install,
                                       const std::string& status_pattern, const std::string& path) {
  EXPECT_EQ(deploy.exit_code, 1) << deploy.out << deploy.err;
  EXPECT_THAT(deploy.out, HasSubstr("Your local deployment failed while trying to execute your script at"));
  EXPECT_THAT(deploy.out, HasSubstr("scripts/basic_health_check.sh"));
  const std::string url = "url: http://127.0.0.1:" + std::to_string(install.proxy_port()) + path + " (through nginx)";
  const std::string log = read_file(deployment_dir(deploy) + "/logs/scripts.log");
  EXPECT_EQ(last_event(log), "ValidateService");
  // cdrun shows the tail of the failed script's output; scripts.log has all of it.
  for (const std::string* text : {&deploy.err, &log}) {
    EXPECT_THAT(*text, HasSubstr("basic_health_check (revision broken): error: cdrun-sample-app is not healthy"));
    EXPECT_THAT(*text, HasSubstr(url));
    EXPECT_THAT(*text, ContainsRegex("last HTTP status: " + status_pattern));
    EXPECT_THAT(*text, HasSubstr("attempts: 3 over"));
  }
}

// The realistic production failure: the revision uses Redis for its key ring and Redis is not
// there. Whether the app exits at start (nginx answers 502) or stays up and reports itself
// unhealthy (503), the deployment must stop at ValidateService and say so.
TEST(FailingHealthCheck, RedisThatIsNotThereFailsValidateService) {
  if (const std::string missing = missing_prerequisite("nginx"); !missing.empty()) GTEST_SKIP() << missing;
  SampleInstall install("nginx");
  const int closed_port = free_loopback_port();
  const e2e::Outcome made =
      install.make_bundle("broken", {"--key-store", "redis", "--redis", "127.0.0.1:" + std::to_string(closed_port)});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const e2e::Outcome deploy = install.deploy(install.bundle_dir("broken"));
  expect_failed_at_validate_service(deploy, install, "50[23]", "/health");
  // The explanation names the cause the app printed, whichever way it failed.
  EXPECT_THAT(deploy.err + read_file(deployment_dir(deploy) + "/logs/scripts.log"),
              ContainsRegex("127\\.0\\.0\\.1:" + std::to_string(closed_port)));

  EXPECT_TRUE(install.stop_everything().empty());
  EXPECT_TRUE(install.running_processes().empty()) << "left running after teardown";
}

// A revision whose health check asks the wrong path: the app runs, the proxy answers 404.
TEST(FailingHealthCheck, HealthPathThatDoesNotExistFailsValidateService) {
  if (const std::string missing = missing_prerequisite("nginx"); !missing.empty()) GTEST_SKIP() << missing;
  SampleInstall install("nginx");
  const e2e::Outcome made = install.make_bundle("broken", {"--health-path", "/healthz"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const e2e::Outcome deploy = install.deploy(install.bundle_dir("broken"));
  expect_failed_at_validate_service(deploy, install, "404", "/healthz");
  EXPECT_THAT(deploy.err, ContainsRegex("app process: running \\(pid [0-9]+\\)"));

  EXPECT_FALSE(install.running_processes().empty()) << "the app and nginx should still run before teardown";
  EXPECT_TRUE(install.stop_everything().empty());
  EXPECT_TRUE(install.running_processes().empty()) << "left running after teardown";
}

}  // namespace
}  // namespace cdrun::sample_app_e2e
