#include "runner/exec/exec_pump.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "runner/exec/exec_output.h"
#include "runner/exec/exec_signals.h"
#include "runner/process/process_pipes.h"

namespace cdrun {
namespace {

constexpr std::chrono::milliseconds kIdlePoll{60 * 60 * 1000};

// Closes every descriptor above stderr except `keep`, so that the pump holds nothing of ours.
void close_all_except(const std::vector<int>& keep) {
  std::vector<int> open;
  if (DIR* dir = ::opendir("/proc/self/fd")) {
    while (const dirent* entry = ::readdir(dir)) {
      if (entry->d_name[0] >= '0' && entry->d_name[0] <= '9') open.push_back(std::atoi(entry->d_name));
    }
    ::closedir(dir);  // its own descriptor is in `open` but gone now; closing it again is harmless
  }
  for (int fd : open) {
    if (fd > 2 && std::find(keep.begin(), keep.end(), fd) == keep.end()) ::close(fd);
  }
}

[[noreturn]] void run_pump(UniqueFd stdout_read, UniqueFd stderr_read, ExecLog* log) {
  reset_exec_signals();
  ::setsid();
  const int devnull = ::open("/dev/null", O_RDWR);
  if (devnull >= 0) {
    ::dup2(devnull, 0);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    if (devnull > 2) ::close(devnull);
  }
  std::vector<int> keep{stdout_read.get(), stderr_read.get()};
  if (log && log->is_open()) keep.push_back(log->fd());
  close_all_except(keep);
  // Do not keep a deployment directory busy (or unmountable) for as long as the daemon lives.
  if (::chdir("/") != 0) {
  }
  {
    ExecOutput output(log, false);
    OutputPipes pipes(std::move(stdout_read), std::move(stderr_read), output);
    while (pipes.any_open()) pipes.poll_once(kIdlePoll, -1);
  }
  ::_exit(0);
}

}  // namespace

std::string start_log_pump(UniqueFd stdout_read, UniqueFd stderr_read, ExecLog* log) {
  const pid_t pid = ::fork();
  if (pid < 0) return std::string("cannot fork the log pump: ") + std::strerror(errno);
  if (pid == 0) run_pump(std::move(stdout_read), std::move(stderr_read), log);
  return "";
}

}  // namespace cdrun
