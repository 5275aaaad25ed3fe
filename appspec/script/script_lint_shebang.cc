// CD353 / CD354: the "#!" line names an interpreter the instance is unlikely to have, or a relative
// path the kernel would resolve against the agent's working directory.
#include <algorithm>
#include <cctype>

#include "appspec/script/script_lint_rules.h"

namespace cdrun::script_rules {

namespace {

struct Interpreter {
  const char* name;
  bool is_shell;  // whether the shell-only rules apply
};

// Interpreter basenames a hook script plausibly names, most common first: "did you mean" keeps the
// first of equally close names, so "bsah" becomes bash rather than ash.
const std::vector<Interpreter>& known_interpreters() {
  static const std::vector<Interpreter> known{
      {"bash", true},    {"sh", true},      {"python3", false}, {"python", false}, {"env", true},
      {"perl", false},   {"ruby", false},   {"node", false},    {"php", false},    {"dash", true},
      {"zsh", true},     {"ksh", true},     {"python2", false}, {"nodejs", false}, {"pwsh", false},
      {"awk", false},    {"gawk", false},   {"expect", false},  {"tclsh", false},  {"lua", false},
      {"mksh", true},    {"busybox", true}, {"fish", false},    {"csh", false},    {"tcsh", false},
      {"ash", true}};
  return known;
}

// "python3.11" counts as python3.
std::string canonical(const std::string& name) {
  const std::size_t dot = name.find('.');
  if (dot != std::string::npos && name.compare(0, 7, "python3") == 0 &&
      std::all_of(name.begin() + static_cast<long>(dot) + 1, name.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return "python3";
  }
  return name;
}

std::string basename_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

Finding finding(std::size_t offset, const char* code, std::string message, std::string hint) {
  return Finding{offset, Severity::warning, code, std::move(message), std::move(hint)};
}

}  // namespace

Shebang analyse_shebang(std::string_view line, std::size_t base, std::vector<Finding>& findings) {
  Shebang out;
  std::vector<std::size_t> offsets;
  const std::vector<std::string> words = shebang_words(line.substr(2), base + 2, offsets);
  if (words.empty()) {
    findings.push_back(finding(base, "CD353", "the \"#!\" line names no interpreter",
                               "start the script with #!/bin/bash (or the interpreter it needs)"));
    return out;
  }
  out.interpreter = words[0];
  if (out.interpreter.front() != '/') {
    findings.push_back(finding(offsets[0], "CD354",
                               "the \"#!\" interpreter \"" + out.interpreter +
                                   "\" is a relative path; the kernel resolves it against the agent's working directory",
                               "use an absolute path, e.g. #!/usr/bin/env " + basename_of(out.interpreter)));
  }
  const auto& known = known_interpreters();
  std::vector<std::string> names;
  for (const Interpreter& i : known) names.emplace_back(i.name);

  std::string name = canonical(basename_of(out.interpreter));
  std::size_t name_offset = offsets[0];
  if (name == "env") {
    std::size_t k = 1;
    while (k < words.size() && words[k].front() == '-') ++k;  // "env -S bash -e"
    if (k == words.size()) {
      findings.push_back(finding(offsets[0], "CD353", "\"#!" + out.interpreter + "\" names no program to run",
                                 "name the interpreter after env, e.g. #!/usr/bin/env bash"));
      return out;
    }
    name = canonical(basename_of(words[k]));
    name_offset = offsets[k];
    if (name == "env") name = "";  // "env env" is not an interpreter
  }
  out.program = name;

  auto it = std::find_if(known.begin(), known.end(), [&name](const Interpreter& i) { return name == i.name; });
  if (it == known.end()) {
    const std::string close = did_you_mean(name, names);
    const bool via_env = name_offset != offsets[0];
    const std::string corrected = via_env ? out.interpreter + " " + close
                                          : out.interpreter.substr(0, out.interpreter.rfind('/') + 1) + close;
    findings.push_back(finding(name_offset, "CD353",
                               "the \"#!\" line names \"" + name + "\", which is not a known script interpreter; "
                               "if it does not exist on the instance the hook fails with \"bad interpreter\"",
                               close.empty() ? "use #!/bin/bash, #!/bin/sh or #!/usr/bin/env <interpreter>"
                                             : "did you mean #!" + corrected + "?"));
    return out;
  }
  out.is_shell = it->is_shell;
  return out;
}

std::vector<std::string> shebang_words(std::string_view text, std::size_t base, std::vector<std::size_t>& offsets) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) {
      words.emplace_back(text.substr(start, i - start));
      offsets.push_back(base + start);
    }
  }
  return words;
}

std::optional<std::size_t> late_shebang(std::string_view script, std::size_t body) {
  std::size_t start = body;
  while (start < script.size()) {
    std::size_t end = script.find('\n', start);
    if (end == std::string_view::npos) end = script.size();
    const std::size_t text = script.find_first_not_of(" \t\r", start);
    if (text < end) {
      if (script.compare(text, 2, "#!") == 0) return text;
      if (script[text] != '#') return std::nullopt;  // a command: the comment block at the top is over
    }
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace cdrun::script_rules
