#include "app_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>

namespace cdrun::sample_app {
namespace {

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char buffer[40];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &parts);
  char with_millis[48];
  std::snprintf(with_millis, sizeof with_millis, "%s.%03dZ", buffer, static_cast<int>(millis));
  return with_millis;
}

// Request paths come from clients: keep one request on one line.
std::string printable(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == ' ') {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "%%%02X", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

Expected<std::shared_ptr<AppLog>> AppLog::open(const std::string& log_dir) {
  std::error_code ec;
  std::filesystem::create_directories(log_dir, ec);
  if (ec) return Error{"cannot create log directory " + log_dir + ": " + ec.message()};
  const std::string path = (std::filesystem::path(log_dir) / "app.log").string();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return Error{"cannot open log file " + path + ": " + std::strerror(errno)};
  std::FILE* file = fdopen(fd, "a");
  if (!file) {
    ::close(fd);
    return Error{"cannot open log file " + path + ": " + std::strerror(errno)};
  }
  return std::shared_ptr<AppLog>(new AppLog(file, path));
}

AppLog::~AppLog() { std::fclose(file_); }

void AppLog::write(const std::string& text) {
  const std::string line = utc_now() + " " + text + "\n";
  std::lock_guard<std::mutex> lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

void AppLog::request(const std::string& method, const std::string& path, int status, double milliseconds) {
  char timing[32];
  std::snprintf(timing, sizeof timing, "%.2fms", milliseconds);
  write(printable(method) + " " + printable(path) + " " + std::to_string(status) + " " + timing);
}

}  // namespace cdrun::sample_app
