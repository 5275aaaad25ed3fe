#include "runner/cli/cli_error.h"

namespace cdrun {

std::string format_cli_error(const std::string& message) { return "cdrun: error: " + message; }

}  // namespace cdrun
