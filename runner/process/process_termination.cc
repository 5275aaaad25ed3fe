#include "runner/process/process_termination.h"

#include <signal.h>

#include <algorithm>

namespace cdrun {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kGraceStep{50};
constexpr milliseconds kKillStep{20};
// SIGKILL is final, but a process can fork between our scan and our signal; a few rounds catch
// such late children without letting a fork bomb keep us here for long.
constexpr milliseconds kKillRounds{450};

void signal_targets(const std::vector<ProcessInfo>& targets, pid_t group, int sig) {
  const bool group_in_use = group > 0 && std::any_of(targets.begin(), targets.end(),
                                                     [group](const ProcessInfo& p) { return p.pgid == group; });
  if (group_in_use) ::kill(-group, sig);
  for (const ProcessInfo& target : targets) ::kill(target.pid, sig);
}

milliseconds until(Clock::time_point end) {
  return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(end - Clock::now()));
}

}  // namespace

void terminate_processes(const TargetScan& scan, pid_t group, milliseconds grace, const GraceWait& wait) {
  std::vector<ProcessInfo> targets = scan();
  if (targets.empty()) return;
  signal_targets(targets, group, SIGTERM);
  // A stopped process would only see the TERM once continued.
  signal_targets(targets, group, SIGCONT);

  const Clock::time_point grace_end = Clock::now() + grace;
  while (Clock::now() < grace_end) {
    wait(std::min(kGraceStep, until(grace_end)));
    targets = scan();
    if (targets.empty()) return;
  }

  const Clock::time_point kill_end = Clock::now() + kKillRounds;
  do {
    signal_targets(targets, group, SIGKILL);
    wait(kKillStep);
    targets = scan();
  } while (!targets.empty() && Clock::now() < kill_end);
}

}  // namespace cdrun
