#include "runner/install/install_commands.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

extern char** environ;

namespace cdrun {

bool CommandOutcome::succeeded() const { return started && WIFEXITED(status) && WEXITSTATUS(status) == 0; }

std::string find_executable(const std::string& name) {
  if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0 ? name : "";
  std::string dirs;
  if (const char* path = std::getenv("PATH")) dirs = path;
  dirs += ":/usr/sbin:/usr/bin:/sbin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    const std::string dir = dirs.substr(start, end - start);
    start = end + 1;
    if (dir.empty()) continue;
    const std::string candidate = dir + "/" + name;
    struct stat info {};
    if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) && ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return {};
}

CommandOutcome run_command(const std::vector<std::string>& argv) {
  CommandOutcome outcome;
  if (argv.empty()) {
    outcome.error = "no command";
    return outcome;
  }
  const std::string program = find_executable(argv[0]);
  if (program.empty()) {
    outcome.error = argv[0] + ": command not found";
    return outcome;
  }
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, 2, 1);
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    outcome.error = program + ": " + std::strerror(spawned);
    return outcome;
  }
  outcome.started = true;
  outcome.pid = pid;
  while (::waitpid(pid, &outcome.status, 0) < 0) {
    if (errno != EINTR) {
      outcome.error = std::string("waitpid: ") + std::strerror(errno);
      break;
    }
  }
  return outcome;
}

std::string process_status_text(const CommandOutcome& outcome) {
  std::string text = "pid " + std::to_string(outcome.pid);
  if (WIFEXITED(outcome.status)) return text + " exit " + std::to_string(WEXITSTATUS(outcome.status));
  if (WIFSIGNALED(outcome.status)) {
    const int signal = WTERMSIG(outcome.status);
    const char* name = sigabbrev_np(signal);
    text += std::string(" SIG") + (name ? name : "?") + " (signal " + std::to_string(signal) + ")";
    if (WCOREDUMP(outcome.status)) text += " (core dumped)";
    return text;
  }
  return text;
}

}  // namespace cdrun
