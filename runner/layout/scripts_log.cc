#include "runner/layout/scripts_log.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "runner/layout/agent_log.h"

namespace cdrun {

bool ScriptsLog::write(const std::string& entry, std::string* error) {
  if (!log_.is_open()) {
    const size_t slash = path_.rfind('/');
    if (slash != std::string::npos) ::mkdir(path_.substr(0, slash).c_str(), 0755);
    if (!log_.open(path_, "we")) {
      *error = "cannot create " + path_ + ": " + std::strerror(errno);
      return false;
    }
  }
  const std::string& stamp = log_.seconds_stamp();
  log_.write(stamp.data(), stamp.size());
  log_.write(" ", 1);
  log_.write(entry.data(), entry.size());
  log_.maybe_flush();
  return true;
}

}  // namespace cdrun
