// `cdrun exec [OPTIONS] -- COMMAND [ARGS...]`: the wrapper a hook script on a host with the real
// CodeDeploy agent puts around its work so that the hook cannot hang the agent (see exec_usage()).
// Exit statuses follow timeout(1) and the shell: the command's own, 124 timeout, 125 our own
// failure, 126 not executable, 127 not found, 128+N killed by signal N.
#include "runner/cli/exec_command.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "runner/exec/exec_log.h"
#include "runner/exec/exec_options.h"
#include "runner/exec/exec_output.h"
#include "runner/exec/exec_signals.h"
#include "runner/exec/exec_supervisor.h"

extern char** environ;

namespace cdrun {
namespace {

constexpr int kExitTimedOut = 124;
constexpr int kExitOwnFailure = 125;
constexpr int kExitNotExecutable = 126;
constexpr int kExitNotFound = 127;

// Started with a standard descriptor closed, our log (or a pipe) would get its number and the
// command's output passed through to "stdout" would land in it.
void ensure_standard_descriptors() {
  for (int fd = 0; fd <= 2; ++fd) {
    // open() takes the lowest free number, which is `fd` itself.
    if (::fcntl(fd, F_GETFD) < 0 && errno == EBADF) ::open("/dev/null", O_RDWR);
  }
}

// Our environment (with the deployment variables the agent set), LIFECYCLE_EVENT replaced by
// --event when given.
std::vector<std::string> command_environment(const std::optional<std::string>& event) {
  std::vector<std::string> env;
  for (char** entry = environ; entry && *entry; ++entry) {
    if (event && std::strncmp(*entry, "LIFECYCLE_EVENT=", 16) == 0) continue;
    env.emplace_back(*entry);
  }
  if (event) env.push_back("LIFECYCLE_EVENT=" + *event);
  return env;
}

// The command as messages and the log's "Script - " entry show it: words joined by spaces.
std::string display_command(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : " ") + word;
  return one_line(text);
}

// spawn_process reports failures as "<strerror> - <what>": ENOENT from exec (or from the PATH
// search) is "not found"; its pipe or fork failures are ours; any other exec failure means the
// command exists but cannot be executed, as the shell decides between 127 and 126.
int spawn_failure_status(const std::string& error) {
  const std::string not_found = std::strerror(ENOENT);
  if (error.compare(0, not_found.size(), not_found) == 0) return kExitNotFound;
  if (error.find(" - creating the pipes for ") != std::string::npos || error.find(" - fork for ") != std::string::npos) {
    return kExitOwnFailure;
  }
  return kExitNotExecutable;
}

int exit_status(const ExecResult& result, ExecOutput& output, const std::string& command_text) {
  switch (result.end) {
    case ExecEnd::spawn_failed: {
      const int status = spawn_failure_status(result.error);
      const char* what = status == kExitNotFound        ? "command not found"
                         : status == kExitNotExecutable ? "command cannot be executed"
                                                        : "cannot start the command";
      output.note(std::string(what) + ": '" + command_text + "': " + result.error);
      return status;
    }
    case ExecEnd::timed_out:
    case ExecEnd::held_open:
      return kExitTimedOut;
    case ExecEnd::interrupted:
      return 128 + result.interrupted_by;
    case ExecEnd::finished:
    case ExecEnd::detached:
      break;
  }
  return result.signaled ? 128 + result.signal : result.exit_code;
}

}  // namespace

int run_exec_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                     std::ostream& err) {
  ensure_standard_descriptors();
  const ExecOptionsParse parse = parse_exec_options(args);
  const ExecOptions& options = parse.options;
  if (options.help) {
    out << exec_usage(program);
    return 0;
  }
  if (!parse.ok()) {
    err << program << ": " << parse.error << "\nTry '" << program << " --help' for more information.\n";
    return kExitOwnFailure;
  }

  ExecLog log;
  std::string error;
  if (!options.log_path.empty() && !log.open(options.log_path, &error)) {
    err << program << ": " << error << "\n";
    return kExitOwnFailure;
  }
  if (!install_exec_signals(&error)) {
    err << program << ": " << error << "\n";
    return kExitOwnFailure;
  }
  // Orphans of the command (double fork, setsid daemons) come to us instead of init, so that a
  // timeout can end them too; those still alive when we exit go on to init.
  ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);

  ProcessSpec spec;
  spec.argv = options.command;
  spec.env = command_environment(options.event);
  const std::string command_text = display_command(options.command);
  const char* inherited_event = std::getenv("LIFECYCLE_EVENT");
  const std::string event = options.event ? *options.event : inherited_event ? inherited_event : "";
  ExecLog* log_used = log.is_open() ? &log : nullptr;
  if (log_used) {
    if (!event.empty()) log.entry("LifecycleEvent - " + event);
    log.entry("Script - " + command_text);
  }

  ExecOutput output(log_used, true);
  ExecLimits limits{options.timeout, options.kill_grace, options.detach_lingering};
  const ExecResult result = ExecSupervisor(limits, output, log_used, command_text).run(spec);
  const int status = exit_status(result, output, command_text);
  if (log_used && !log.write_error().empty()) {
    err << program << ": writing to " << log.path() << " failed: " << log.write_error() << "\n";
  }
  return status;
}

}  // namespace cdrun
