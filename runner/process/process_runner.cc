#include "runner/process/process_runner.h"

#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <exception>

#include "runner/process/process_family.h"
#include "runner/process/process_pipes.h"
#include "runner/process/process_spawn.h"
#include "runner/process/process_termination.h"

namespace cdrun {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// With a pidfd (or once the script is reaped) only pipes and the clock can wake us; without one
// the script's exit is looked for this often.
constexpr milliseconds kLongTick{500};
constexpr milliseconds kShortTick{50};
// How often adopted orphans are looked for and reaped while a hook runs (a /proc walk).
constexpr milliseconds kScanInterval{1000};
// When the script has exited: how much already-written output to read before asking whether
// someone else still holds the pipes.
constexpr std::size_t kDrainBudget = 4 * 1024 * 1024;
constexpr long long kLongestTimeout = 10LL * 365 * 24 * 3600;

milliseconds remaining(Clock::time_point end) {
  return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(end - Clock::now()));
}

// The agent's deadline: Time.now.to_i + timeout, i.e. whole wall-clock seconds.
Clock::time_point agent_deadline(Clock::time_point now, long long timeout_seconds) {
  timespec wall{};
  ::clock_gettime(CLOCK_REALTIME, &wall);
  const long long timeout = std::clamp(timeout_seconds, 0LL, kLongestTimeout);
  const long long until_ms = timeout * 1000 - wall.tv_nsec / 1000000;
  return now + milliseconds(std::max(0LL, until_ms));
}

UniqueFd open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  return UniqueFd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
#else
  (void)pid;
  return UniqueFd();
#endif
}

// One hook run from the moment its script is started.
class HookRun {
 public:
  HookRun(SpawnedProcess& process, ProcessFamily& family, const RunLimits& limits, ProcessObserver& observer)
      : pid_(process.pid),
        pidfd_(open_pidfd(process.pid)),
        family_(family),
        limits_(limits),
        observer_(observer),
        pipes_(std::move(process.stdout_read), std::move(process.stderr_read), observer) {}

  ProcessResult wait(Clock::time_point deadline) {
    ProcessResult result;
    bool lingering_seen = false;
    while (!(reaped_ && !pipes_.any_open())) {
      if (reaped_ && !lingering_seen) {
        lingering_seen = true;
        pipes_.drain(kDrainBudget);
        if (pipes_.any_open()) report_lingering(result);
        continue;
      }
      if (Clock::now() >= deadline) break;
      step(deadline);
    }
    if (reaped_ && !pipes_.any_open()) {
      fill_status(result);
    } else if (!reaped_) {
      result.end = ProcessEnd::timed_out;
      end_family({});
    } else {
      fill_status(result);  // not the verdict, but worth knowing
      result.end = ProcessEnd::outputs_left_open;
      result.open_stream = pipes_.stdout_open() ? "STDOUT" : "STDERR";
      std::vector<PipeHolder> now_holding = find_pipe_holders(pipes_.open_inodes(), ::getpid());
      if (!now_holding.empty()) result.holders = now_holding;
      if (limits_.kill_lingering_on_failure) end_family(result.holders);
    }
    pipes_.close_all();
    return result;
  }

 private:
  // One poll round, the script's exit status if it has one, and now and then the orphans.
  void step(Clock::time_point until) {
    const milliseconds tick = reaped_ || pidfd_.valid() ? kLongTick : kShortTick;
    pipes_.poll_once(std::min(tick, remaining(until)), reaped_ ? -1 : pidfd_.get());
    try_reap();
    if (Clock::now() - last_scan_ >= kScanInterval) {
      family_.scan();
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
    if (got == pid_ || (got < 0 && errno == ECHILD)) {
      reaped_ = true;
      pidfd_.reset();
    }
  }

  void report_lingering(ProcessResult& result) {
    result.holders = find_pipe_holders(pipes_.open_inodes(), ::getpid());
    try {
      observer_.on_lingering(result.holders);
    } catch (...) {
    }
  }

  void fill_status(ProcessResult& result) const {
    if (WIFSIGNALED(status_)) {
      result.end = ProcessEnd::signaled;
      result.signal = WTERMSIG(status_);
    } else {
      result.end = ProcessEnd::exited;
      result.exit_code = WEXITSTATUS(status_);
    }
  }

  // SIGTERM, grace, SIGKILL for the hook's processes plus `holders` (who may be strangers to it).
  void end_family(const std::vector<PipeHolder>& holders) {
    const pid_t self = ::getpid();
    auto scan = [this, &holders, self] {
      std::vector<ProcessInfo> targets = family_.scan();
      for (const PipeHolder& holder : holders) {
        ProcessInfo info;
        const bool listed = std::any_of(targets.begin(), targets.end(),
                                        [&holder](const ProcessInfo& t) { return t.pid == holder.pid; });
        if (!listed && holder.pid != self && read_process_info(holder.pid, info) && !info.zombie()) {
          targets.push_back(info);
        }
      }
      return targets;
    };
    terminate_processes(scan, pid_, limits_.kill_grace, [this](milliseconds d) { pass_time(d); });
    try_reap();
    if (!reaped_) family_.reap_later(pid_);  // stuck in the kernel even after SIGKILL
    family_.scan();
  }

  const pid_t pid_;
  UniqueFd pidfd_;
  ProcessFamily& family_;
  const RunLimits& limits_;
  ProcessObserver& observer_;
  OutputPipes pipes_;
  bool reaped_ = false;
  int status_ = 0;
  Clock::time_point last_scan_ = Clock::now();
};

// One hook at a time: the family bookkeeping assumes no other run (and no other code) starts
// children while a hook runs.
class PosixLauncher : public ProcessLauncher {
 public:
  ProcessResult run(const ProcessSpec& spec, const RunLimits& limits, ProcessObserver& observer) override {
    const Clock::time_point start = Clock::now();
    ProcessResult result;
    try {
      const Clock::time_point deadline = agent_deadline(start, limits.timeout_seconds);
      family_.begin_run();
      SpawnOutcome spawned = spawn_process(spec);
      if (!spawned.ok()) {
        result.end = ProcessEnd::spawn_failed;
        result.error = spawned.error;
      } else {
        family_.started(spawned.process.pid);
        HookRun run(spawned.process, family_, limits, observer);
        result = run.wait(deadline);
      }
    } catch (const std::exception& e) {
      // Only allocation failures can get here; the destructors have closed our pipe ends.
      result = ProcessResult();
      result.end = ProcessEnd::spawn_failed;
      result.error = std::string("internal error: ") + e.what();
    } catch (...) {
      result = ProcessResult();
      result.end = ProcessEnd::spawn_failed;
      result.error = "internal error";
    }
    result.duration = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
    return result;
  }

 private:
  ProcessFamily family_;
};

}  // namespace

std::unique_ptr<ProcessLauncher> make_posix_launcher() {
  // Orphans of a hook (double fork, setsid daemons) come to us instead of init, so we can tell
  // them apart, end them with a failed hook, and reap them.
  ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  return std::make_unique<PosixLauncher>();
}

}  // namespace cdrun
