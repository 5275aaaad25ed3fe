// Errors that end a command at the CLI boundary. Libraries return failures as values; only the
// command layer turns them into these, and main() into an exit status and one message.
#pragma once

#include <stdexcept>
#include <string>

namespace cdrun {

// Exit statuses shared by every subcommand.
enum ExitStatus { kExitOk = 0, kExitInvalid = 1, kExitUsage = 2 };

class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string& message) : std::runtime_error(message) {}
};

// The message main() prints for a usage or I/O error: "cdrun: error: <message>".
inline std::string format_cli_error(const std::string& message) { return "cdrun: error: " + message; }

}  // namespace cdrun
