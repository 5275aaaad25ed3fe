// CD355: a background job that keeps the agent's stdout/stderr pipes open. The agent reads both
// pipes to EOF before it considers a script finished (agent-behavior.md §5.9), so any process
// still holding them turns a successful hook into a timeout-length hang and "failed to close STDOUT".
#include <algorithm>
#include <cctype>
#include <set>

#include "appspec/script/script_lint_rules.h"
#include "appspec/script/script_shell_lexer.h"

namespace cdrun::script_rules {

namespace {

using shell::Token;
using shell::TokenKind;

// Where fds 1 and 2 point: true once they no longer reach the agent's pipes.
struct Fds {
  bool out = false;
  bool err = false;
};

struct Element {
  Fds fds;
  std::vector<std::string> words;
};

struct List {
  std::vector<Element> pipeline;
  int and_or = 0;                  // "&&"/"||" seen: a backgrounded list runs in a subshell holding the pipes
  std::vector<std::string> shown;  // the list's words and operators, for the message
};

bool is_digits(const std::string& s) {
  return !s.empty() && s.size() <= 4 && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// Reserved words that open or close compound commands; they are not the command's name.
bool is_keyword(const std::string& w) {
  static const std::set<std::string> words{"!", "{", "}", "if", "then", "else", "elif", "fi", "do", "done",
                                           "while", "until", "time", "esac"};
  return words.count(w) != 0;
}

class BackgroundJobs {
 public:
  std::vector<Finding> run(std::string_view script) {
    const std::vector<Token> tokens = shell::tokenize(script);
    start_list();
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      const Token& t = tokens[k];
      if (t.kind == TokenKind::redirect) {
        const bool has_target = k + 1 < tokens.size() && tokens[k + 1].kind == TokenKind::word;
        if (has_target) apply_redirect(t, tokens[++k].text, current().fds);
      } else if (t.kind == TokenKind::word) {
        current().words.push_back(t.text);
        lists_.back().shown.push_back(t.text);
      } else if (t.kind == TokenKind::newline) {
        // A newline right after "&&", "||" or "|" continues the list.
        const bool continues = k > 0 && tokens[k - 1].kind == TokenKind::op &&
                               (tokens[k - 1].text == "&&" || tokens[k - 1].text == "||" || tokens[k - 1].text[0] == '|');
        if (!continues) end_list();
      } else {
        operator_token(t);
      }
    }
    end_list();
    return std::move(findings_);
  }

 private:
  void operator_token(const Token& t) {
    const std::string& op = t.text;
    if (op == "&") {
      judge(t.offset);
      start_list();
    } else if (op == "|" || op == "|&") {
      if (op == "|&") current().fds.err = true;  // stderr goes into the pipe, not to the agent
      lists_.back().pipeline.push_back(fresh_element());
      lists_.back().shown.push_back(op);
    } else if (op == "&&" || op == "||") {
      ++lists_.back().and_or;
      lists_.back().pipeline = {fresh_element()};
      lists_.back().shown.push_back(op);
    } else if (op == "(") {
      lists_.push_back(List{{fresh_element()}, 0, {}});
    } else if (op == ")") {
      if (lists_.size() > 1) {
        lists_.pop_back();
        current().words.push_back("( ... )");
        lists_.back().shown.push_back("( ... )");
      } else {
        start_list();  // a case pattern's ")"
      }
    } else {
      end_list();  // ";", ";;", ";&", ";;&"
    }
  }

  // The fds of every command start as the script's own, which `exec >log 2>&1` may have moved.
  Element fresh_element() const { return Element{script_fds_, {}}; }
  Element& current() { return lists_.back().pipeline.back(); }
  void start_list() { lists_.back() = List{{fresh_element()}, 0, {}}; }

  void end_list() {
    const List& list = lists_.back();
    if (list.and_or == 0 && list.pipeline.size() == 1) {
      const std::vector<std::string>& words = list.pipeline.front().words;
      // `exec` with only redirections moves the script's own stdout/stderr for everything after it.
      if (words.size() == 1 && words.front() == "exec") script_fds_ = list.pipeline.front().fds;
      // `wait` lets earlier background jobs finish before the script exits: they do not linger.
      if (!words.empty() && words.front() == "wait") findings_.clear();
    }
    start_list();
  }

  static void apply_redirect(const Token& t, const std::string& target, Fds& fds) {
    const std::string& op = t.text;
    // `> >(tee log)`: the process substitution's reader still writes to the agent's pipe.
    const bool away = target.rfind(">(", 0) != 0;
    auto set = [&fds](int fd, bool value) {
      if (fd == 1) fds.out = value;
      if (fd == 2) fds.err = value;
    };
    if (op == "&>" || op == "&>>") {
      fds.out = fds.err = away;
    } else if (op == ">&" || op == "<&") {
      const int fd = t.io_number >= 0 ? t.io_number : (op == ">&" ? 1 : 0);
      if (target == "-") {
        set(fd, true);  // closed
      } else if (is_digits(target)) {
        const int source = std::stoi(target);
        set(fd, source == 1 ? fds.out : source == 2 ? fds.err : true);
      } else if (op == ">&" && t.io_number < 0) {
        fds.out = fds.err = away;  // bash: ">& file" is "&> file"
      } else {
        set(fd, away);
      }
    } else if (op == ">" || op == ">>" || op == ">|") {
      set(t.io_number >= 0 ? t.io_number : 1, away);
    } else if (op == "<>") {
      set(t.io_number >= 0 ? t.io_number : 0, away);
    }
  }

  void judge(std::size_t offset) {
    const List& list = lists_.back();
    std::vector<std::string> words;
    bool stderr_attached = false;
    for (const Element& e : list.pipeline) {
      if (!e.fds.err) stderr_attached = true;
      words.insert(words.end(), e.words.begin(), e.words.end());
    }
    if (words.empty()) return;
    const bool stdout_attached = !list.pipeline.back().fds.out;
    const bool subshell = list.and_or > 0;
    if (!stdout_attached && !stderr_attached && !subshell) return;
    auto command = std::find_if_not(words.begin(), words.end(), is_keyword);
    // systemd-run hands the command to systemd and exits at once; nothing inherits the pipes.
    if (command != words.end() && *command == "systemd-run") return;
    const bool nohup = command != words.end() &&
                       (*command == "nohup" || (*command == "sudo" && command + 1 != words.end() && command[1] == "nohup"));

    std::string full;
    for (const std::string& w : list.shown) full += (full.empty() ? "" : " ") + w;
    const std::string shown = full.size() > 40 ? full.substr(0, 37) + "..." : full;
    const std::string example = full.size() > 40 ? (subshell ? "...": "cmd") : full;
    const char* held = subshell || (stdout_attached && stderr_attached) ? "stdout and stderr"
                       : stdout_attached                                 ? "stdout"
                                                                         : "stderr";
    std::string message = "background job \"" + shown + "\" keeps the agent's " + held +
                          " open; the agent waits for every holder to close them, so the hook hangs until its "
                          "timeout and fails with \"failed to close " + (stdout_attached || subshell ? "STDOUT" : "STDERR") + "\"";
    if (subshell) message += " (a backgrounded && / || list runs in a subshell that holds them)";
    if (nohup) message += " (nohup redirects output only when stdout is a terminal, which it is not under the agent)";
    Finding f;
    f.offset = offset;
    f.code = "CD355";
    f.message = std::move(message);
    f.hint = subshell ? "group and redirect the whole list: { " + example + "; } > /var/log/app.log 2>&1 < /dev/null &"
                      : "redirect all of its output: " + example +
                            " > /var/log/app.log 2>&1 < /dev/null & (or start it with systemd-run, or setsid with the "
                            "same redirections)";
    findings_.push_back(std::move(f));
  }

  std::vector<List> lists_{List{}};
  Fds script_fds_;
  std::vector<Finding> findings_;
};

}  // namespace

std::vector<Finding> lingering_background_jobs(std::string_view script) {
  return BackgroundJobs().run(script);
}

}  // namespace cdrun::script_rules
