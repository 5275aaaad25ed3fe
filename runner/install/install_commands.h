// The external commands of the Install step (setfacl, semanage, restorecon), run without a shell:
// the agent's `system("setfacl --set ... <obj>")` breaks on paths with spaces; cdrun passes each
// argument as it is.
#pragma once

#include <string>
#include <vector>

namespace cdrun {

struct CommandOutcome {
  bool started = false;
  int pid = 0;
  int status = 0;     // waitpid status
  std::string error;  // why it did not start
  bool succeeded() const;
};

// Absolute path of `name` (searched in $PATH, then /usr/sbin, /usr/bin, /sbin, /bin), or "".
std::string find_executable(const std::string& name);

// Runs argv[0] (a name, looked up with find_executable, or an absolute path) with stdin from
// /dev/null and stdout sent to stderr, so cdrun's own stdout stays clean. Waits for it.
CommandOutcome run_command(const std::vector<std::string>& argv);

// Ruby's Process::Status#to_s, which the agent prints as "Exit code": "pid 123 exit 1",
// "pid 123 SIGTERM (signal 15)".
std::string process_status_text(const CommandOutcome& outcome);

}  // namespace cdrun
