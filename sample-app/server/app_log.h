// LOG_DIR/app.log: appended, one line per event, shared by all request threads.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "expected.h"

namespace cdrun::sample_app {

class AppLog {
 public:
  // Creates the directory if needed and opens DIR/app.log for appending.
  static Expected<std::shared_ptr<AppLog>> open(const std::string& log_dir);
  ~AppLog();
  AppLog(const AppLog&) = delete;
  AppLog& operator=(const AppLog&) = delete;

  // Writes "<UTC time> <text>\n" and flushes, so a crash loses nothing already logged.
  void write(const std::string& text);
  void request(const std::string& method, const std::string& path, int status, double milliseconds);
  const std::string& path() const { return path_; }

 private:
  AppLog(std::FILE* file, std::string path) : file_(file), path_(std::move(path)) {}
  std::mutex mutex_;
  std::FILE* file_;
  std::string path_;
};

}  // namespace cdrun::sample_app
