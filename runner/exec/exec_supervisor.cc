#include "runner/exec/exec_supervisor.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string.h>

#include "runner/exec/exec_lingering.h"
#include "runner/exec/exec_options.h"
#include "runner/exec/exec_pump.h"
#include "runner/exec/exec_signals.h"
#include "runner/process/process_family.h"
#include "runner/process/process_pipes.h"
#include "runner/process/process_spawn.h"
#include "runner/process/process_termination.h"
#include "runner/process/process_tree.h"

namespace cdrun {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// SIGCHLD and output wake us at once; this tick is only the fallback for a lost wake-up.
constexpr milliseconds kTick{1000};
// How often adopted orphans are looked for and reaped (a /proc walk).
constexpr milliseconds kScanInterval{1000};
// Once the command has exited: output already written is read before asking who else holds it.
constexpr std::size_t kDrainBudget = 4 * 1024 * 1024;
// After the command exited, its children get this long to close the output (or to finish exec'ing,
// so that they are named by their own command line) before they are reported as lingering.
constexpr milliseconds kSettle{100};

milliseconds remaining(Clock::time_point end) {
  return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(end - Clock::now()));
}

// One supervised command from the moment it was started.
class ExecRun {
 public:
  ExecRun(SpawnedProcess& process, const ExecLimits& limits, ExecOutput& output, ProcessFamily& family)
      : pid_(process.pid),
        // Ours to hand to the log pump: OutputPipes closes its own copies when it is done.
        stdout_spare_(::fcntl(process.stdout_read.get(), F_DUPFD_CLOEXEC, 3)),
        stderr_spare_(::fcntl(process.stderr_read.get(), F_DUPFD_CLOEXEC, 3)),
        stdout_inode_(pipe_inode(process.stdout_read.get())),
        stderr_inode_(pipe_inode(process.stderr_read.get())),
        limits_(limits),
        family_(family),
        pipes_(std::move(process.stdout_read), std::move(process.stderr_read), output) {}

  // Until the command has exited and its output closed, the deadline, or a signal to us.
  void wait(Clock::time_point deadline) {
    while (!(reaped_ && !pipes_.any_open()) && !exec_termination_signal() && Clock::now() < deadline) {
      if (reaped_ && !lingering_checked_) {
        if (!settling_) settle_end_ = Clock::now() + kSettle;
        settling_ = true;
        if (pipes_.any_open() && Clock::now() < settle_end_) {
          step(std::min(deadline, settle_end_));
          continue;
        }
        lingering_checked_ = true;
        pipes_.drain(kDrainBudget);
        if (pipes_.any_open()) return;  // the caller names the holders
        continue;
      }
      step(deadline);
    }
  }

  bool done() const { return reaped_ && !pipes_.any_open(); }
  bool reaped() const { return reaped_; }
  bool lingering() const { return reaped_ && pipes_.any_open(); }
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
    const pid_t self = ::getpid();
    const Clock::time_point grace_end = Clock::now() + limits_.kill_grace;
    std::vector<LingeringHolder> survivors;
    auto scan = [&] {
      std::vector<ProcessInfo> targets = family_.scan();
      for (const LingeringHolder& holder : holders) {
        ProcessInfo info;
        const bool listed = std::any_of(targets.begin(), targets.end(),
                                        [&holder](const ProcessInfo& t) { return t.pid == holder.pid; });
        if (!listed && holder.pid != self && read_process_info(holder.pid, info) && !info.zombie()) {
          targets.push_back(info);
        }
      }
      // terminate_processes sends SIGKILL exactly when a scan after the grace still finds targets.
      if (survivors.empty() && !targets.empty() && Clock::now() >= grace_end) {
        for (const ProcessInfo& target : targets) {
          survivors.push_back({target.pid, one_line(process_command_line(target.pid)), false, false});
        }
      }
      return targets;
    };
    terminate_processes(scan, pid_, limits_.kill_grace, [this](milliseconds d) { pass_time(d); });
    try_reap();
    if (!reaped_) family_.reap_later(pid_);  // stuck in the kernel even after SIGKILL
    family_.scan();
    return survivors;
  }

  void close_output() { pipes_.close_all(); }

  void fill_status(ExecResult& result) const {
    result.reaped = reaped_;
    if (!reaped_) return;
    result.signaled = WIFSIGNALED(status_);
    result.signal = result.signaled ? WTERMSIG(status_) : 0;
    result.exit_code = result.signaled ? 0 : WEXITSTATUS(status_);
  }

 private:
  void step(Clock::time_point until) {
    pipes_.poll_once(std::min(kTick, remaining(until)), exec_wake_fd());
    drain_exec_wake();
    try_reap();
    if (Clock::now() - last_scan_ >= kScanInterval) {
      family_.scan();  // notes adopted orphans, reaps those that exited
      last_scan_ = Clock::now();
    }
  }

  void pass_time(milliseconds duration) {
    const Clock::time_point until = Clock::now() + duration;
    do {
      step(until);
    } while (Clock::now() < until);
  }

  void try_reap() {
    if (reaped_) return;
    pid_t got;
    do {
      got = ::waitpid(pid_, &status_, WNOHANG);
    } while (got < 0 && errno == EINTR);
    if (got == pid_) reaped_ = true;
  }

  const pid_t pid_;
  UniqueFd stdout_spare_;
  UniqueFd stderr_spare_;
  const unsigned long long stdout_inode_;
  const unsigned long long stderr_inode_;
  const ExecLimits& limits_;
  ProcessFamily& family_;
  OutputPipes pipes_;
  bool reaped_ = false;
  bool lingering_checked_ = false;
  bool settling_ = false;
  Clock::time_point settle_end_;
  int status_ = 0;
  Clock::time_point last_scan_ = Clock::now();
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
