#include "appspec/script/script_shell_lexer.h"

#include <cctype>
#include <cstring>

namespace cdrun::shell {

namespace {

// Hostile input could nest "$(" a hundred thousand times; past this depth the rest of the text is
// taken as one construct instead of recursing further.
constexpr int kMaxNesting = 64;

bool is_blank(char c) { return c == ' ' || c == '\t'; }

class Lexer {
 public:
  explicit Lexer(std::string_view text) : s_(text), n_(text.size()) {}

  std::vector<Token> run() {
    std::size_t i = 0;
    while (i < n_) i = step(i);
    return std::move(tokens_);
  }

 private:
  std::size_t step(std::size_t i) {
    const char c = s_[i];
    if (is_blank(c)) return i + 1;
    if (c == '\\' && at(i + 1) == '\n') return i + 2;
    if (c == '\n') {
      push(TokenKind::newline, "\n", i);
      return skip_heredoc_bodies(i + 1);
    }
    if (c == '#') {
      while (i < n_ && s_[i] != '\n') ++i;
      return i;
    }
    // Most tokens are plain words; only these characters can start an operator or redirection.
    if (!std::strchr(";&|()<>0123456789", c)) return word(i);
    for (const char* op : {";;&", ";;", ";&", ";", "&&", "||", "|&", "|", ")"}) {
      if (starts(i, op)) return push(TokenKind::op, op, i);
    }
    if (c == '&' && !starts(i, "&>")) return push(TokenKind::op, "&", i);
    if (c == '(' && at(i + 1) != '(') return push(TokenKind::op, "(", i);

    std::size_t j = i;
    while (j < n_ && std::isdigit(static_cast<unsigned char>(s_[j]))) ++j;
    const bool io = j > i && j - i <= 4 && (at(j) == '<' || at(j) == '>') && at(j + 1) != '(';
    const std::size_t r = io ? j : i;
    for (const char* op : {"&>>", "&>", "<<<", "<<-", "<<", "<>", "<&", ">>", ">&", ">|"}) {
      if (starts(r, op)) return redirect(op, i, r, io);
    }
    if ((s_[r] == '<' || s_[r] == '>') && at(r + 1) != '(') return redirect(s_[r] == '<' ? "<" : ">", i, r, io);
    return word(i);
  }

  std::size_t redirect(const char* op, std::size_t start, std::size_t op_at, bool io) {
    Token t{TokenKind::redirect, op, start, io ? std::stoi(std::string(s_.substr(start, op_at - start))) : -1};
    tokens_.push_back(std::move(t));
    const std::string_view text(op);
    want_delimiter_ = text == "<<" || text == "<<-";
    strip_tabs_ = text == "<<-";
    return op_at + text.size();
  }

  std::size_t word(std::size_t i) {
    const std::size_t start = i;
    while (i < n_) {
      const char c = s_[i];
      if (is_blank(c) || c == '\n') break;
      if ((c == '<' || c == '>') && at(i + 1) == '(' && i == start) {
        i = skip_group(i + 1, '(', ')', 0);  // process substitution
        continue;
      }
      if (c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == ')') break;
      if (c == '(' && i == start) {
        i = skip_group(i, '(', ')', 0);  // "((" arithmetic command
        continue;
      }
      if (c == '(') break;
      i = skip_char_or_construct(i, 0);
    }
    if (i == start) i = start + 1;  // never stall
    push(TokenKind::word, std::string(s_.substr(start, i - start)), start);
    if (want_delimiter_) heredocs_.push_back({unquoted(tokens_.back().text), strip_tabs_});
    want_delimiter_ = false;
    return i;
  }

  // One character of a word, or a whole quoted / substituted part of it.
  std::size_t skip_char_or_construct(std::size_t i, int depth) {
    switch (s_[i]) {
      case '\\': return i + 2;
      case '\'': return find_after(i + 1, '\'');
      case '"': return skip_double(i, depth);
      case '`': return skip_backtick(i);
      case '$': return skip_dollar(i, depth);
      default: return i + 1;
    }
  }

