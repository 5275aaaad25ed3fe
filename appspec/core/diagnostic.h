// A finding about an appspec or a bundle: what is wrong, where, and what to do.
#pragma once

#include <string>
#include <vector>

#include "appspec/core/spelling.h"  // did_you_mean, for the hints

namespace cdrun {

enum class Severity { note, warning, error };

const char* severity_name(Severity severity);

// 1-based line and column (column counts characters, as YAML does). 0 means "no position".
struct Position {
  int line = 0;
  int column = 0;
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;     // stable identifier, e.g. "CD204"; documented in docs/diagnostics.md
  std::string message;  // one line
  std::string file;     // path as shown to the user ("appspec.yml", "bundle.zip!scripts/start.sh")
  Position position;
  std::string hint;     // what to do about it; may be empty
  // Set when the finding is about a command-line option ("--events") rather than a place in
  // `file`; `file` is then the appspec the option was checked against (or empty), with no position.
  std::string option;
};

using Diagnostics = std::vector<Diagnostic>;

// Helpers that keep call sites short.
Diagnostic make_diagnostic(Severity severity, std::string code, std::string message, std::string file,
                           Position position, std::string hint = {});

bool has_errors(const Diagnostics& diagnostics);
bool has_warnings(const Diagnostics& diagnostics);

}  // namespace cdrun
