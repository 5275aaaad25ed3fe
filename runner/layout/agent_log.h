// The two logs the agent writes besides scripts.log: codedeploy-local.log in log_dir
// ("%d %-5l [codedeploy-agent(pid)]: Class: message") and the deployments log under the root
// (a Ruby Logger file: "[%Y-%m-%d %H:%M:%S.%L] [<deployment id>]<entry stripped>").
#pragma once

#include <cstdio>
#include <string>

#include "runner/fs/second_stamp.h"

namespace cdrun {

// A log file that may receive millions of lines (a hook's output): the timestamp text is formatted
// once per second and the buffer is flushed at most every 100 ms (and on close), not per line.
class BufferedLogFile {
 public:
  BufferedLogFile() = default;
  ~BufferedLogFile() { close(); }
  BufferedLogFile(const BufferedLogFile&) = delete;
  BufferedLogFile& operator=(const BufferedLogFile&) = delete;
  bool open(const std::string& path, const char* mode);
  bool is_open() const { return file_ != nullptr; }
  std::FILE* file() { return file_; }
  // "YYYY-MM-DD HH:MM:SS" of now, cached for the current second.
  const std::string& seconds_stamp() { return stamp_.now(); }
  void write(const char* data, size_t size) { std::fwrite(data, 1, size, file_); }
  void maybe_flush();
  void close();

 private:
  std::FILE* file_ = nullptr;
  SecondStamp stamp_;
  long long last_flush_ms_ = 0;
};


// codedeploy-local.log. Writes nothing when it cannot open the file (the agent would not start;
// cdrun reports that separately).
class AgentLog {
 public:
  AgentLog() = default;
  ~AgentLog();
  AgentLog(const AgentLog&) = delete;
  AgentLog& operator=(const AgentLog&) = delete;
  bool open(const std::string& log_dir, const std::string& program_name, std::string* error);
  void info(const std::string& source, const std::string& message) { write("INFO", source, message); }
  void warn(const std::string& source, const std::string& message) { write("WARN", source, message); }
  void error(const std::string& source, const std::string& message) { write("ERROR", source, message); }

 private:
  void write(const char* level, const std::string& source, const std::string& message);
  std::FILE* file_ = nullptr;
  std::string program_name_;
};

// <root>/deployment-logs/<program>-deployments.log, shared by every deployment under the root.
class DeploymentsLog {
 public:
  DeploymentsLog() = default;
  ~DeploymentsLog() = default;
  DeploymentsLog(const DeploymentsLog&) = delete;
  DeploymentsLog& operator=(const DeploymentsLog&) = delete;
  bool open(const std::string& path, std::string* error);
  void write(const std::string& deployment_id, const std::string& entry);

 private:
  bool ensure_open();
  std::string path_;
  BufferedLogFile log_;
};

// Agent class names used as log sources.
constexpr const char* kCommandExecutor = "InstanceAgent::Plugins::CodeDeployPlugin::CommandExecutor";
constexpr const char* kHookExecutor = "InstanceAgent::Plugins::CodeDeployPlugin::HookExecutor";
constexpr const char* kInstaller = "InstanceAgent::Plugins::CodeDeployPlugin::Installer";

// Local time as the agent formats it.
std::string local_time(const char* format);               // strftime of now
std::string local_time_millis();                         // "YYYY-MM-DD HH:MM:SS.mmm"


}  // namespace cdrun
