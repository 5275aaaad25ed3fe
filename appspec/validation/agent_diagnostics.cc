// Turns the agent emulator's findings into cdrun diagnostics. The message is always the agent's
// own, byte for byte; the hint says in plain words what is wrong when the agent gives no message.
#include "appspec/validation/validation.h"

namespace cdrun {
namespace {

const char* code_of(const AgentFinding& finding) {
  if (finding.error_class == "Psych::SyntaxError") return "CD102";
  if (finding.error_class == "Psych::BadAlias") return "CD103";
  if (finding.error_class == "Psych::DisallowedClass") return "CD104";
  if (finding.crash) return "CD101";
  return "CD100";
}

std::string hint_of(const AgentFinding& finding) {
  const std::string code = code_of(finding);
  if (code == "CD101")
    return "the agent gives no message here, only a Ruby backtrace: " + finding.error_class + " (" + finding.message + ")";
  if (code == "CD102") return "the agent reports YAML errors like this; fix the YAML at the position shown";
  if (code == "CD103")
    return "agents on Ruby 3.1 or later (agent 1.7+ packages) refuse anchors and aliases; older agents accept "
           "them, so this verdict depends on the agent's Ruby version: repeat the values instead";
  if (code == "CD104")
    return "agents on Ruby 3.1 or later refuse dates, times and Ruby objects in an appspec; older agents accept "
           "them, so this verdict depends on the agent's Ruby version: quote the value to keep it a string";
  return {};
}

}  // namespace

Diagnostics agent_diagnostics(const AgentVerdict& verdict, const std::string& file) {
  Diagnostics out;
  for (const AgentFinding& finding : verdict.findings) {
    std::string message = finding.crash ? "the agent's parser crashes with " + finding.error_class + ": " + finding.explanation
                                        : finding.message;
    out.push_back(make_diagnostic(Severity::error, code_of(finding), message, file, finding.position, hint_of(finding)));
  }
  return out;
}

}  // namespace cdrun
