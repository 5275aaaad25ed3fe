#include "runner/process/process_spawn.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace cdrun {
namespace {

// What the child reports through the close-on-exec pipe when it cannot exec.
struct ChildFailure {
  int stage;  // kStageChdir or kStageExec
  int error;
};
constexpr int kStageChdir = 1;
constexpr int kStageExec = 2;

std::string errno_text(int error, const std::string& what) {
  return std::string(std::strerror(error)) + " - " + what;
}

// Keeps descriptors 0-2 free for the child's dup2() calls, so none of ours is clobbered there.
int above_stdio(int fd) {
  if (fd < 0 || fd > 2) return fd;
  const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
  ::close(fd);
  return moved;
}

bool make_pipe(UniqueFd& read_end, UniqueFd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  read_end.reset(above_stdio(fds[0]));
  write_end.reset(above_stdio(fds[1]));
  return read_end.valid() && write_end.valid();
}

bool is_executable_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// execvp() would search the PATH of *this* process; the hook's own environment decides instead.
std::string resolve_program(const ProcessSpec& spec) {
  const std::string& name = spec.argv.front();
  if (name.find('/') != std::string::npos) return name;
  std::string search = "/bin:/usr/bin";
  for (const std::string& entry : spec.env) {
    if (entry.compare(0, 5, "PATH=") == 0) search = entry.substr(5);
  }
  std::size_t start = 0;
  while (start <= search.size()) {
    std::size_t end = search.find(':', start);
    if (end == std::string::npos) end = search.size();
    std::string dir = search.substr(start, end - start);
    if (dir.empty()) dir = ".";
    if (dir.front() != '/' && !spec.cwd.empty()) dir = spec.cwd + "/" + dir;
    const std::string candidate = dir + "/" + name;
    if (is_executable_file(candidate)) return candidate;
    start = end + 1;
  }
  return "";
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

void close_from(unsigned first, unsigned last, int fallback_limit) {
#ifdef SYS_close_range
  if (::syscall(SYS_close_range, first, last, 0) == 0) return;
#endif
  for (long fd = first; fd <= static_cast<long>(last) && fd < fallback_limit; ++fd) ::close(static_cast<int>(fd));
}

// Everything the child needs, prepared before fork() so the child only makes system calls.
struct ChildPlan {
  const char* program;
  char** argv;
  char** sh_argv;
  char** envp;
  const char* cwd;  // nullptr = inherit
  int devnull;
  int stdout_write;
  int stderr_write;
  int report_write;
  int fd_limit;
};

[[noreturn]] void run_child(const ChildPlan& plan) {
  ::setpgid(0, 0);
  // Ignored signals survive exec; the hook must start with the defaults and nothing blocked.
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig) {
    if (sig != SIGKILL && sig != SIGSTOP) ::sigaction(sig, &default_action, nullptr);
  }
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);

  ::dup2(plan.devnull, 0);
  ::dup2(plan.stdout_write, 1);
  ::dup2(plan.stderr_write, 2);
  const unsigned report = static_cast<unsigned>(plan.report_write);
  if (report > 3) close_from(3, report - 1, plan.fd_limit);
  close_from(report + 1, ~0U, plan.fd_limit);

  ChildFailure failure{kStageExec, 0};
  if (plan.cwd && ::chdir(plan.cwd) != 0) {
    failure = {kStageChdir, errno};
  } else {
    ::execve(plan.program, plan.argv, plan.envp);
    if (errno == ENOEXEC) ::execve("/bin/sh", plan.sh_argv, plan.envp);
    failure.error = errno;
  }
  ssize_t ignored = ::write(plan.report_write, &failure, sizeof failure);
  (void)ignored;
  ::_exit(127);
}

// Reads the child's exec report: nothing (EOF at exec) means it runs.
bool read_failure(int fd, ChildFailure& failure) {
  std::size_t got = 0;
  auto* bytes = reinterpret_cast<char*>(&failure);
  while (got < sizeof failure) {
    const ssize_t n = ::read(fd, bytes + got, sizeof failure - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  return got == sizeof failure;
}

void reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace

SpawnOutcome spawn_process(const ProcessSpec& spec) {
  SpawnOutcome outcome;
  if (spec.argv.empty() || spec.argv.front().empty()) {
    outcome.error = "no command to run";
    return outcome;
  }
  const std::string program = resolve_program(spec);
  if (program.empty()) {
    outcome.error = errno_text(ENOENT, spec.argv.front());
    return outcome;
  }

  std::vector<std::string> argv = spec.argv;
  std::vector<std::string> sh_argv{"sh", program};
  sh_argv.insert(sh_argv.end(), spec.argv.begin() + 1, spec.argv.end());
  std::vector<std::string> env = spec.env;
  std::vector<char*> argv_c = c_strings(argv);
  std::vector<char*> sh_argv_c = c_strings(sh_argv);
  std::vector<char*> env_c = c_strings(env);

  UniqueFd devnull(above_stdio(::open("/dev/null", O_RDONLY | O_CLOEXEC)));
  UniqueFd out_read, out_write, err_read, err_write, report_read, report_write;
  if (!devnull.valid() || !make_pipe(out_read, out_write) || !make_pipe(err_read, err_write) ||
      !make_pipe(report_read, report_write)) {
    outcome.error = errno_text(errno, "creating the pipes for " + spec.argv.front());
    return outcome;
  }
  struct rlimit files {};
  int fd_limit = 65536;
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY && files.rlim_cur < 65536) {
    fd_limit = static_cast<int>(files.rlim_cur);
  }
  const ChildPlan plan{program.c_str(), argv_c.data(), sh_argv_c.data(), env_c.data(),
                       spec.cwd.empty() ? nullptr : spec.cwd.c_str(), devnull.get(), out_write.get(),
                       err_write.get(), report_write.get(), fd_limit};

  const pid_t pid = ::fork();
  if (pid < 0) {
    outcome.error = errno_text(errno, "fork for " + spec.argv.front());
    return outcome;
  }
  if (pid == 0) run_child(plan);

  // Also set here, so the group exists before we might signal it, whichever side runs first.
  ::setpgid(pid, pid);
  report_write.reset();
  out_write.reset();
  err_write.reset();
  ChildFailure failure{};
  if (read_failure(report_read.get(), failure)) {
    reap(pid);
    outcome.error = failure.stage == kStageChdir ? errno_text(failure.error, "chdir " + spec.cwd)
                                                 : errno_text(failure.error, program);
    return outcome;
  }
  ::fcntl(out_read.get(), F_SETFL, O_NONBLOCK);
  ::fcntl(err_read.get(), F_SETFL, O_NONBLOCK);
  outcome.process.pid = pid;
  outcome.process.stdout_read = std::move(out_read);
  outcome.process.stderr_read = std::move(err_read);
  return outcome;
}

}  // namespace cdrun
