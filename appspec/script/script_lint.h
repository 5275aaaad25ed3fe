// Lint of one hook script's text: what breaks it on the instance before or while it runs.
#pragma once

#include <string>

#include "appspec/core/diagnostic.h"

namespace cdrun {

// `display_path` names the script in diagnostics; `mode` is its permission bits, judged only when
// `check_executable` is set.
Diagnostics lint_script(const std::string& text, const std::string& display_path, unsigned mode,
                        bool check_executable);

// What only agent 2.x's deploy-local changes for a shell hook script: files it creates under umask
// 0027 (CD360, a note: the 2.x daemon keeps 0022).
Diagnostics lint_script_for_agent2_deploy_local(const std::string& text, const std::string& display_path);

}  // namespace cdrun
