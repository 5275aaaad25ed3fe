#include "runner/exec/exec_supervisor.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <string.h>

#include "runner/exec/exec_lingering.h"
#include "runner/exec/exec_options.h"
#include "runner/exec/exec_pump.h"
#include "runner/exec/exec_signals.h"
#include "runner/process/posix_child_os.h"
#include "runner/process/process_spawn.h"

namespace cdrun {
namespace {

using Clock = WatchClock;
using std::chrono::milliseconds;

// SIGCHLD and output wake us at once; the tick is only the fallback for a lost wake-up.
constexpr WatchTiming kExecTiming{milliseconds(1000), milliseconds(1000), milliseconds(1000)};
// After the command exited, its children get this long to close the output (or to finish exec'ing,
// so that they are named by their own command line) before they are reported as lingering.
constexpr milliseconds kSettle{100};

// The wake-up descriptor is our signal self-pipe: emptied after every poll.
class ExecChildOs : public PosixChildOs {
 public:
  using PosixChildOs::PosixChildOs;
  void wait(milliseconds timeout, int wake_fd) override {
    PosixChildOs::wait(timeout, wake_fd);
    drain_exec_wake();
  }
};

// One supervised command from the moment it was started.
class ExecRun {
 public:
  ExecRun(SpawnedProcess& process, const ExecLimits& limits, ExecOutput& output, ProcessFamily& family)
      :  // Ours to hand to the log pump: OutputPipes closes its own copies when it is done.
        stdout_spare_(::fcntl(process.stdout_read.get(), F_DUPFD_CLOEXEC, 3)),
        stderr_spare_(::fcntl(process.stderr_read.get(), F_DUPFD_CLOEXEC, 3)),
        stdout_inode_(pipe_inode(process.stdout_read.get())),
        stderr_inode_(pipe_inode(process.stderr_read.get())),
        limits_(limits),
        pipes_(std::move(process.stdout_read), std::move(process.stderr_read), output),
        os_(pipes_, family),
        watch_(process.pid, os_, WatchWake{exec_wake_fd(), false}, kExecTiming) {}

  // Until the command has exited and its output closed, the deadline, or a signal to us.
  void wait(Clock::time_point deadline) {
    while (!done() && !exec_termination_signal() && Clock::now() < deadline) {
      if (watch_.reaped() && !lingering_checked_) {
        if (!settling_) settle_end_ = Clock::now() + kSettle;
        settling_ = true;
        if (pipes_.any_open() && Clock::now() < settle_end_) {
          watch_.step(std::min(deadline, settle_end_));
          continue;
        }
        lingering_checked_ = true;
        pipes_.drain(kExitDrainBudget);
        if (pipes_.any_open()) return;  // the caller names the holders
        continue;
      }
      watch_.step(deadline);
    }
  }

  bool done() const { return watch_.reaped() && !pipes_.any_open(); }
  bool reaped() const { return watch_.reaped(); }
  bool lingering() const { return watch_.reaped() && pipes_.any_open(); }
  bool stdout_open() const { return pipes_.stdout_open(); }
  bool stderr_open() const { return pipes_.stderr_open(); }

  std::vector<LingeringHolder> holders() const {
    return find_lingering_holders(pipes_.stdout_open(), stdout_inode_, pipes_.stderr_open(), stderr_inode_);
  }

  // --detach-lingering: the pump takes the pipes; we stop reading them.
  std::string detach(ExecLog* log) {
    pipes_.close_all();  // delivers an unterminated last line; the spares keep the pipes open
    return start_log_pump(std::move(stdout_spare_), std::move(stderr_spare_), log);
  }

  // SIGTERM to the command's group and every process of its family (plus `holders`, who may be
  // strangers to it), the grace, then SIGKILL. Returns the processes that outlived the grace.
  std::vector<LingeringHolder> end_processes(const std::vector<LingeringHolder>& holders) {
    std::vector<pid_t> strangers;
    for (const LingeringHolder& holder : holders) strangers.push_back(holder.pid);
    std::vector<LingeringHolder> survivors;
    // Named before the SIGKILL, while their command lines can still be read.
    auto note_survivors = [&survivors](const StopAction& action, const std::vector<ProcessInfo>& targets) {
      if (action.signal != SIGKILL) return;
      for (const ProcessInfo& target : targets) {
        survivors.push_back({target.pid, one_line(process_command_line(target.pid)), false, false});
      }
    };
    watch_.stop(strangers, term_then_kill(limits_.kill_grace), note_survivors);
    return survivors;
  }

