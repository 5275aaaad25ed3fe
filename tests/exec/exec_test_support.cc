#include "tests/exec/exec_test_support.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace cdrun::exec_test {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

std::vector<int> all_pids() {
  std::vector<int> pids;
  if (DIR* proc = ::opendir("/proc")) {
    while (const dirent* entry = ::readdir(proc)) {
      const int pid = std::atoi(entry->d_name);
      if (pid > 0) pids.push_back(pid);
    }
    ::closedir(proc);
  }
  return pids;
}

}  // namespace

WrapperRun run_wrapper(const std::string& program, const std::vector<std::string>& args,
                       const WrapperOptions& options) {
  int out[2], err[2], in[2] = {-1, -1};
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  if (options.stdin_open_pipe && ::pipe2(in, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> argv{program == CDRUN_BINARY ? std::string("cdrun") : program};
  argv.insert(argv.end(), args.begin(), args.end());
  // options.env replaces variables of the same name (two PATH entries would be ambiguous).
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    const std::string name = entry.substr(0, entry.find('=') + 1);
    const bool replaced = std::any_of(options.env.begin(), options.env.end(),
                                      [&name](const std::string& o) { return o.compare(0, name.size(), name) == 0; });
    if (!replaced) env.push_back(entry);
  }
  env.insert(env.end(), options.env.begin(), options.env.end());
  std::vector<char*> argv_c = c_strings(argv);
  std::vector<char*> env_c = c_strings(env);

  const Clock::time_point start = Clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::setpgid(0, 0);  // so that a hung wrapper can be killed with everything in its group
    const int input = options.stdin_open_pipe ? in[0] : ::open("/dev/null", O_RDONLY);
    ::dup2(input, 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    ::execve(program.c_str(), argv_c.data(), env_c.data());
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(err[1]);
  if (in[0] >= 0) ::close(in[0]);

  WrapperRun run;
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  const Clock::time_point deadline = start + options.limit;
  Clock::time_point close_deadline{};
  bool exited = false;
  char buffer[65536];
  for (;;) {
    int status = 0;
    if (!exited && ::waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      run.seconds = seconds_since(start);
      run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      close_deadline = Clock::now() + options.close_wait;
    }
    const bool closed = fds[0].fd < 0 && fds[1].fd < 0;
    if (exited && (closed || Clock::now() >= close_deadline)) {
      run.output_closed = closed;
      break;
    }
    if (!exited && Clock::now() >= deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      run.seconds = seconds_since(start);
      break;
    }
    if (::poll(fds, 2, 20) <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        continue;
      }
      if (i == 1 && run.first_err_seconds < 0) run.first_err_seconds = seconds_since(start);
      (i == 0 ? run.out : run.err).append(buffer, static_cast<std::size_t>(n));
    }
  }
  for (pollfd& fd : fds) {
    if (fd.fd >= 0) ::close(fd.fd);
  }
  if (in[1] >= 0) ::close(in[1]);
  return run;
}

ProcessSweeper::ProcessSweeper() {
  static std::atomic<int> counter{0};
  std::random_device random;
  entry_ = "CDRUN_EXEC_TEST_TAG=" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
           std::to_string(random());
}

ProcessSweeper::~ProcessSweeper() { sweep(); }

void ProcessSweeper::sweep() const {
  const std::string needle = std::string(1, '\0') + entry_ + std::string(1, '\0');
  // A few rounds: a process may fork between our reading /proc and our signal.
  for (int round = 0; round < 10; ++round) {
    int found = 0;
    for (int pid : all_pids()) {
      if (pid == ::getpid()) continue;
      const std::string environment = std::string(1, '\0') + read_text("/proc/" + std::to_string(pid) + "/environ");
      if (environment.find(needle) == std::string::npos) continue;
      if (!process_alive(pid)) continue;
      ::kill(pid, SIGKILL);
      ++found;
    }
    if (found == 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

bool process_alive(int pid) {
  const std::string stat = read_text("/proc/" + std::to_string(pid) + "/stat");
  const std::size_t close = stat.rfind(')');
  if (close == std::string::npos || close + 2 >= stat.size()) return false;
  const char state = stat[close + 2];
  return state != 'Z' && state != 'X';
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds limit) {
  const Clock::time_point end = Clock::now() + limit;
  while (!condition()) {
    if (Clock::now() >= end) return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int wait_for_pid(const std::string& path) {
  wait_until([&] { const std::string t = read_text(path); return !t.empty() && t.back() == '\n'; },
             std::chrono::milliseconds(10000));
  return std::atoi(read_text(path).c_str());
}

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("cannot find a free port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

WrapperRun ExecTest::exec(const std::vector<std::string>& args, WrapperOptions options) {
  options.env.push_back(sweeper_.env_entry());
  std::vector<std::string> full{"exec"};
  full.insert(full.end(), args.begin(), args.end());
  return run_wrapper(CDRUN_BINARY, full, options);
}

WrapperRun ExecTest::script(const std::string& path, WrapperOptions options) {
  options.env.push_back(sweeper_.env_entry());
  return run_wrapper(path, {}, options);
}

}  // namespace cdrun::exec_test
