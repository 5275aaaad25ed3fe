// The one supervision loop for a started child, shared by the hook runner and `cdrun exec`: poll
// the output pipes (and a wake-up descriptor) in short rounds, reap the child as soon as it exits,
// look for adopted orphans now and then, and stop the child's processes with a list of stop
// actions (SIGTERM, SIGCONT, grace, repeated SIGKILL), written as data in the spirit of reproc's
// stop actions. Everything it does to the system goes through ChildOs, so that its order and
// timing can be tested with a scripted clock and no processes.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

#include "runner/process/process_tree.h"

namespace cdrun {

using WatchClock = std::chrono::steady_clock;

// How long until `end`, never negative.
std::chrono::milliseconds time_left(WatchClock::time_point end, WatchClock::time_point now);

// What the watch does to the system. PosixChildOs (posix_child_os.h) is the real one.
class ChildOs {
 public:
  virtual ~ChildOs() = default;
  virtual WatchClock::time_point now() = 0;
  // Waits at most `timeout` for output, EOF or `wake_fd` (-1 = none) and reads what is ready.
  virtual void wait(std::chrono::milliseconds timeout, int wake_fd) = 0;
  // waitpid(pid, WNOHANG): true once `pid` is reaped (its `status` set) or no longer our child.
  virtual bool reap(pid_t pid, int& status) = 0;
  // The child's living processes (ProcessFamily::scan, which also reaps adopted orphans).
  virtual std::vector<ProcessInfo> scan_family() = 0;
  // `pid` while it lives and is not a zombie.
  virtual std::optional<ProcessInfo> living(pid_t pid) = 0;
  // kill(2): a negative target is a process group.
  virtual void send(pid_t target, int signal) = 0;
  // A child that could not be reaped even after SIGKILL (stuck in the kernel): reap it later.
  virtual void reap_later(pid_t pid) = 0;
};

struct WatchTiming {
  // The longest poll while something other than the clock can wake us (the wake descriptor, or
  // the pipes alone once the child is reaped) ...
  std::chrono::milliseconds tick{500};
  // ... and while only the tick tells us that the child exited.
  std::chrono::milliseconds blind_tick{50};
  // How often adopted orphans are looked for and reaped (a /proc walk).
  std::chrono::milliseconds scan_interval{1000};
};

// Ends a poll early besides the pipes: a pidfd (`only_until_reaped`, it says nothing afterwards)
// or a self-pipe of signals (until the end).
struct WatchWake {
  int fd = -1;
  bool only_until_reaped = false;
};

// One stage of stopping: `signal` goes to every target (and to the child's process group while a
// target is still in it), then the watch runs for `duration`, looking every `step` whether targets
// are left; with `repeat` the signal is sent again after each look (a process can fork between our
// look and our signal). Stopping ends as soon as no target is left.
struct StopAction {
  int signal = 0;
  std::chrono::milliseconds duration{0};
  std::chrono::milliseconds step{50};
  bool repeat = false;
};

// SIGTERM, SIGCONT (a stopped process would see the TERM only once continued), `grace`, then
// SIGKILL every 20 ms for at most about half a second, so that a fork bomb cannot keep us.
std::vector<StopAction> term_then_kill(std::chrono::milliseconds grace);

class ChildWatch {
 public:
  ChildWatch(pid_t pid, ChildOs& os, WatchWake wake, WatchTiming timing = {});

  // One poll round, the child's exit status if it has one, and now and then the orphans.
  void step(WatchClock::time_point until);
  // Steps until `duration` has passed.
  void pass_time(std::chrono::milliseconds duration);
  void try_reap();

  // Before the first signal of each stop action: the targets about to receive it.
  using StopObserver = std::function<void(const StopAction& action, const std::vector<ProcessInfo>& targets)>;
  // Runs `actions` on the child's family plus `strangers` (processes outside it, e.g. holders of
  // its pipes), then reaps the child or leaves it to be reaped later.
  void stop(const std::vector<pid_t>& strangers, const std::vector<StopAction>& actions,
            const StopObserver& observer = nullptr);

  pid_t pid() const { return pid_; }
  bool reaped() const { return reaped_; }
  bool signaled() const;   // reaped and killed by a signal
  int exit_code() const;   // reaped and exited
  int term_signal() const;  // reaped and signaled

 private:
  std::vector<ProcessInfo> stop_targets(const std::vector<pid_t>& strangers);
  void signal_targets(const std::vector<ProcessInfo>& targets, int signal);

  const pid_t pid_;
  ChildOs& os_;
  const WatchWake wake_;
  const WatchTiming timing_;
  bool reaped_ = false;
  int status_ = 0;
  WatchClock::time_point last_scan_;
};

}  // namespace cdrun
