// What every subcommand says the same way: usage errors, unknown subcommands, the version.
// Messages name the command as the user typed it ("cdrun deploy"), never the binary's path.
#pragma once

#include <exception>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "runner/cli/cli_error.h"

namespace CLI {
class App;
}

namespace cdrun {

// `cdrun --version`, `cdrun deploy --version` and `cdrun plan --version`.
inline constexpr const char* kCdrunVersion = "cdrun 0.1.0";

// "cdrun/0.1.0": the User-Agent GitHub is sent (it refuses requests without one).
inline std::string cdrun_user_agent() {
  std::string agent = kCdrunVersion;
  agent[agent.find(' ')] = '/';
  return agent;
}

// "<program>: <message>" and "Try '<program> --help' for more information.", on `err`.
void write_usage_error(std::ostream& err, const std::string& program, const std::string& message);

// "unknown option '--bogus'" for "--bogus" or "--bogus=1".
std::string unknown_option_message(const std::string& argument);

// "<program>: unknown subcommand 'deplyo'; did you mean 'deploy'?" when one of `choices` is close,
// else "<program>: unknown subcommand 'x' (a, b or c)"; then "Run '<program> --help' for the list.",
// on `err`.
void write_unknown_subcommand(std::ostream& err, const std::string& program, const std::string& word,
                              const std::vector<std::string>& choices);

// A word where a subcommand should be: "unknown option '-x'" (write_usage_error) when it starts
// with '-', else write_unknown_subcommand.
void refuse_subcommand_word(std::ostream& err, const std::string& program, const std::string& word,
                            const std::vector<std::string>& choices);

// How every subcommand is run: the words after its name, and its name as the user typed it
// ("cdrun onprem renew") for help and messages. Returns the exit status.
using CommandRunner = int (*)(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                              std::ostream& err);

struct NamedCommand {
  const char* name;
  CommandRunner run;
};

// A command made of subcommands (`cdrun role`, `cdrun onprem`): args[0] picks one of `commands`,
// which runs with the rest as "<program> <name>". Without a word, `usage` goes to `err` (exit 2);
// for -h, --help or help to `out` (exit 0); any other word is refused (exit 2).
int run_command_group(const std::vector<std::string>& args, const std::string& program,
                      const std::vector<NamedCommand>& commands, void (*usage)(const std::string&, std::ostream&),
                      std::ostream& out, std::ostream& err);

// Parses `args` with `app` (whose name is the program as the user typed it). nullopt to go on;
// else the status to exit with: 0 after --help (printed to `out`), `usage_status` after a usage
// error (printed to `err` as write_usage_error does).
std::optional<int> parse_command_line(CLI::App& app, const std::vector<std::string>& args, std::ostream& out,
                                      std::ostream& err, int usage_status);

// Runs `command` (returning an exit status); an exception escaping it, such as an I/O failure deep
// in a library, becomes "cdrun: error: <what>" on `err` and exit status 2.
template <typename Command>
int report_exceptions(std::ostream& err, Command&& command) {
  try {
    return command();
  } catch (const std::exception& e) {
    err << format_cli_error(e.what()) << "\n";
    return kExitUsage;
  }
}

}  // namespace cdrun
