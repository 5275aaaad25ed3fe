// The reverse-proxy configs that configure_server.sh renders (AfterInstall), checked by the real
// nginx -t and apache2 -t from the private prefix, on a deployment that stops after AfterInstall
// so that nothing is started.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "deploy_support.h"

namespace cdrun::sample_app_e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

class ProxyConfig : public ::testing::TestWithParam<std::string> {};

// The proxy's own syntax check of conf/<name> under the install's proxy directory.
e2e::Outcome check_config(const std::string& proxy, const std::string& proxy_dir, const std::string& name) {
  if (proxy == "nginx") {
    return e2e::run_program(find_program("nginx"), {"-t", "-p", proxy_dir, "-c", "conf/" + name, "-e", "logs/error.log"});
  }
  return e2e::run_program(find_program("apache2"), {"-t", "-d", proxy_dir, "-f", "conf/" + name});
}

TEST_P(ProxyConfig, RenderedConfigPassesTheProxysOwnCheck) {
  const std::string proxy = GetParam();
  if (const std::string missing = missing_prerequisite(proxy); !missing.empty()) GTEST_SKIP() << missing;
  SampleInstall install(proxy);
  ASSERT_EQ(install.make_bundle("v1").exit_code, 0);
  const e2e::Outcome deploy =
      install.deploy(install.bundle_dir("v1"), {"-e", "DownloadBundle,BeforeInstall,Install,AfterInstall"});
  ASSERT_EQ(deploy.exit_code, 0) << deploy.out << deploy.err;
  EXPECT_THAT(install.running_processes(), IsEmpty()) << "nothing should run before ApplicationStart";

  const std::string proxy_dir = install.prefix() + "/proxy";
  const std::string name = proxy == "nginx" ? "nginx.conf" : "httpd.conf";
  const std::string rendered = read_file(proxy_dir + "/conf/" + name);
  EXPECT_THAT(rendered, HasSubstr("127.0.0.1:" + std::to_string(install.proxy_port())));
  EXPECT_THAT(rendered, HasSubstr("http://127.0.0.1:" + std::to_string(install.app_port())));
  EXPECT_EQ(rendered.find('@'), std::string::npos) << "a placeholder was left:\n" << rendered;

  const e2e::Outcome check = check_config(proxy, proxy_dir, name);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_THAT(check.out + check.err, HasSubstr(proxy == "nginx" ? "test is successful" : "Syntax OK"));
  // configure_server.sh ran the same check and logged the verdict.
  EXPECT_THAT(read_file(deployment_dir(deploy) + "/logs/scripts.log"),
              HasSubstr(proxy == "nginx" ? "test is successful" : "apache -t: Syntax OK"));

  // The check can fail: the same file with a directive neither server knows.
  std::ofstream(proxy_dir + "/conf/broken.conf") << rendered << "\nno_such_directive on;\n";
  const e2e::Outcome broken = check_config(proxy, proxy_dir, "broken.conf");
  EXPECT_NE(broken.exit_code, 0) << broken.out << broken.err;
}

INSTANTIATE_TEST_SUITE_P(Proxies, ProxyConfig, ::testing::Values("nginx", "apache"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace cdrun::sample_app_e2e