  void close_output() { pipes_.close_all(); }

  void fill_status(ExecResult& result) const {
    result.reaped = watch_.reaped();
    result.signaled = watch_.signaled();
    result.signal = watch_.term_signal();
    result.exit_code = watch_.exit_code();
  }

 private:
  UniqueFd stdout_spare_;
  UniqueFd stderr_spare_;
  const unsigned long long stdout_inode_;
  const unsigned long long stderr_inode_;
  const ExecLimits& limits_;
  OutputPipes pipes_;
  ExecChildOs os_;
  ChildWatch watch_;
  bool lingering_checked_ = false;
  bool settling_ = false;
  Clock::time_point settle_end_;
};

std::string survivors_message(const std::vector<LingeringHolder>& survivors, milliseconds grace) {
  std::string text;
  for (const LingeringHolder& s : survivors) {
    text += "pid " + std::to_string(s.pid) + " (" + s.command + ") was still running " + format_seconds(grace) +
            " after SIGTERM: sent SIGKILL\n";
  }
  return text;
}

}  // namespace

std::string describe_status(const ExecResult& result) {
  if (!result.reaped) return "did not exit";
  if (result.signaled) {
    return "was killed by signal " + std::to_string(result.signal) + " (" + ::strsignal(result.signal) + ")";
  }
  return "exited with status " + std::to_string(result.exit_code);
}

ExecResult ExecSupervisor::run(const ProcessSpec& spec) {
  ExecResult result;
  ProcessFamily family;
  family.begin_run();
  SpawnOutcome spawned = spawn_process(spec);
  if (!spawned.ok()) {
    result.end = ExecEnd::spawn_failed;
    result.error = spawned.error;
    return result;
  }
  const pid_t pid = spawned.process.pid;
  family.started(pid);
  const Clock::time_point start = Clock::now();
  const Clock::time_point deadline = limits_.timeout ? start + *limits_.timeout : Clock::time_point::max();
  ExecRun run(spawned.process, limits_, output_, family);

  run.wait(deadline);
  std::vector<LingeringHolder> holders;
  if (run.lingering() && !exec_termination_signal()) {
    holders = run.holders();
    run.fill_status(result);
    LingeringContext context{command_text_, describe_status(result), run.stdout_open(), run.stderr_open(),
                             limits_.detach_lingering, log_ ? log_->path() : "", limits_.timeout};
    output_.note(lingering_message(context, holders));
    if (limits_.detach_lingering) {
      const std::string error = run.detach(log_);
      if (!error.empty()) output_.note(error + "; their output is lost (they get SIGPIPE on their next write)");
      result.end = ExecEnd::detached;
      return result;
    }
    run.wait(deadline);
  }

  const std::string group = "process group " + std::to_string(pid) + " and its descendants";
  if (const int sig = exec_termination_signal()) {
    result.end = ExecEnd::interrupted;
    result.interrupted_by = sig;
    output_.note("received signal " + std::to_string(sig) + ": ending '" + command_text_ + "' (" + group +
                 ", SIGKILL after " + format_seconds(limits_.kill_grace) + ")");
  } else if (!run.reaped()) {
    result.end = ExecEnd::timed_out;
    output_.note("timed out after " + format_seconds(*limits_.timeout) + ": ending '" + command_text_ +
                 "' (SIGTERM to " + group + ", SIGKILL after " + format_seconds(limits_.kill_grace) + ")");
  } else if (!run.done()) {
    result.end = ExecEnd::held_open;
    run.fill_status(result);
    holders = run.holders();
    output_.note("timed out after " + format_seconds(*limits_.timeout) + ": '" + command_text_ + "' " +
                 describe_status(result) + " but its output is still held open by:\n" +
                 describe_holders(holders, run.stdout_open(), run.stderr_open()) +
                 "ending them (SIGTERM, SIGKILL after " + format_seconds(limits_.kill_grace) + ")");
  }
  if (result.end != ExecEnd::finished) {
    const std::vector<LingeringHolder> survivors = run.end_processes(holders);
    if (!survivors.empty()) output_.note(survivors_message(survivors, limits_.kill_grace));
  }
  run.close_output();
  run.fill_status(result);
  return result;
}

}  // namespace cdrun
