#include "deploy_support.h"

#include "http_client.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace cdrun::sample_app_e2e {

std::string built_app_binary() { return std::string(CDRUN_BUILD_DIR) + "/sample-app/cdrun-sample-app"; }
std::string staged_bundle_dir() { return std::string(CDRUN_BUILD_DIR) + "/sample-app/bundle"; }
std::string make_bundle_script() { return std::string(CDRUN_SOURCE_DIR) + "/sample-app/make-bundle.sh"; }

std::string find_program(const std::string& name) {
  std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
  path += ":/usr/sbin:/sbin";
  std::istringstream dirs(path);
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    const std::string candidate = dir + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

std::string missing_prerequisite(const std::string& proxy) {
  if (find_program("curl").empty()) return "curl is not installed (apt-get install curl)";
  if (proxy == "nginx" && find_program("nginx").empty()) return "nginx is not installed (apt-get install nginx)";
  if (proxy == "apache" && find_program("apache2").empty()) return "apache2 is not installed (apt-get install apache2)";
  return "";
}

int free_loopback_port() {
  const int port = sample_app_test::free_loopback_port();
  if (port < 0) throw std::runtime_error("cannot bind a loopback port");
  return port;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool file_eventually_contains(const std::string& path, const std::string& text) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    if (read_file(path).find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

std::string event_section(const std::string& scripts_log, const std::string& event) {
  const std::string marker = "LifecycleEvent - " + event + "\n";
  const size_t start = scripts_log.find(marker);
  if (start == std::string::npos) return "";
  const size_t next = scripts_log.find("LifecycleEvent - ", start + marker.size());
  return scripts_log.substr(start, next == std::string::npos ? std::string::npos : next - start);
}

std::string deployment_dir(const e2e::Outcome& deploy) {
  const std::string marker = "Starting to execute deployment from within folder ";
  const size_t start = deploy.out.find(marker);
  if (start == std::string::npos) return "";
  const size_t value = start + marker.size();
  return deploy.out.substr(value, deploy.out.find('\n', value) - value);
}

SampleInstall::SampleInstall(std::string proxy)
    : proxy_(std::move(proxy)),
      prefix_(temp_.path() + "/prefix"),
      root_(temp_.path() + "/deployment-root"),
      agent_log_(temp_.path() + "/agent-log/codedeploy-local.log"),
      app_port_(free_loopback_port()),
      proxy_port_(free_loopback_port()) {
  // Run as root, the app runs as the service user, which must be able to reach its data and logs
  // under the (otherwise 0700) temporary directory.
  chmod(temp_.path().c_str(), 0755);
  while (proxy_port_ == app_port_) proxy_port_ = free_loopback_port();
  // As root cdrun would log to /var/log/aws/codedeploy-agent: keep the agent's log here too.
  agent_config_ = temp_.write("codedeployagent.yml", ":root_dir: " + root_ + "\n:log_dir: " + temp_.path() +
                                                         "/agent-log\n:max_revisions: 5\n");
}

SampleInstall::~SampleInstall() {
  const std::vector<pid_t> left = stop_everything();
  EXPECT_TRUE(left.empty()) << left.size() << " process(es) of the install at " << prefix_
                            << " survived SIGKILL, e.g. pid " << (left.empty() ? 0 : left.front());
}

std::string SampleInstall::proxy_url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(proxy_ == "none" ? app_port_ : proxy_port_) + path;
}

std::string SampleInstall::bundle_dir(const std::string& revision) const {
  return temp_.path() + "/bundles/" + revision;
}

e2e::Outcome SampleInstall::make_bundle(const std::string& revision, const std::vector<std::string>& extra) const {
  std::vector<std::string> args{make_bundle_script(),
                                "--app-binary", built_app_binary(),
                                "--out", bundle_dir(revision),
                                "--prefix", prefix_,
                                "--port", std::to_string(app_port_),
                                "--proxy", proxy_,
                                "--proxy-port", std::to_string(proxy_port_),
                                "--listen", "127.0.0.1",
                                "--revision", revision,
                                "--health-attempts", "3",
                                "--health-delay", "0.2",
                                "--health-timeout", "2",
                                "--agent-log", agent_log_};
  args.insert(args.end(), extra.begin(), extra.end());
  return e2e::run_program("/bin/bash", args);
}

e2e::Outcome SampleInstall::deploy(const std::string& bundle, const std::vector<std::string>& extra) const {
  std::vector<std::string> args{"deploy", "-l", bundle, "-a", "cdrun-sample-app", "-g", "sample-app-group",
                                "-d", "SampleFleet", "-c", agent_config_, "--root-dir", root_};
  args.insert(args.end(), extra.begin(), extra.end());
  return e2e::run_cdrun(args);
}

}  // namespace cdrun::sample_app_e2e
