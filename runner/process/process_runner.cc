#include "runner/process/process_runner.h"

#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <exception>

#include "runner/process/posix_child_os.h"
#include "runner/process/process_spawn.h"

namespace cdrun {
namespace {

using Clock = WatchClock;
using std::chrono::milliseconds;

// With a pidfd (or once the script is reaped) only pipes and the clock can wake us; without one
// the script's exit is looked for every blind tick.
constexpr WatchTiming kHookTiming{milliseconds(500), milliseconds(50), milliseconds(1000)};
constexpr long long kLongestTimeout = 10LL * 365 * 24 * 3600;

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
      : pidfd_(open_pidfd(process.pid)),
        limits_(limits),
        observer_(observer),
        pipes_(std::move(process.stdout_read), std::move(process.stderr_read), observer),
        os_(pipes_, family),
        watch_(process.pid, os_, WatchWake{pidfd_.get(), true}, kHookTiming) {}

  ProcessResult wait(Clock::time_point deadline) {
    ProcessResult result;
    bool lingering_seen = false;
    while (!(watch_.reaped() && !pipes_.any_open())) {
      if (watch_.reaped() && !lingering_seen) {
        lingering_seen = true;
        pipes_.drain(kExitDrainBudget);
        if (pipes_.any_open()) report_lingering(result);
        continue;
      }
      if (Clock::now() >= deadline) break;
      watch_.step(deadline);
    }
    if (watch_.reaped() && !pipes_.any_open()) {
      fill_status(result);
    } else if (!watch_.reaped()) {
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
  void report_lingering(ProcessResult& result) {
    result.holders = find_pipe_holders(pipes_.open_inodes(), ::getpid());
    try {
      observer_.on_lingering(result.holders);
    } catch (...) {
    }
  }

  void fill_status(ProcessResult& result) const {
    if (watch_.signaled()) {
      result.end = ProcessEnd::signaled;
      result.signal = watch_.term_signal();
    } else {
      result.end = ProcessEnd::exited;
      result.exit_code = watch_.exit_code();
    }
  }

  // The hook's processes plus `holders` (who may be strangers to it).
  void end_family(const std::vector<PipeHolder>& holders) {
    std::vector<pid_t> strangers;
    for (const PipeHolder& holder : holders) strangers.push_back(holder.pid);
    watch_.stop(strangers, term_then_kill(limits_.kill_grace));
  }

  UniqueFd pidfd_;
  const RunLimits& limits_;
  ProcessObserver& observer_;
  OutputPipes pipes_;
  PosixChildOs os_;
  ChildWatch watch_;
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