  std::size_t skip_dollar(std::size_t i, int depth) {
    const char next = at(i + 1);
    if (next == '(') return skip_group(i + 1, '(', ')', depth + 1);
    if (next == '{') return skip_group(i + 1, '{', '}', depth + 1);
    if (next == '\'') {
      std::size_t j = i + 2;
      while (j < n_ && s_[j] != '\'') j += s_[j] == '\\' ? 2 : 1;
      return j + 1;
    }
    return i + 1;
  }

  std::size_t skip_double(std::size_t i, int depth) {
    std::size_t j = i + 1;
    while (j < n_ && s_[j] != '"') {
      if (s_[j] == '\\') {
        j += 2;
      } else if (s_[j] == '$') {
        j = skip_dollar(j, depth + 1);
      } else if (s_[j] == '`') {
        j = skip_backtick(j);
      } else {
        ++j;
      }
    }
    return j + 1;
  }

  std::size_t skip_backtick(std::size_t i) {
    std::size_t j = i + 1;
    while (j < n_ && s_[j] != '`') j += s_[j] == '\\' ? 2 : 1;
    return j + 1;
  }

  // From an opening bracket to just after its partner, minding quotes, nesting and comments.
  std::size_t skip_group(std::size_t i, char open, char close, int depth) {
    if (depth > kMaxNesting) return n_;
    int level = 0;
    std::size_t j = i;
    while (j < n_) {
      const char c = s_[j];
      if (c == open) {
        ++level;
        ++j;
      } else if (c == close) {
        ++j;
        if (--level == 0) return j;
      } else if (c == '#' && open == '(' && j > 0 && (is_blank(s_[j - 1]) || s_[j - 1] == '\n')) {
        while (j < n_ && s_[j] != '\n') ++j;
      } else {
        j = skip_char_or_construct(j, depth + 1);
      }
    }
    return n_;
  }

  std::size_t skip_heredoc_bodies(std::size_t i) {
    for (const Heredoc& doc : heredocs_) {
      while (i < n_) {
        std::size_t eol = s_.find('\n', i);
        if (eol == std::string_view::npos) eol = n_;
        std::string_view line = s_.substr(i, eol - i);
        if (doc.strip_tabs) {
          while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
        }
        i = eol < n_ ? eol + 1 : n_;
        if (line == doc.delimiter) break;
      }
    }
    heredocs_.clear();
    return i;
  }

  static std::string unquoted(const std::string& word) {
    std::string out;
    for (std::size_t k = 0; k < word.size(); ++k) {
      if (word[k] == '\'' || word[k] == '"') continue;
      if (word[k] == '\\' && k + 1 < word.size()) ++k;
      out += word[k];
    }
    return out;
  }

  std::size_t push(TokenKind kind, std::string text, std::size_t offset) {
    const std::size_t length = text.size();
    tokens_.push_back(Token{kind, std::move(text), offset, -1});
    if (kind != TokenKind::word) want_delimiter_ = false;
    return offset + length;
  }

  char at(std::size_t i) const { return i < n_ ? s_[i] : '\0'; }
  bool starts(std::size_t i, std::string_view op) const { return s_.substr(i, op.size()) == op; }
  std::size_t find_after(std::size_t i, char c) const {
    const std::size_t found = s_.find(c, i);
    return found == std::string_view::npos ? n_ : found + 1;
  }

  struct Heredoc {
    std::string delimiter;
    bool strip_tabs = false;
  };

  std::string_view s_;
  std::size_t n_;
  std::vector<Token> tokens_;
  std::vector<Heredoc> heredocs_;
  bool want_delimiter_ = false;
  bool strip_tabs_ = false;
};

}  // namespace

std::vector<Token> tokenize(std::string_view script) {
  return Lexer(script).run();
}

}  // namespace cdrun::shell
