#include "appspec/core/diagnostic.h"

#include <algorithm>
#include <cctype>

namespace cdrun {

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

Diagnostic make_diagnostic(Severity severity, std::string code, std::string message, std::string file,
                           Position position, std::string hint) {
  Diagnostic d;
  d.severity = severity;
  d.code = std::move(code);
  d.message = std::move(message);
  d.file = std::move(file);
  d.position = position;
  d.hint = std::move(hint);
  return d;
}

bool has_errors(const Diagnostics& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

bool has_warnings(const Diagnostics& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::warning; });
}


}  // namespace cdrun
