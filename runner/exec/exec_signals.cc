#include "runner/exec/exec_signals.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace cdrun {
namespace {

volatile sig_atomic_t g_termination = 0;
int g_wake_read = -1;
int g_wake_write = -1;

constexpr int kTerminating[] = {SIGTERM, SIGINT, SIGHUP};

extern "C" void on_signal(int sig) {
  const int saved = errno;
  if (sig != SIGCHLD && g_termination == 0) g_termination = sig;
  const char byte = 0;
  // A full pipe already means "wake up"; losing this byte is fine.
  ssize_t ignored = ::write(g_wake_write, &byte, 1);
  (void)ignored;
  errno = saved;
}

bool set_handler(int sig, void (*handler)(int)) {
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  // SA_RESTART for the reads and writes outside poll(); poll() itself returns EINTR regardless.
  action.sa_flags = handler == SIG_IGN || handler == SIG_DFL ? 0 : SA_RESTART;
  return ::sigaction(sig, &action, nullptr) == 0;
}

}  // namespace

bool install_exec_signals(std::string* error) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
    *error = std::string("cannot create the signal pipe: ") + std::strerror(errno);
    return false;
  }
  g_wake_read = fds[0];
  g_wake_write = fds[1];
  set_handler(SIGPIPE, SIG_IGN);
  set_handler(SIGCHLD, on_signal);
  for (int sig : kTerminating) set_handler(sig, on_signal);
  return true;
}

int exec_wake_fd() { return g_wake_read; }

void drain_exec_wake() {
  if (g_wake_read < 0) return;
  char buffer[64];
  while (::read(g_wake_read, buffer, sizeof buffer) > 0) {
  }
}

int exec_termination_signal() { return g_termination; }

void reset_exec_signals() {
  set_handler(SIGCHLD, SIG_DFL);
  for (int sig : kTerminating) set_handler(sig, SIG_DFL);
  if (g_wake_read >= 0) ::close(g_wake_read);
  if (g_wake_write >= 0) ::close(g_wake_write);
  g_wake_read = g_wake_write = -1;
}

}  // namespace cdrun
