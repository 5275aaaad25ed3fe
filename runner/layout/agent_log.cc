#include "runner/fs/filesystem.h"
#include "runner/layout/agent_log.h"

#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "runner/layout/deployment_layout.h"

namespace cdrun {

std::string local_time(const char* format) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, format, &tm);
  return buffer;
}

std::string local_time_millis() {
  timeval tv{};
  gettimeofday(&tv, nullptr);
  std::tm tm{};
  localtime_r(&tv.tv_sec, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &tm);
  char out[80];
  std::snprintf(out, sizeof out, "%s.%03d", buffer, static_cast<int>(tv.tv_usec / 1000));
  return out;
}


AgentLog::~AgentLog() {
  if (file_) std::fclose(file_);
}

bool AgentLog::open(const std::string& log_dir, const std::string& program_name, std::string* error) {
  program_name_ = program_name;
  if (std::string mkdir_error; !download::make_directories(log_dir, &mkdir_error)) {
    *error = mkdir_error;
    return false;
  }
  const std::string path = join_path(log_dir, "codedeploy-local.log");
  file_ = std::fopen(path.c_str(), "ae");
  if (!file_) {
    *error = "cannot open " + path + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

void AgentLog::write(const char* level, const std::string& source, const std::string& message) {
  if (!file_) return;
  // '%d %-5l [%c(%p)]: %m': the level padded to five characters.
  std::fprintf(file_, "%s %-5s [%s(%d)]: %s: %s\n", local_time("%Y-%m-%dT%H:%M:%S").c_str(), level,
               program_name_.c_str(), static_cast<int>(::getpid()), source.c_str(), message.c_str());
  std::fflush(file_);
}

namespace {

long long now_ms() {
  timeval tv{};
  gettimeofday(&tv, nullptr);
  return static_cast<long long>(tv.tv_sec) * 1000 + tv.tv_usec / 1000;
}

}  // namespace

bool BufferedLogFile::open(const std::string& path, const char* mode) {
  file_ = std::fopen(path.c_str(), mode);
  if (file_) std::setvbuf(file_, nullptr, _IOFBF, 1 << 16);
  return file_ != nullptr;
}

void BufferedLogFile::maybe_flush() {
  const long long now = now_ms();
  if (now - last_flush_ms_ >= 100) {
    std::fflush(file_);
    last_flush_ms_ = now;
  }
}

void BufferedLogFile::close() {
  if (file_) std::fclose(file_);
  file_ = nullptr;
}

bool DeploymentsLog::open(const std::string& path, std::string* error) {
  (void)error;
  path_ = path;  // created on the first entry, as Ruby's Logger creates it on first use
  return true;
}

bool DeploymentsLog::ensure_open() {
  if (log_.is_open()) return true;
  if (path_.empty()) return false;
  const size_t slash = path_.rfind('/');
  std::string mkdir_error;
  if (slash != std::string::npos && !download::make_directories(path_.substr(0, slash), &mkdir_error)) return false;
  struct stat st {};
  const bool fresh = ::stat(path_.c_str(), &st) != 0 || st.st_size == 0;
  if (!log_.open(path_, "ae")) return false;
  // Ruby's Logger starts a new file with this header.
  if (fresh) std::fprintf(log_.file(), "# Logfile created on %s by logger.rb/v1.5.0\n", local_time("%Y-%m-%d %H:%M:%S %z").c_str());
  return true;
}

void DeploymentsLog::write(const std::string& deployment_id, const std::string& entry) {
  if (!ensure_open()) return;
  // The entry is stripped of leading and trailing whitespace, as the agent's logger call does.
  size_t begin = 0, end = entry.size();
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '\0'; };
  while (begin < end && blank(entry[begin])) ++begin;
  while (end > begin && blank(entry[end - 1])) --end;
  timeval tv{};
  gettimeofday(&tv, nullptr);
  char millis[8];
  std::snprintf(millis, sizeof millis, ".%03d] [", static_cast<int>(tv.tv_usec / 1000));
  const std::string& stamp = log_.seconds_stamp();
  std::FILE* f = log_.file();
  std::fputc('[', f);
  log_.write(stamp.data(), stamp.size());
  std::fputs(millis, f);
  log_.write(deployment_id.data(), deployment_id.size());
  std::fputc(']', f);
  log_.write(entry.data() + begin, end - begin);
  std::fputc('\n', f);
  log_.maybe_flush();
}

}  // namespace cdrun
