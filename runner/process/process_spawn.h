// Starts a hook process: its own process group (not its own session), stdin /dev/null, stdout and
// stderr on two fresh pipes, every other descriptor closed, exactly the given environment. A file
// the kernel will not execute (ENOEXEC: a script without "#!") is run by /bin/sh, as Ruby's spawn
// does; any other exec failure comes back as the errno text.
#pragma once

#include <sys/types.h>

#include <string>

#include "runner/process/process_fd.h"
#include "runner/process/process_runner.h"

namespace cdrun {

struct SpawnedProcess {
  pid_t pid = -1;        // also the process-group id
  UniqueFd stdout_read;  // our ends of the pipes, O_CLOEXEC and O_NONBLOCK
  UniqueFd stderr_read;
};

struct SpawnOutcome {
  SpawnedProcess process;
  std::string error;  // non-empty when nothing runs, e.g. "No such file or directory - /x/run.sh"
  bool ok() const { return error.empty(); }
};

SpawnOutcome spawn_process(const ProcessSpec& spec);

}  // namespace cdrun
