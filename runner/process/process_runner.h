// Runs one hook script the way the CodeDeploy agent does (agent-behavior.md §5.6-5.9), and does
// the safe thing where the agent does not: its own process group, stdin closed, stdout and stderr
// read line by line through poll(), one whole-second deadline covering the exit *and* the closing
// of both pipes, SIGTERM to the group at the deadline and SIGKILL after a short grace, and the
// name of any process that still holds the pipes after the script exited.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cdrun {

struct ProcessSpec {
  std::vector<std::string> argv;  // argv[0] is an absolute path or a name looked up in PATH
  std::vector<std::string> env;   // the complete environment, "NAME=value"
  std::string cwd;                // "" = inherit
};

// A process that still holds the script's stdout or stderr after the script itself exited.
struct PipeHolder {
  int pid = 0;
  std::string command;  // /proc/<pid>/cmdline, arguments joined by spaces
};

enum class ProcessEnd {
  exited,              // exit_code is valid
  signaled,            // killed by `signal` before the deadline (not by us)
  spawn_failed,        // could not start: `error` says why (errno text)
  timed_out,           // still running at the deadline: we sent SIGTERM (and SIGKILL after the grace)
  outputs_left_open,   // exited, but a pipe was still open at the deadline (`open_stream`)
};

struct ProcessResult {
  ProcessEnd end = ProcessEnd::exited;
  int exit_code = 0;
  int signal = 0;
  std::string error;
  std::string open_stream;               // "STDOUT" or "STDERR" for outputs_left_open
  std::vector<PipeHolder> holders;       // who held the pipes (outputs_left_open, or found while waiting)
  std::chrono::milliseconds duration{0};
};

// Receives output as the agent's reader threads would: each line with its trailing '\n'; a final
// line without newline is delivered without one when its stream closes. Called on the runner's
// thread, in arrival order. A line longer than 1 MiB comes in 1 MiB pieces (memory stays bounded).
// Exceptions thrown by these callbacks are swallowed: the hook must still be supervised.
class ProcessObserver {
 public:
  virtual ~ProcessObserver() = default;
  virtual void on_output(bool is_stderr, const std::string& line) = 0;
  // The script exited but `holders` keep its output open: called once, as soon as that is seen.
  virtual void on_lingering(const std::vector<PipeHolder>& holders) { (void)holders; }
};

struct RunLimits {
  long long timeout_seconds = 3600;                   // the agent's per-script timeout
  std::chrono::milliseconds kill_grace{2000};         // SIGTERM -> SIGKILL
  // After the deadline passes with the pipes still open but the script gone, the agent kills
  // nothing; cdrun ends the holders too (no hook process outlives a failed hook) when true.
  bool kill_lingering_on_failure = true;
};

// What the engine needs from process execution; tests of the engine can substitute it.
class ProcessLauncher {
 public:
  virtual ~ProcessLauncher() = default;
  virtual ProcessResult run(const ProcessSpec& spec, const RunLimits& limits, ProcessObserver& observer) = 0;
};

// The real one: fork/exec, process groups, poll(), /proc scanning for pipe holders.
std::unique_ptr<ProcessLauncher> make_posix_launcher();

}  // namespace cdrun
