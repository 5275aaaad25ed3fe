#include "runner/scripts_log.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "runner/agent_log.h"

namespace cdrun {

ScriptsLog::~ScriptsLog() {
  if (file_) std::fclose(file_);
}

bool ScriptsLog::write(const std::string& entry, std::string* error) {
  if (!file_) {
    const size_t slash = path_.rfind('/');
    if (slash != std::string::npos) ::mkdir(path_.substr(0, slash).c_str(), 0755);
    file_ = std::fopen(path_.c_str(), "we");
    if (!file_) {
      *error = "cannot create " + path_ + ": " + std::strerror(errno);
      return false;
    }
  }
  const std::string stamp = local_time("%Y-%m-%d %H:%M:%S ");
  std::fwrite(stamp.data(), 1, stamp.size(), file_);
  std::fwrite(entry.data(), 1, entry.size(), file_);
  std::fflush(file_);
  return true;
}

}  // namespace cdrun
