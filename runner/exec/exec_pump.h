// The log pump behind --detach-lingering. When the command has exited but a background process
// still holds its output pipes, cdrun exec hands the pipes' read ends to a forked pump and returns
// the command's status at once. The pump:
// - calls setsid(), so the group signals aimed at the hook (the agent's SIGTERM) do not reach it;
// - has stdin, stdout and stderr on /dev/null and every other descriptor closed except the pipes
//   and the log, so it holds none of *our* streams: whoever reads cdrun exec sees EOF when we exit;
// - appends the background process's later output to the log (or reads and drops it without a
//   log: closing the pipes instead would kill the process with SIGPIPE on its next write);
// - exits when the last writer closes the pipes.
#pragma once

#include <string>

#include "runner/exec/exec_log.h"
#include "runner/process/process_fd.h"

namespace cdrun {

// Returns "" once the pump runs, else why it could not be started (the pipes are then closed).
// Call with every buffered entry already written (ExecLog writes through, so always true).
std::string start_log_pump(UniqueFd stdout_read, UniqueFd stderr_read, ExecLog* log);

}  // namespace cdrun
