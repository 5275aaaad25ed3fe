// Executing the instruction list (§4.1 step 6) while writing the new cleanup list: a copy's path
// is on disk in the list before the copy starts, a directory's right after mkdir, a context's after
// it was applied, so an interruption at any point leaves a list the next install can clean up.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "runner/install/install_instructions.h"
#include "runner/install/install_step.h"

namespace cdrun {

struct ExecutionOutcome {
  InstallError error;
  size_t files_copied = 0;
};

// `cleanup_fd` is the freshly truncated <group>-cleanup (named `cleanup_file` in messages).
ExecutionOutcome execute_instructions(const std::vector<Instruction>& instructions, int cleanup_fd,
                                      const std::string& cleanup_file, InstallProgress* progress);

}  // namespace cdrun
