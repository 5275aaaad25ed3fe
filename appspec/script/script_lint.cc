// lint_script: what breaks a hook script on the instance before or while it runs (byte-level
// problems, the "#!" line, and shell rules), with line:column positions.
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "appspec/script/script_lint.h"
#include "appspec/script/script_lint_rules.h"

namespace cdrun {

namespace {

using script_rules::Finding;

// Byte offset -> 1-based line and column; columns count UTF-8 characters, as the YAML side does.
class LineMap {
 public:
  explicit LineMap(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }
  Position at(std::size_t offset) const {
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset) - 1;
    int column = 1;
    for (std::size_t i = *it; i < offset && i < text_.size(); ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
    }
    return {static_cast<int>(it - starts_.begin()) + 1, column};
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The script's own path for a shell command in a hint: "bundle.zip!scripts/a.sh" -> "scripts/a.sh".
std::string local_path(const std::string& display_path) {
  const std::size_t bang = display_path.rfind('!');
  return bang == std::string::npos ? display_path : display_path.substr(bang + 1);
}

// The first "\r" that ends a line (CRLF, or a CR before the end of the text).
std::size_t first_carriage_return(std::string_view text) {
  for (std::size_t i = text.find('\r'); i != std::string_view::npos; i = text.find('\r', i + 1)) {
    if (i + 1 == text.size() || text[i + 1] == '\n') return i;
  }
  return std::string_view::npos;
}

// What the kernel (or env) says when the "#!" line ends in "\r".
std::string carriage_return_on_shebang(std::string_view first_line) {
  std::vector<std::size_t> offsets;
  const std::vector<std::string> words = script_rules::shebang_words(first_line.size() > 2 ? first_line.substr(2) : std::string_view(), 2, offsets);
  if (words.size() == 1) return "the hook fails with \"" + words[0] + "^M: bad interpreter\"";
  if (words.size() == 2 && words[0].size() >= 4 && words[0].compare(words[0].size() - 4, 4, "/env") == 0) {
    return "the hook fails with \"" + words[0] + ": '" + words[1] + "\\r': No such file or directory\"";
  }
  return "the \"#!\" line's last argument reaches the interpreter with a trailing \"\\r\"";
}

}  // namespace

namespace script_rules {

std::vector<Finding> deployment_group_name_paths(std::string_view script) {
  static constexpr std::string_view kName = "DEPLOYMENT_GROUP_NAME";
  std::vector<Finding> out;
  bool script_mentions_root = false;
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= script.size();) {
    std::size_t end = script.find('\n', start);
    if (end == std::string_view::npos) end = script.size();
    std::string_view line = script.substr(start, end - start);
    const std::size_t first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos && line[first] == '#' && !(start == 0 && line.substr(0, 2) == "#!")) line = {};
    if (line.find("deployment-root") != std::string_view::npos) script_mentions_root = true;
    lines.push_back(line);
    start = end + 1;
  }
  for (std::string_view line : lines) {
    if (!script_mentions_root) break;
    const bool line_has_root = line.find("deployment-root") != std::string_view::npos;
    for (std::size_t at = line.find(kName); at != std::string_view::npos; at = line.find(kName, at + 1)) {
      const std::size_t end = at + kName.size();
      if ((at > 0 && is_identifier_char(line[at - 1])) || (end < line.size() && is_identifier_char(line[end]))) continue;
      std::size_t use = at;  // the "$" or "${" that expands it, when there is one
      if (use >= 1 && line[use - 1] == '$') use -= 1;
      else if (use >= 2 && line[use - 1] == '{' && line[use - 2] == '$') use -= 2;
      const std::size_t after = end < line.size() && line[end] == '}' ? end + 1 : end;
      const bool in_path = (use > 0 && line[use - 1] == '/') || (after < line.size() && line[after] == '/');
      if (!line_has_root && !in_path) continue;
      const std::size_t offset = static_cast<std::size_t>(line.data() - script.data()) + use;
      out.push_back(Finding{offset, Severity::warning, "CD356",
                            "DEPLOYMENT_GROUP_NAME used in a deployment-root path; the agent names that directory "
                            "after the deployment group ID, not its name",
                            "use $DEPLOYMENT_GROUP_ID: <root_dir>/$DEPLOYMENT_GROUP_ID/$DEPLOYMENT_ID/deployment-archive"});
      break;  // one finding per line is enough
    }
  }
  return out;
}

}  // namespace script_rules

