// One running cdrun-sample-app for a test: its own data and log directories, a free port
// (the app binds port 0 and logs the port it got), stopped and reaped by the destructor.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tests/sample_app/child_process.h"

namespace cdrun::sample_app_test {

std::string sample_app_binary();

struct AppSettings {
  std::string instance = "app-a";
  std::string revision = "rev-1";
  std::string key_store = "local";  // or "redis"
  int redis_port = 0;
};

class SampleApp {
 public:
  // Starts the app with data in base_dir/<instance>/data and logs in base_dir/<instance>/logs and
  // waits (bounded) until its start line names the port.
  SampleApp(const std::string& base_dir, const AppSettings& settings);

  bool ready() const { return port_ > 0; }
  int port() const { return port_; }
  // What the app printed, for assertion messages when it did not become ready.
  std::string output() const;
  std::string log() const;
  const std::string& data_dir() const { return data_dir_; }
  const std::string& log_dir() const { return log_dir_; }
  ChildProcess& process() { return *process_; }

 private:
  std::string data_dir_;
  std::string log_dir_;
  std::string stdout_path_;
  std::string stderr_path_;
  std::unique_ptr<ChildProcess> process_;
  int port_ = 0;
};

}  // namespace cdrun::sample_app_test
