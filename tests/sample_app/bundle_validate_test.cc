// The sample bundle as make-bundle.sh writes it: `cdrun validate --strict` accepts it without a
// warning (the bundle staged by the build, and bundles for the other proxies and key stores), its
// layout is what the appspec promises, and make-bundle.sh refuses bad values before writing.
#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "deploy_support.h"

namespace cdrun::sample_app_e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

void expect_strictly_valid(const std::string& bundle) {
  const e2e::Outcome json = e2e::run_cdrun({"validate", "--strict", "--format", "json", bundle});
  EXPECT_EQ(json.exit_code, 0) << json.out << json.err;
  const auto report = nlohmann::json::parse(json.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << json.out;
  EXPECT_EQ(report["summary"]["errors"], 0) << json.out;
  EXPECT_EQ(report["summary"]["warnings"], 0) << json.out;
  EXPECT_EQ(report["agent"]["accepts"], true) << json.out;
  const e2e::Outcome text = e2e::run_cdrun({"validate", "--strict", bundle});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_THAT(text.out, HasSubstr(bundle + ": valid (0 errors, 0 warnings,"));
  EXPECT_THAT(text.out + text.err, Not(HasSubstr(": warning:"))) << text.out;
}

TEST(SampleBundle, BundleStagedByTheBuildIsStrictlyValid) {
  struct stat info {};
  ASSERT_EQ(stat((staged_bundle_dir() + "/appspec.yml").c_str(), &info), 0)
      << "the sample-app-bundle target did not stage " << staged_bundle_dir();
  expect_strictly_valid(staged_bundle_dir());
  // make-bundle.sh's defaults: the production prefix, nginx on port 80 in front of port 5000.
  EXPECT_THAT(read_file(staged_bundle_dir() + "/appspec.yml"), HasSubstr("destination: /opt/cdrun-sample/app\n"));
  const std::string settings = read_file(staged_bundle_dir() + "/config/sample-app.env");
  for (const char* line : {"PREFIX=/opt/cdrun-sample\n", "PROXY=nginx\n", "PROXY_PORT=80\n", "APP_PORT=5000\n"}) {
    EXPECT_THAT(settings, HasSubstr(line));
  }
}

TEST(SampleBundle, BundlesForEveryProxyAndKeyStoreAreStrictlyValidAndCarryTheirSettings) {
  SampleInstall install("nginx");
  for (const auto& [revision, extra] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"nginx-local", {}},
           {"apache-redis", {"--proxy", "apache", "--key-store", "redis", "--redis", "cache.internal:6380"}},
           {"direct", {"--proxy", "none", "--service-user", ""}}}) {
    const e2e::Outcome made = install.make_bundle(revision, extra);
    ASSERT_EQ(made.exit_code, 0) << revision << ": " << made.err;
    const std::string bundle = install.bundle_dir(revision);
    expect_strictly_valid(bundle);
    EXPECT_THAT(read_file(bundle + "/appspec.yml"), HasSubstr("destination: " + install.prefix() + "/app\n"));
    EXPECT_EQ(read_file(bundle + "/app/bin/cdrun-sample-app"), read_file(built_app_binary())) << revision;
    EXPECT_THAT(read_file(bundle + "/config/sample-app.env"), HasSubstr("REVISION=" + revision + "\n"));
  }
  const std::string apache = read_file(install.bundle_dir("apache-redis") + "/config/sample-app.env");
  EXPECT_THAT(apache, HasSubstr("PROXY=apache\n"));
  EXPECT_THAT(apache, HasSubstr("REDIS=cache.internal:6380\n"));
  EXPECT_THAT(read_file(install.bundle_dir("direct") + "/config/sample-app.env"), HasSubstr("SERVICE_USER=\n"));
}

TEST(SampleBundle, MakeBundleRefusesBadValuesBeforeWritingAnything) {
  SampleInstall install("nginx");
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"--proxy", "caddy"}, "--proxy must be nginx, apache or none"},
      {{"--port", "70000"}, "--port must be a port number"},
      {{"--proxy-port", "http"}, "--proxy-port must be a port number"},
      {{"--prefix", "relative/dir"}, "--prefix must be an absolute path"},
      {{"--prefix", "/opt/../etc"}, "--prefix must be an absolute path"},
      {{"--revision", "v 1"}, "--revision must be"},
      {{"--key-store", "memcached"}, "--key-store must be local or redis"},
      {{"--redis", "nohost"}, "--redis must be HOST:PORT"},
      {{"--listen", "localhost"}, "--listen must be an IPv4 address"},
      {{"--health-path", "health"}, "--health-path must start with /"},
      {{"--health-attempts", "0"}, "--health-attempts must be"},
      {{"--app-binary", "/nonexistent/cdrun-sample-app"}, "is not an executable file"},
      {{"--frobnicate", "1"}, "unknown argument '--frobnicate'"}};
  for (const auto& [extra, message] : cases) {
    const e2e::Outcome made = install.make_bundle("refused", extra);
    EXPECT_EQ(made.exit_code, 2) << ::testing::PrintToString(extra);
    EXPECT_THAT(made.err, HasSubstr(message)) << ::testing::PrintToString(extra);
    struct stat info {};
    EXPECT_NE(stat(install.bundle_dir("refused").c_str(), &info), 0) << "written despite " << message;
  }
  // Equal app and proxy ports cannot both listen.
  const e2e::Outcome same = install.make_bundle("refused", {"--port", std::to_string(install.proxy_port())});
  EXPECT_EQ(same.exit_code, 2);
  EXPECT_THAT(same.err, HasSubstr("the app and the proxy need different ports"));
  // A directory that holds something other than an earlier bundle is never replaced.
  e2e::TempDir mine;
  mine.write("notes.txt", "keep me");
  const e2e::Outcome over = e2e::run_program(
      "/bin/bash", {make_bundle_script(), "--app-binary", built_app_binary(), "--out", mine.path()});
  EXPECT_EQ(over.exit_code, 2);
  EXPECT_THAT(over.err, HasSubstr("refusing to replace it"));
  EXPECT_EQ(read_file(mine.path() + "/notes.txt"), "keep me");
}

}  // namespace
}  // namespace cdrun::sample_app_e2e
