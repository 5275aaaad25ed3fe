// The individual hook-script rules behind lint_script (internal to appspec/script/script_lint*.cc).
// Rules report byte offsets; lint_script turns them into line:column.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "appspec/core/diagnostic.h"

namespace cdrun::script_rules {

struct Finding {
  std::size_t offset = 0;
  Severity severity = Severity::warning;
  std::string code;
  std::string message;
  std::string hint;
};

// The "#!" line as the kernel reads it (the text must start with "#!").
struct Shebang {
  std::string interpreter;  // as written: "/usr/bin/env", "bash", "/bin/bahs"
  std::string program;      // for env: the program it runs ("bash"); else the interpreter's basename
  bool is_shell = true;     // false for python, perl, ruby, node, ... (shell-only rules are skipped)
};

// Parses `line` (the first line without "\n" or "\r"), starting at byte `base` of the script, and
// reports an implausible interpreter (CD353) or a relative one (CD354).
Shebang analyse_shebang(std::string_view line, std::size_t base, std::vector<Finding>& findings);

// Where a "#!" stands that the kernel ignores because it is not at the first byte: after leading
// blanks, or on a later line with only blank lines and comments before it. `body` skips a BOM.
std::optional<std::size_t> late_shebang(std::string_view script, std::size_t body);

// The first command or output redirect that creates a file with the umask's mode, unless the
// script runs umask or chmod itself (CD360, a note for agent 2.x's deploy-local).
std::optional<Finding> umask_dependent_creation(std::string_view script);

// `cmd &` whose stdout/stderr are still the agent's pipes (CD355).
std::vector<Finding> lingering_background_jobs(std::string_view script);

// The words of a "#!" line's text as the kernel splits it (at spaces and tabs); `offsets` gets
// where each starts, counted from `base`.
std::vector<std::string> shebang_words(std::string_view text, std::size_t base, std::vector<std::size_t>& offsets);

// $DEPLOYMENT_GROUP_NAME used to build a deployment-root path (CD356).
std::vector<Finding> deployment_group_name_paths(std::string_view script);

}  // namespace cdrun::script_rules
