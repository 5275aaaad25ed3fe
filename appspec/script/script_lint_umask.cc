// Where a hook script first creates a file or directory whose mode comes from the umask, for the
// note on agent 2.x's deploy-local (umask 0027, agent2-behavior.md §3.6). A script that sets its
// own umask, or fixes modes with chmod, is left alone.
#include <array>

#include "appspec/script/script_lint_rules.h"
#include "appspec/script/script_shell_lexer.h"

namespace cdrun::script_rules {
namespace {

using shell::Token;
using shell::TokenKind;

// Commands that make new files or directories with the umask's mode (install(1) sets 0755 itself).
constexpr std::array<std::string_view, 7> kCreators{"mkdir", "touch", "cp", "tee", "tar", "unzip", "rsync"};

bool is_creator(std::string_view word) {
  for (std::string_view c : kCreators) {
    if (word == c) return true;
  }
  return false;
}

// A redirect target that makes no file: a descriptor ("&2"), /dev/null and the like.
bool creates_no_file(std::string_view target) {
  if (target.empty() || target.front() == '&' || target.front() == '-') return true;
  if (target.front() == '"' || target.front() == '\'') target.remove_prefix(1);
  return target.substr(0, 5) == "/dev/" || target.substr(0, 5) == "/proc";
}

bool is_assignment(std::string_view word) {
  const size_t eq = word.find('=');
  return eq != std::string_view::npos && eq > 0 && word.find_first_of("\"'$") > eq;
}

}  // namespace

std::optional<Finding> umask_dependent_creation(std::string_view script) {
  const std::vector<Token> tokens = shell::tokenize(script);
  std::optional<std::size_t> first;
  bool command_position = true;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == TokenKind::newline || t.kind == TokenKind::op) {
      command_position = true;
      continue;
    }
    if (t.kind == TokenKind::redirect) {
      const bool output = t.text == ">" || t.text == ">>" || t.text == ">|" || t.text == "&>" || t.text == "&>>";
      if (output && i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::word && !creates_no_file(tokens[i + 1].text) && !first)
        first = t.offset;
      ++i;  // the target is not a command word
      continue;
    }
    if (!command_position) continue;
    if (is_assignment(t.text) || t.text == "sudo" || t.text == "exec" || t.text == "command") continue;
    command_position = false;
    if (t.text == "umask" || t.text == "chmod") return std::nullopt;  // the script sets modes itself
    if (is_creator(t.text) && !first) first = t.offset;
  }
  if (!first) return std::nullopt;
  Finding finding;
  finding.offset = *first;
  finding.severity = Severity::note;
  finding.code = "CD360";
  finding.message =
      "under agent 2.x's deploy-local, hooks run with umask 0027: what this creates gets mode 0640 (directories 0750) "
      "rather than 0644 (0755), so other users cannot read it; the agent 2.x daemon keeps umask 0022";
  finding.hint = "start the script with \"umask 022\" if other users or services must read what it writes";
  return finding;
}

}  // namespace cdrun::script_rules
