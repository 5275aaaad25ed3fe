// Two revisions of the sample app deployed with the built cdrun behind a real nginx or Apache:
// the second deployment's ApplicationStop runs the FIRST revision's stop script (from the previous
// deployment's archive), the proxy serves the new revision, and the users created under the
// first revision are still there (the data directory is outside what Install replaces).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "deploy_support.h"
#include "http_client.h"

namespace cdrun::sample_app_e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class TwoRevisionsThroughProxy : public ::testing::TestWithParam<std::string> {};

// The revision /health reports through the proxy, or a description of what came instead.
std::string health_revision(const SampleInstall& install, const std::string& server_header) {
  const HttpReply reply = http_get(install.proxy_url("/health"));
  if (reply.status != 200) return "HTTP " + std::to_string(reply.status) + " " + reply.error + reply.body;
  if (reply.headers.find("Server: " + server_header) == std::string::npos) return "not through the proxy: " + reply.headers;
  const auto json = nlohmann::json::parse(reply.body, nullptr, false);
  if (json.is_discarded() || !json.contains("revision")) return "not health JSON: " + reply.body;
  return json.value("status", "") + " " + json["revision"].get<std::string>();
}

TEST_P(TwoRevisionsThroughProxy, SecondRevisionStopsTheFirstWithItsOwnScriptAndKeepsTheData) {
  const std::string proxy = GetParam();
  if (const std::string missing = missing_prerequisite(proxy); !missing.empty()) GTEST_SKIP() << missing;
  const std::string server_header = proxy == "nginx" ? "nginx/" : "Apache/";
  SampleInstall install(proxy);

  const e2e::Outcome made_v1 = install.make_bundle("v1");
  ASSERT_EQ(made_v1.exit_code, 0) << made_v1.err;
  const e2e::Outcome first = install.deploy(install.bundle_dir("v1"));
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_THAT(first.out, HasSubstr("Local deployment successful"));
  EXPECT_EQ(health_revision(install, server_header), "ok v1");

  // A user created through the proxy under v1.
  const HttpReply form = http_get(install.proxy_url("/users"));
  ASSERT_EQ(form.status, 200) << form.error << form.body;
  const std::string token = sample_app_test::csrf_token_in(form.body);
  ASSERT_FALSE(token.empty()) << form.body;
  const HttpReply created = http_post_form(
      install.proxy_url("/users"), {{"csrf_token", token}, {"name", "Ada Lovelace"}, {"email", "ada@example.com"}});
  EXPECT_EQ(created.status, 302) << created.error << created.body;
  EXPECT_THAT(http_get(install.proxy_url("/users")).body, HasSubstr("ada@example.com"));

  // A first deployment has no previous revision: ApplicationStop does not run at all.
  const std::string first_log = read_file(deployment_dir(first) + "/logs/scripts.log");
  EXPECT_THAT(first_log, Not(HasSubstr("LifecycleEvent - ApplicationStop")));
  EXPECT_THAT(event_section(first_log, "ApplicationStart"), HasSubstr("start_server (revision v1)"));

  const e2e::Outcome made_v2 = install.make_bundle("v2");
  ASSERT_EQ(made_v2.exit_code, 0) << made_v2.err;
  const e2e::Outcome second = install.deploy(install.bundle_dir("v2"));
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_EQ(health_revision(install, server_header), "ok v2");

  // ApplicationStop of the second deployment ran v1's script (v1's settings name v1), logged in
  // the second deployment's scripts.log; the later events ran v2's.
  const std::string second_log = read_file(deployment_dir(second) + "/logs/scripts.log");
  const std::string stop = event_section(second_log, "ApplicationStop");
  EXPECT_THAT(stop, HasSubstr("Script - scripts/stop_server.sh"));
  EXPECT_THAT(stop, HasSubstr("stop_server (revision v1): stopping cdrun-sample-app"));
  EXPECT_THAT(stop, Not(HasSubstr("revision v2"))) << stop;
  EXPECT_THAT(event_section(second_log, "BeforeInstall"), HasSubstr("install_dependencies (revision v2)"));
  EXPECT_THAT(event_section(second_log, "ValidateService"), HasSubstr("basic_health_check (revision v2): healthy"));

  // The data directory survived the second Install.
  EXPECT_THAT(http_get(install.proxy_url("/users")).body, HasSubstr("ada@example.com"));
  // v1's app is gone: the only app process is v2's.
  std::vector<std::string> apps;
  for (pid_t pid : install.running_processes()) {
    const std::string command = command_line(pid);
    if (command.find("/app/bin/cdrun-sample-app ") != std::string::npos) apps.push_back(command);
  }
  ASSERT_EQ(apps.size(), 1u) << ::testing::PrintToString(apps);
  EXPECT_THAT(apps.front(), HasSubstr("--revision v2"));
}

INSTANTIATE_TEST_SUITE_P(Proxies, TwoRevisionsThroughProxy, ::testing::Values("nginx", "apache"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace cdrun::sample_app_e2e
