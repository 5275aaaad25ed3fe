// Supervises the one command of `cdrun exec` from start to verdict. Built from the hook runner's
// pieces (spawn_process, OutputPipes, ProcessFamily, ChildWatch, the /proc holder scan)
// rather than ProcessLauncher::run, because it must be able to stop waiting for pipes that a
// background process keeps open and hand them to the log pump (--detach-lingering), and it ends
// the command early when we ourselves are told to stop (exec_signals.h).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "runner/exec/exec_log.h"
#include "runner/exec/exec_output.h"
#include "runner/process/process_runner.h"

namespace cdrun {

struct ExecLimits {
  std::optional<std::chrono::milliseconds> timeout;  // unset = none
  std::chrono::milliseconds kill_grace{2000};
  bool detach_lingering = false;
};

enum class ExecEnd {
  finished,      // the command ended and its output closed: status below
  spawn_failed,  // nothing ran: `error`
  timed_out,     // still running at the deadline: its processes were ended
  held_open,     // it ended, but its output was still held at the deadline: the holders were ended
  detached,      // it ended with its output still held; --detach-lingering: the log pump took over
  interrupted,   // we received `interrupted_by`: the command's processes were ended
};

struct ExecResult {
  ExecEnd end = ExecEnd::finished;
  bool reaped = false;  // the command's own status below is known
  bool signaled = false;
  int exit_code = 0;
  int signal = 0;
  int interrupted_by = 0;
  std::string error;
};

class ExecSupervisor {
 public:
  // `command_text` names the command in messages; `log` may be null (no --log).
  ExecSupervisor(const ExecLimits& limits, ExecOutput& output, ExecLog* log, std::string command_text)
      : limits_(limits), output_(output), log_(log), command_text_(std::move(command_text)) {}

  // Needs install_exec_signals() first, and the process to be a child subreaper (so a daemonising
  // command's orphans come to us and can be ended with it).
  ExecResult run(const ProcessSpec& spec);

 private:
  const ExecLimits& limits_;
  ExecOutput& output_;
  ExecLog* log_;
  std::string command_text_;
};

// "exited with status 3", "was killed by signal 9 (Killed)".
std::string describe_status(const ExecResult& result);

}  // namespace cdrun
