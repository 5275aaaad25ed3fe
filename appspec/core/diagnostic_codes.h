// What each diagnostic code means, in one fixed sentence per rule (the README's table of codes).
// Reports that describe rules apart from their findings (SARIF's rules) use it; a finding's own
// message stays specific to the case.
#pragma once

#include <string>

namespace cdrun {

// The rule's short description, or "" for a code cdrun does not define.
std::string diagnostic_code_summary(const std::string& code);

}  // namespace cdrun
