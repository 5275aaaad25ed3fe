// The command line of `cdrun exec [OPTIONS] [--] COMMAND [ARGS...]`, parsed by hand: everything
// after `--` (or from the first word that is not an option) belongs to the command untouched, so
// its own options never reach a general-purpose parser.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace cdrun {

struct ExecOptions {
  // Unset = no limit (also `--timeout 0`, as with timeout(1)).
  std::optional<std::chrono::milliseconds> timeout;
  // SIGTERM -> SIGKILL. Two seconds: long enough for a well-behaved process to flush and exit,
  // short enough not to matter against any hook timeout.
  std::chrono::milliseconds kill_grace{2000};
  std::string log_path;              // "" = no log
  std::optional<std::string> event;  // --event: sets LIFECYCLE_EVENT for the command
  bool detach_lingering = false;
  bool help = false;
  std::vector<std::string> command;
};

struct ExecOptionsParse {
  ExecOptions options;
  std::string error;  // non-empty: a usage error, already worded for the user
  bool ok() const { return error.empty(); }
};

ExecOptionsParse parse_exec_options(const std::vector<std::string>& args);

// The --help text; `program` is how the user invoked us ("cdrun exec").
std::string exec_usage(const std::string& program);

// "30 s", "0.5 s": durations in messages, as the user wrote them.
std::string format_seconds(std::chrono::milliseconds duration);

}  // namespace cdrun
