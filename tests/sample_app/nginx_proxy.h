// A private nginx in front of app instances: prefix directory, round-robin `upstream`, config
// checked with `nginx -t`, run in the foreground as a child and stopped by the destructor.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tests/sample_app/child_process.h"

namespace cdrun::sample_app_test {

std::string nginx_binary();
// The nginx.conf for `listen_port`, proxying to 127.0.0.1:<each backend port>.
std::string nginx_config(int listen_port, const std::vector<int>& backend_ports);

class NginxProxy {
 public:
  NginxProxy(const std::string& prefix, const std::vector<int>& backend_ports);
  bool ready() const { return port_ > 0; }
  int port() const { return port_; }
  // The output of `nginx -t` and nginx's error log, for assertion messages.
  const std::string& config_test_output() const { return config_test_output_; }
  bool config_test_passed() const { return config_test_passed_; }
  std::string error_log() const;

 private:
  std::string prefix_;
  std::unique_ptr<ChildProcess> process_;
  std::string config_test_output_;
  bool config_test_passed_ = false;
  int port_ = 0;
};

}  // namespace cdrun::sample_app_test
