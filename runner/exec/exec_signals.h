// The signals `cdrun exec` handles while it supervises a command, through a self-pipe that wakes
// its poll() loop:
// - SIGCHLD: the command (or an orphan we adopted as subreaper) exited; check now, not at a tick.
// - SIGTERM, SIGINT, SIGHUP: someone ends *us*, typically the agent sending SIGTERM to the hook's
//   process group at the hook timeout. The command runs in its own group and would not get that
//   signal, so we end its processes (SIGTERM, grace, SIGKILL) before we go.
// - SIGPIPE is ignored: a reader of our stdout going away must not kill the supervisor.
// The command itself starts with default dispositions (spawn_process resets them).
#pragma once

#include <string>

namespace cdrun {

// Once per process. Returns false with `error` set when the pipe cannot be made.
bool install_exec_signals(std::string* error);

// Readable whenever a handled signal arrived since the last drain (-1 before install).
int exec_wake_fd();

// Empties the wake pipe.
void drain_exec_wake();

// The first of SIGTERM/SIGINT/SIGHUP received, or 0.
int exec_termination_signal();

// In a forked child that outlives us (the log pump): default dispositions, SIGPIPE still ignored,
// the wake pipe closed.
void reset_exec_signals();

}  // namespace cdrun
