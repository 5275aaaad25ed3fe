// A child process owned by a test: started with its output in files, always reaped. The
// destructor sends SIGTERM, waits a bounded time, then SIGKILLs, so a failing test leaks nothing.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cdrun::sample_app_test {

class ChildProcess {
 public:
  // Runs `path` with `args` (no shell), stdin /dev/null, stdout and stderr appended to the files.
  ChildProcess(const std::string& path, const std::vector<std::string>& args, const std::string& stdout_path,
               const std::string& stderr_path);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool started() const { return pid_ > 0; }
  // True until the process has exited (reaping it when it has).
  bool running();
  // The exit code (128 + signal when killed) if the process ends within `timeout`.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);
  void send_signal(int signal_number) const;

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
};

// Polls `condition` every 20 ms until it holds or `timeout` passes; returns its last value.
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout);
std::string read_text_file(const std::string& path);

}  // namespace cdrun::sample_app_test
