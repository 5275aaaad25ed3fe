// Who keeps a command's output open after the command exited, and how `cdrun exec` tells the
// user: at once, by pid and command line, with what the agent would do (wait until the hook
// timeout, then fail with "failed to close STDOUT", agent-behavior.md §5.9) and the fix.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace cdrun {

struct LingeringHolder {
  int pid = 0;
  std::string command;  // /proc/<pid>/cmdline, arguments joined by spaces
  bool holds_stdout = false;
  bool holds_stderr = false;
};

// Processes other than us holding the pipe with inode `stdout_inode` (when `stdout_open`) or
// `stderr_inode` (when `stderr_open`), one entry per process, in pid order.
std::vector<LingeringHolder> find_lingering_holders(bool stdout_open, unsigned long long stdout_inode,
                                                    bool stderr_open, unsigned long long stderr_inode);

// "pid 4242 (sleep 30) holds stdout and stderr", one line per holder.
std::string describe_holders(const std::vector<LingeringHolder>& holders, bool stdout_open, bool stderr_open);

struct LingeringContext {
  std::string command;  // what we ran, for the message
  std::string status;   // "exited with status 0"
  bool stdout_open = false;
  bool stderr_open = false;
  bool detach = false;
  std::string log_path;  // "" = no --log
  std::optional<std::chrono::milliseconds> timeout;
};

// The message printed the moment the command has exited with its output still held.
std::string lingering_message(const LingeringContext& context, const std::vector<LingeringHolder>& holders);

}  // namespace cdrun
