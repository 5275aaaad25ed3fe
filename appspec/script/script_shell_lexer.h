// A small, forgiving tokenizer for POSIX sh / bash scripts (internal to script_lint*.cc).
// It knows just enough to tell a background `&` from `&&`, `>&`, `2>&1`, quotes, comments,
// heredoc bodies, `$(...)`, `${...}` and `$((...))`. It never fails: unknown text is a word, and
// unterminated quotes run to the end of the text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cdrun::shell {

enum class TokenKind {
  word,      // text: the word as written (quotes kept)
  op,        // text: "&", "&&", "||", ";", ";;", ";&", ";;&", "|", "|&", "(", ")"
  redirect,  // text: ">", ">>", ">|", ">&", "&>", "&>>", "<", "<<", "<<-", "<<<", "<>", "<&"
  newline,
};

struct Token {
  TokenKind kind = TokenKind::word;
  std::string text;
  std::size_t offset = 0;  // byte offset of the token's first character in the script
  int io_number = -1;      // redirects: the explicit fd ("2>" -> 2), -1 when none was written
};

std::vector<Token> tokenize(std::string_view script);

}  // namespace cdrun::shell
