#include "runner/process/posix_child_os.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

namespace cdrun {

WatchClock::time_point PosixChildOs::now() { return WatchClock::now(); }

void PosixChildOs::wait(std::chrono::milliseconds timeout, int wake_fd) { pipes_.poll_once(timeout, wake_fd); }

bool PosixChildOs::reap(pid_t pid, int& status) {
  pid_t got;
  do {
    got = ::waitpid(pid, &status, WNOHANG);
  } while (got < 0 && errno == EINTR);
  // ECHILD: nobody else reaps our children, but waiting for a status that cannot come would hang.
  return got == pid || (got < 0 && errno == ECHILD);
}

std::vector<ProcessInfo> PosixChildOs::scan_family() { return family_.scan(); }

std::optional<ProcessInfo> PosixChildOs::living(pid_t pid) {
  ProcessInfo info;
  if (pid == ::getpid() || !read_process_info(pid, info) || info.zombie()) return std::nullopt;
  return info;
}

void PosixChildOs::send(pid_t target, int signal) { ::kill(target, signal); }

void PosixChildOs::reap_later(pid_t pid) { family_.reap_later(pid); }

}  // namespace cdrun
