#include "runner/pack/ignore_rules.h"

#include <sstream>

namespace cdrun::pack {
namespace {

// A "[...]" at glob[at] against `c`. Returns where the class ends (one past "]") and whether `c`
// is in it; npos when there is no closing "]", and the "[" is then an ordinary character.
size_t match_class(const std::string& glob, size_t at, char c, bool* matched) {
  size_t i = at + 1;
  bool negated = false;
  if (i < glob.size() && (glob[i] == '!' || glob[i] == '^')) {
    negated = true;
    ++i;
  }
  bool found = false;
  for (bool first = true; i < glob.size(); first = false) {
    if (glob[i] == ']' && !first) {
      // A class never matches "/": gitignore matches with FNM_PATHNAME.
      *matched = c != '/' && found != negated;
      return i + 1;
    }
    char low = glob[i];
    if (low == '\\' && i + 1 < glob.size()) low = glob[++i];
    char high = low;
    if (i + 2 < glob.size() && glob[i + 1] == '-' && glob[i + 2] != ']') {
      high = glob[i + 2];
      if (high == '\\' && i + 3 < glob.size()) high = glob[++i + 2];
      i += 2;
    }
    const auto byte = [](char x) { return static_cast<unsigned char>(x); };
    if (byte(low) <= byte(c) && byte(c) <= byte(high)) found = true;
    ++i;
  }
  return std::string::npos;
}

bool match_from(const std::string& glob, size_t gi, const std::string& text, size_t ti) {
  while (gi < glob.size()) {
    char c = glob[gi];
    if (c == '*') {
      size_t after = gi;
      while (after < glob.size() && glob[after] == '*') ++after;
      const bool whole_segment = (gi == 0 || glob[gi - 1] == '/') && (after == glob.size() || glob[after] == '/');
      if (after - gi == 2 && whole_segment) {
        if (after == glob.size()) return true;  // "a/**": everything inside a
        // "**/": zero or more whole directories, so try each point that starts a path segment.
        for (size_t at = ti;;) {
          if (match_from(glob, after + 1, text, at)) return true;
          const size_t slash = text.find('/', at);
          if (slash == std::string::npos) return false;
          at = slash + 1;
        }
      }
      for (size_t at = ti;; ++at) {  // other runs of "*": any characters but "/"
        if (match_from(glob, after, text, at)) return true;
        if (at >= text.size() || text[at] == '/') return false;
      }
    }
    if (ti >= text.size()) return false;
    if (c == '?') {
      if (text[ti] == '/') return false;
    } else if (c == '[') {
      bool in_class = false;
      const size_t end = match_class(glob, gi, text[ti], &in_class);
      if (end != std::string::npos) {
        if (!in_class) return false;
        gi = end;
        ++ti;
        continue;
      }
      if (text[ti] != '[') return false;
    } else {
      if (c == '\\' && gi + 1 < glob.size()) c = glob[++gi];
      if (c != text[ti]) return false;
    }
    ++gi;
    ++ti;
  }
  return ti == text.size();
}

// Drops trailing spaces unless the last one is escaped ("\ ").
void trim_trailing_spaces(std::string* line) {
  while (!line->empty() && line->back() == ' ') {
    size_t backslashes = 0;
    for (size_t i = line->size() - 1; i > 0 && (*line)[i - 1] == '\\'; --i) ++backslashes;
    if (backslashes % 2 == 1) return;
    line->pop_back();
  }
}

}  // namespace

bool glob_matches(const std::string& glob, const std::string& text) { return match_from(glob, 0, text, 0); }

IgnoreRules IgnoreRules::parse(const std::string& text) {
  IgnoreRules rules;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // a file saved on Windows
    if (line.empty() || line[0] == '#') continue;
    trim_trailing_spaces(&line);
    IgnorePattern pattern;
    if (line[0] == '!') {
      pattern.negated = true;
      line.erase(0, 1);
    }
    if (!line.empty() && line.back() == '/') {
      pattern.directory_only = true;
      line.pop_back();
    }
    if (!line.empty() && line[0] == '/') {
      pattern.anchored = true;
      line.erase(0, 1);
    } else if (line.find('/') != std::string::npos) {
      pattern.anchored = true;
    }
    if (line.empty()) continue;
    pattern.glob = line;
    rules.patterns_.push_back(pattern);
  }
  return rules;
}

bool IgnoreRules::ignores(const std::string& path, bool is_directory) const {
  const size_t slash = path.rfind('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  bool ignored = false;
  for (const IgnorePattern& pattern : patterns_) {
    if (pattern.directory_only && !is_directory) continue;
    if (glob_matches(pattern.glob, pattern.anchored ? path : name)) ignored = !pattern.negated;
  }
  return ignored;
}

bool always_left_out(const std::string& name, bool is_directory) {
  // A ".git" file (a submodule's or a worktree's pointer) is repository metadata as much as the directory.
  return name == ".git" || name == ".DS_Store" || (is_directory && name == "__MACOSX");
}

}  // namespace cdrun::pack