Diagnostics lint_script(const std::string& text, const std::string& display_path, unsigned mode,
                        bool check_executable) {
  Diagnostics out;
  auto add = [&](Severity severity, const char* code, std::string message, Position position, std::string hint) {
    out.push_back(make_diagnostic(severity, code, std::move(message), display_path, position, std::move(hint)));
  };
  // Harmless on the instance: agent 1.8 runs chmod +x itself before it runs the script
  // (agent-behavior.md 5.2), so this is only a note.
  if (check_executable && (mode & 0111u) == 0) {
    const std::string path = local_path(display_path);
    char octal[8];
    std::snprintf(octal, sizeof octal, "%04o", mode & 07777u);
    add(Severity::note, "CD358",
        "script is not executable (mode " + std::string(octal) + "); the agent logs \"is not executable.  Trying to "
        "make it executable.\" and runs chmod +x on its copy",
        {}, "chmod +x " + path + " (in git: git update-index --chmod=+x " + path + ")");
  }
  if (text.find('\0') != std::string::npos) {
    add(Severity::note, "CD357", "binary file (contains NUL bytes); script checks skipped", {}, "");
    return out;
  }
  const LineMap lines(text);
  std::vector<Finding> findings;
  std::size_t body = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    body = 3;
    add(Severity::error, "CD350",
        "script starts with a UTF-8 byte order mark; the kernel does not see \"#!\" and the hook fails "
        "(\"command not found\" or \"Exec format error\")",
        {1, 1}, "save the file as UTF-8 without BOM (e.g. sed -i '1s/^\\xEF\\xBB\\xBF//' " + local_path(display_path) + ")");
  }

  std::size_t first_eol = text.find('\n');
  if (first_eol == std::string::npos) first_eol = text.size();
  std::string_view first_line(text.data() + body, first_eol - body);
  if (!first_line.empty() && first_line.back() == '\r') first_line.remove_suffix(1);
  const bool has_shebang = first_line.substr(0, 2) == "#!";
  bool is_shell = true;
  if (has_shebang) {
    is_shell = script_rules::analyse_shebang(first_line, body, findings).is_shell;
  } else if (const std::optional<std::size_t> late = script_rules::late_shebang(text, body)) {
    const std::size_t eol = std::min(text.find_first_of("\r\n", *late), text.size());
    const std::string written(text, *late, eol - *late);
    const Position at = lines.at(*late);
    add(Severity::warning, "CD352",
        "\"" + written + "\" on line " + std::to_string(at.line) + " is only a comment: the kernel reads \"#!\" at the "
        "first byte of the file alone, so the agent's Ruby spawn falls back to running the script with /bin/sh",
        at, "move the \"#!\" line to the very top, with nothing before it");
  } else {
    add(Severity::warning, "CD352",
        "script has no \"#!\" line; the agent's Ruby spawn falls back to running it with /bin/sh", {1, 1},
        "start it with #!/bin/bash (or the interpreter it is written for)");
  }

  const std::size_t cr = first_carriage_return(text);
  if (cr != std::string::npos && (is_shell || cr < first_eol)) {
    const bool on_shebang = has_shebang && cr < first_eol;
    add(Severity::error, "CD351",
        "script has Windows (CRLF) line endings; " +
            (on_shebang ? carriage_return_on_shebang(first_line) : "the shell fails with \"$'\\r': command not found\""),
        lines.at(cr), "convert it to LF line endings (dos2unix " + local_path(display_path) + "; in git: .gitattributes `*.sh text eol=lf`)");
  }

  if (is_shell) {
    for (Finding& f : script_rules::lingering_background_jobs(text)) findings.push_back(std::move(f));
  }
  for (Finding& f : script_rules::deployment_group_name_paths(text)) findings.push_back(std::move(f));
  for (Finding& f : findings) {
    add(f.severity, f.code.c_str(), std::move(f.message), lines.at(f.offset), std::move(f.hint));
  }
  return out;
}

Diagnostics lint_script_for_agent2_deploy_local(const std::string& text, const std::string& display_path) {
  if (text.find('\0') != std::string::npos) return {};
  if (text.compare(0, 2, "#!") == 0) {
    std::vector<Finding> ignored;
    const std::string_view first_line(text.data(), std::min(text.find_first_of("\r\n"), text.size()));
    if (!script_rules::analyse_shebang(first_line, 0, ignored).is_shell) return {};
  }
  const std::optional<Finding> found = script_rules::umask_dependent_creation(text);
  if (!found) return {};
  return {make_diagnostic(found->severity, found->code, found->message, display_path, LineMap(text).at(found->offset), found->hint)};
}

}  // namespace cdrun
