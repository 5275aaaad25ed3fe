// <deployment>/logs/scripts.log: "YYYY-MM-DD HH:MM:SS <entry>" in local time, entries written as
// produced (an output line without newline runs straight into the next entry, as with the agent).
#pragma once

#include <string>

#include "runner/layout/agent_log.h"

namespace cdrun {

class ScriptsLog {
 public:
  explicit ScriptsLog(std::string path) : path_(std::move(path)) {}
  ~ScriptsLog() = default;
  ScriptsLog(const ScriptsLog&) = delete;
  ScriptsLog& operator=(const ScriptsLog&) = delete;
  // Opened on first use (mkdir -p logs, truncate), as the agent opens it for the first hook
  // that has scripts. Returns false with `error` set when it cannot be created.
  bool write(const std::string& entry, std::string* error);
  const std::string& path() const { return path_; }
  bool created() const { return log_.is_open(); }

 private:
  std::string path_;
  BufferedLogFile log_;
};

}  // namespace cdrun
