#include "tests/sample_app/sample_app_process.h"

#include <cstdlib>
#include <filesystem>

namespace cdrun::sample_app_test {
namespace {

// The port from this process's start line ("... port=N ... pid=P ..."), 0 while there is none.
int port_from_start_line(const std::string& log, int pid) {
  const std::string pid_field = " pid=" + std::to_string(pid) + " ";
  size_t line_start = 0;
  while (line_start < log.size()) {
    size_t line_end = log.find('\n', line_start);
    if (line_end == std::string::npos) break;  // a line still being written
    const std::string line = log.substr(line_start, line_end - line_start);
    const size_t port_at = line.find(" port=");
    if (line.find(" start ") != std::string::npos && line.find(pid_field) != std::string::npos &&
        port_at != std::string::npos) {
      return std::atoi(line.c_str() + port_at + 6);
    }
    line_start = line_end + 1;
  }
  return 0;
}

}  // namespace

std::string sample_app_binary() { return CDRUN_BUILD_DIR "/sample-app/cdrun-sample-app"; }

SampleApp::SampleApp(const std::string& base_dir, const AppSettings& settings) {
  const std::filesystem::path home = std::filesystem::path(base_dir) / settings.instance;
  std::filesystem::create_directories(home);
  data_dir_ = (home / "data").string();
  log_dir_ = (home / "logs").string();
  stdout_path_ = (home / "stdout").string();
  stderr_path_ = (home / "stderr").string();
  std::vector<std::string> args = {"--port",     "0",           "--data-dir",  data_dir_,         "--log-dir",
                                   log_dir_,     "--instance",  settings.instance, "--revision", settings.revision,
                                   "--key-store", settings.key_store};
  if (settings.redis_port > 0) {
    args.push_back("--redis");
    args.push_back("127.0.0.1:" + std::to_string(settings.redis_port));
  }
  process_ = std::make_unique<ChildProcess>(sample_app_binary(), args, stdout_path_, stderr_path_);
  wait_until(
      [this] {
        port_ = port_from_start_line(log(), process_->pid());
        return port_ > 0 || !process_->running();
      },
      std::chrono::seconds(20));
}

std::string SampleApp::output() const {
  return "stdout: " + read_text_file(stdout_path_) + "\nstderr: " + read_text_file(stderr_path_);
}

std::string SampleApp::log() const { return read_text_file(log_dir_ + "/app.log"); }

}  // namespace cdrun::sample_app_test
