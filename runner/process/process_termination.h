// Ends a failed hook's processes the way the agent should have: SIGTERM to the process group and
// to every process of the hook (descendants that called setsid are outside the group), a grace
// period for them to clean up, then SIGKILL for whatever is left, so that a script trapping TERM
// cannot hold the deadline.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <vector>

#include "runner/process/process_tree.h"

namespace cdrun {

// Finds the processes still to be ended (living ones only; called repeatedly).
using TargetScan = std::function<std::vector<ProcessInfo>()>;
// Lets time pass usefully (drain the pipes, reap the script) for at most the given duration.
using GraceWait = std::function<void(std::chrono::milliseconds)>;

// Returns once no target is left, or after `grace` plus at most about half a second of SIGKILL
// rounds. `group` (the script's pid) is signalled only while a target still belongs to it, so a
// group id reused by strangers after the hook's group emptied is never hit.
void terminate_processes(const TargetScan& scan, pid_t group, std::chrono::milliseconds grace,
                         const GraceWait& wait);

}  // namespace cdrun
