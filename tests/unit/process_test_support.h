// Real processes for the process-runner tests: a temporary directory that removes itself, shell
// scripts written into it, an observer that records what it was told, and /proc look-ups.
#pragma once

#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "runner/process/process_runner.h"

namespace cdrun::process_test {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cdrun-process-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data()) ? pattern : std::string();
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

  // Writes `text` verbatim with the given mode and returns the absolute path.
  std::string write(const std::string& name, const std::string& text, mode_t mode = 0755) const {
    const std::string path = file(name);
    std::ofstream(path, std::ios::binary) << text;
    ::chmod(path.c_str(), mode);
    return path;
  }

 private:
  std::string path_;
};

struct Output {
  bool is_stderr;
  std::string line;
  bool operator==(const Output& other) const { return is_stderr == other.is_stderr && line == other.line; }
};

class RecordingObserver : public ProcessObserver {
 public:
  void on_output(bool is_stderr, const std::string& line) override { outputs.push_back({is_stderr, line}); }
  void on_lingering(const std::vector<PipeHolder>& holders) override { lingering.push_back(holders); }

  std::string text(bool is_stderr) const {
    std::string all;
    for (const Output& o : outputs) {
      if (o.is_stderr == is_stderr) all += o.line;
    }
    return all;
  }

  std::vector<Output> outputs;
  std::vector<std::vector<PipeHolder>> lingering;
};

inline std::vector<std::string> basic_env() { return {"PATH=/usr/bin:/bin", "LC_ALL=C"}; }

inline ProcessSpec script_spec(const std::string& path) {
  ProcessSpec spec;
  spec.argv = {path};
  spec.env = basic_env();
  return spec;
}

inline RunLimits limits(long long timeout_seconds, std::chrono::milliseconds grace) {
  RunLimits l;
  l.timeout_seconds = timeout_seconds;
  l.kill_grace = grace;
  return l;
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A pid a script wrote with `echo $! > file`; 0 if it never appeared within two seconds.
inline pid_t read_pid_file(const std::string& path) {
  for (int i = 0; i < 200; ++i) {
    const std::string text = read_text(path);
    if (!text.empty() && text.back() == '\n') return static_cast<pid_t>(std::atol(text.c_str()));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return 0;
}

// The state letter of /proc/<pid>/stat ('Z' = zombie), or '\0' when there is no such process.
inline char process_state(pid_t pid) {
  const std::string stat = read_text("/proc/" + std::to_string(pid) + "/stat");
  const std::size_t close = stat.rfind(')');
  return close == std::string::npos || close + 2 >= stat.size() ? '\0' : stat[close + 2];
}

inline bool running(pid_t pid) {
  const char state = process_state(pid);
  return state != '\0' && state != 'Z';
}

// Whether the pid disappears entirely (not even a zombie) within `patience`.
inline bool vanishes(pid_t pid, std::chrono::milliseconds patience = std::chrono::milliseconds(1000)) {
  const auto end = std::chrono::steady_clock::now() + patience;
  while (process_state(pid) != '\0') {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

// Ends a process a test left running on purpose; it was adopted by us, so we reap it too.
inline void kill_and_reap(pid_t pid) {
  if (pid <= 0) return;
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
}

}  // namespace cdrun::process_test
