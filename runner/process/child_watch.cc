#include "runner/process/child_watch.h"

#include <signal.h>
#include <sys/wait.h>

#include <algorithm>

namespace cdrun {

using std::chrono::milliseconds;

milliseconds time_left(WatchClock::time_point end, WatchClock::time_point now) {
  return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(end - now));
}

std::vector<StopAction> term_then_kill(milliseconds grace) {
  return {
      {SIGTERM, milliseconds(0), milliseconds(50), false},
      {SIGCONT, grace, milliseconds(50), false},
      {SIGKILL, milliseconds(450), milliseconds(20), true},
  };
}

ChildWatch::ChildWatch(pid_t pid, ChildOs& os, WatchWake wake, WatchTiming timing)
    : pid_(pid), os_(os), wake_(wake), timing_(timing), last_scan_(os.now()) {}

void ChildWatch::step(WatchClock::time_point until) {
  const int wake_fd = reaped_ && wake_.only_until_reaped ? -1 : wake_.fd;
  const milliseconds tick = reaped_ || wake_fd >= 0 ? timing_.tick : timing_.blind_tick;
  os_.wait(std::min(tick, time_left(until, os_.now())), wake_fd);
  try_reap();
  if (os_.now() - last_scan_ >= timing_.scan_interval) {
    os_.scan_family();  // notes adopted orphans, reaps those that exited
    last_scan_ = os_.now();
  }
}

void ChildWatch::pass_time(milliseconds duration) {
  const WatchClock::time_point until = os_.now() + duration;
  do {
    step(until);
  } while (os_.now() < until);
}

void ChildWatch::try_reap() {
  if (!reaped_) reaped_ = os_.reap(pid_, status_);
}

bool ChildWatch::signaled() const { return reaped_ && WIFSIGNALED(status_); }
int ChildWatch::exit_code() const { return reaped_ && WIFEXITED(status_) ? WEXITSTATUS(status_) : 0; }
int ChildWatch::term_signal() const { return signaled() ? WTERMSIG(status_) : 0; }

std::vector<ProcessInfo> ChildWatch::stop_targets(const std::vector<pid_t>& strangers) {
  std::vector<ProcessInfo> targets = os_.scan_family();
  for (const pid_t stranger : strangers) {
    const bool listed = std::any_of(targets.begin(), targets.end(),
                                    [stranger](const ProcessInfo& t) { return t.pid == stranger; });
    if (listed) continue;
    if (std::optional<ProcessInfo> info = os_.living(stranger)) targets.push_back(*info);
  }
  return targets;
}

// The group is signalled only while a target still belongs to it, so a group id reused by
// strangers after the child's group emptied is never hit. Its members get that one signal and no
// second one of their own: a hook whose TERM trap was already running would run it again.
void ChildWatch::signal_targets(const std::vector<ProcessInfo>& targets, int signal) {
  const pid_t group = pid_;
  const bool group_in_use =
      std::any_of(targets.begin(), targets.end(), [group](const ProcessInfo& p) { return p.pgid == group; });
  if (group_in_use) os_.send(-group, signal);
  for (const ProcessInfo& target : targets) {
    if (!group_in_use || target.pgid != group) os_.send(target.pid, signal);
  }
}

void ChildWatch::stop(const std::vector<pid_t>& strangers, const std::vector<StopAction>& actions,
                      const StopObserver& observer) {
  std::vector<ProcessInfo> targets = stop_targets(strangers);
  for (const StopAction& action : actions) {
    if (targets.empty()) break;
    if (observer) observer(action, targets);
    signal_targets(targets, action.signal);
    const WatchClock::time_point end = os_.now() + action.duration;
    while (os_.now() < end) {
      pass_time(std::min(action.step, time_left(end, os_.now())));
      targets = stop_targets(strangers);
      if (targets.empty()) break;
      if (action.repeat && os_.now() < end) signal_targets(targets, action.signal);
    }
  }
  try_reap();
  if (!reaped_) os_.reap_later(pid_);  // stuck in the kernel even after SIGKILL
  os_.scan_family();
}

}  // namespace cdrun
