#include "runner/cli/command_line.h"

#include <CLI/CLI.hpp>

#include "runner/cli/cli_error.h"
#include "appspec/core/spelling.h"

namespace cdrun {
namespace {

// CLI11's words for what went wrong, in ours. A word CLI11 could not place comes first, even when
// it then also found a required option missing: a mistyped option is usually why.
std::string describe_parse_error(const CLI::App& app, const CLI::ParseError& error) {
  const std::vector<std::string> leftovers = app.remaining();
  if (leftovers.empty()) return error.what();
  const std::string& first = leftovers.front();
  if (first.size() > 1 && first[0] == '-') return unknown_option_message(first);
  return "unexpected argument '" + first + "'";
}

// "a, b or c"
std::string one_of(const std::vector<std::string>& choices) {
  std::string text;
  for (size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) text += i + 1 == choices.size() ? " or " : ", ";
    text += choices[i];
  }
  return text;
}

}  // namespace

void write_usage_error(std::ostream& err, const std::string& program, const std::string& message) {
  err << program << ": " << message << "\nTry '" << program << " --help' for more information.\n";
}

std::string unknown_option_message(const std::string& argument) {
  return "unknown option '" + argument.substr(0, argument.find('=')) + "'";
}

void write_unknown_subcommand(std::ostream& err, const std::string& program, const std::string& word,
                              const std::vector<std::string>& choices) {
  err << program << ": unknown subcommand '" << word << "'";
  const std::string meant = did_you_mean(word, choices);
  if (!meant.empty()) {
    err << "; did you mean '" << meant << "'?";
  } else {
    err << " (" << one_of(choices) << ")";
  }
  err << "\nRun '" << program << " --help' for the list.\n";
}

void refuse_subcommand_word(std::ostream& err, const std::string& program, const std::string& word,
                            const std::vector<std::string>& choices) {
  if (word.size() > 1 && word[0] == '-') {
    write_usage_error(err, program, unknown_option_message(word));
  } else {
    write_unknown_subcommand(err, program, word, choices);
  }
}

int run_command_group(const std::vector<std::string>& args, const std::string& program,
                      const std::vector<NamedCommand>& commands, void (*usage)(const std::string&, std::ostream&),
                      std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    usage(program, err);
    return kExitUsage;
  }
  const std::string& word = args.front();
  if (word == "-h" || word == "--help" || word == "help") {
    usage(program, out);
    return kExitOk;
  }
  std::vector<std::string> names;
  for (const NamedCommand& command : commands) {
    if (word == command.name) return command.run({args.begin() + 1, args.end()}, program + " " + word, out, err);
    names.emplace_back(command.name);
  }
  refuse_subcommand_word(err, program, word, names);
  return kExitUsage;
}

std::optional<int> parse_command_line(CLI::App& app, const std::vector<std::string>& args, std::ostream& out,
                                      std::ostream& err, int usage_status) {
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes the arguments last first
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    write_usage_error(err, app.get_name(), describe_parse_error(app, e));
    return usage_status;
  }
  return std::nullopt;
}

}  // namespace cdrun
