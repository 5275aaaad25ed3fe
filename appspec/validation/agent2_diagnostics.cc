// Agent 2.x's verdict as diagnostics. When both agents are selected and only one of them rejects
// the file, the diagnostic says what each agent does with the value and how to write it so that
// both accept it; the advice follows from the two rule sets (agent2-behavior.md §6,
// conformance/agent2/README.md) and each case is checked against both parsers in the tests.
#include <set>

#include "appspec/validation/validation.h"

namespace cdrun {
namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

// The last key of a serde_yaml path ("hooks.ApplicationStart[0].timeout" -> "timeout").
std::string last_key(const std::string& field) {
  const size_t dot = field.rfind('.');
  return dot == std::string::npos ? field : field.substr(dot + 1);
}

// The plain scalar written at `position` (1-based line, character column), up to a comment.
std::string scalar_text_at(const std::string& text, Position position) {
  if (position.line <= 0 || position.column <= 0) return {};
  size_t begin = 0;
  for (int line = 1; line < position.line; ++line) {
    begin = text.find('\n', begin);
    if (begin == std::string::npos) return {};
    ++begin;
  }
  for (int column = 1; column < position.column && begin < text.size() && text[begin] != '\n'; ++column) {
    do ++begin;
    while (begin < text.size() && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80);
  }
  size_t end = text.find_first_of("\r\n", begin);
  std::string value = text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  if (size_t comment = value.find(" #"); comment != std::string::npos) value.resize(comment);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
  return value;
}

std::string without_leading_zeros(const std::string& digits) {
  const size_t first = digits.find_first_not_of('0');
  return first == std::string::npos ? "0" : digits.substr(first);
}

Diagnostic disagreement(const char* code, std::string message, std::string hint, const std::string& file, Position position) {
  return make_diagnostic(Severity::error, code, std::move(message), file, position, std::move(hint));
}

// Agent 1.8 accepts the file, agent 2.x refuses it.
Diagnostic only_agent2_rejects(const Agent2Verdict& two, const std::string& file) {
  const std::string key = last_key(two.field);
  const std::string shown = two.value.empty() ? key : key + ": " + two.value;
  const std::string lead = "agent 1.8 accepts " + shown + " but agent 2.x rejects it: ";
  if (two.error_kind == Agent2ErrorKind::yaml && key == "timeout" && two.field != "timeout") {
    const std::string digits = two.value.substr(0, two.value.find_first_not_of("0123456789"));
    const std::string seconds = digits.empty() || without_leading_zeros(digits) == "0" ? "300" : without_leading_zeros(digits);
    return disagreement("CD111", lead + "it reads timeout only as a whole number of seconds",
                        "write the seconds as plain digits with no quotes, unit or leading zero, e.g. timeout: " + seconds +
                            "; both agents read that alike", file, two.position);
  }
  if (two.error_kind == Agent2ErrorKind::yaml && key == "sudo" && two.field != "sudo") {
    return disagreement("CD111", lead + "it reads sudo only as true or false, while agent 1.8 takes any other value as true",
                        "write sudo: true or sudo: false, unquoted; both agents read those alike", file, two.position);
  }
  if (two.error_kind == Agent2ErrorKind::yaml && (two.field == "hooks" || two.field == "files" || two.field == "permissions")) {
    const std::string shape = two.field == "hooks" ? "a mapping of events to script lists" : "a list of entries";
    return disagreement("CD111", lead + two.field + " must be " + shape + " or have no value at all, while agent 1.8 ignores " +
                                     "a value of the wrong type",
                        "remove the line `" + two.field + ": ...` (or give it real entries); both agents then read no " + two.field,
                        file, two.position);
  }
  if (two.error_kind == Agent2ErrorKind::yaml && ends_with(two.message, "more than one document is not supported")) {
    return disagreement("CD111", "agent 1.8 reads only the first YAML document and ignores this one, but agent 2.x rejects a "
                                 "file with more than one document",
                        "delete everything from this document's start on, or merge it into the first document", file,
                        two.position);
  }
  if (two.error_kind == Agent2ErrorKind::yaml && two.message.find("duplicate field") != std::string::npos) {
    return disagreement("CD111", "agent 1.8 accepts a key written twice (the later value wins), but agent 2.x rejects it: " +
                                     two.message,
                        "keep one of the two keys, with the value you mean", file, two.position);
  }
  return disagreement("CD111", "agent 1.8 accepts this, but agent 2.x rejects it: " + two.message,
                      "change the value so that agent 2.x accepts it too; agent 1.8 rejects nothing that this fix needs",
                      file, two.position);
}

// Agent 1.8 refuses the file, agent 2.x accepts it.
Diagnostic only_agent18_rejects(const AgentFinding& one, AgentOs os, const std::string& text, const std::string& file) {
  const std::string lead = "agent 2.x accepts this but agent 1.8 rejects it: ";
  if (one.error_class == "Psych::BadAlias") {
    return disagreement("CD112", lead + "agent 1.8 (on Ruby 3.1 or later) refuses YAML anchors and aliases, agent 2.x follows them",
                        "write the anchored value out in full in place of each *alias and remove the &anchor", file,
                        one.position);
  }
  if (one.error_class == "Psych::DisallowedClass") {
    return disagreement("CD112", lead + "agent 1.8 (on Ruby 3.1 or later) refuses a date, time or Ruby object here, agent 2.x "
                                 "reads it as text",
                        "quote the value so that both agents read it as text", file, one.position);
  }
  if (starts_with(one.message, "The deployment failed because the application specification file specifies an unsupported "
                               "operating system")) {
    const std::string host = os == AgentOs::windows ? "Windows" : "Linux";
    const std::string written = os == AgentOs::windows ? "linux" : "windows";
    return disagreement("CD112", lead + "agent 1.8 on a " + host + " instance refuses os: " + written +
                                     ", agent 2.x does not compare os with the instance",
                        "write os: " + std::string(os == AgentOs::windows ? "windows" : "linux") + " for " + host +
                            " instances (check the other kind with --agent-os " + written + ")",
                        file, one.position);
  }
  const std::string mode = scalar_text_at(text, one.position);
  if (starts_with(one.message, "The deployment failed because the permissions mode") ||
      starts_with(one.message, "The deployment failed because the length of a permissions mode")) {
    if (mode.size() > 1 && mode[0] == '0' && mode.find_first_not_of("01234567") == std::string::npos) {
      return disagreement("CD112", lead + "agent 1.8 reads the unquoted mode " + mode +
                                       " as a YAML 1.1 octal number (its decimal value), agent 2.x reads the text " + mode,
                          "write mode: " + without_leading_zeros(mode) + " (no leading zero); both agents read that alike",
                          file, one.position);
    }
  }
  if (one.crash) {
    return disagreement("CD112", lead + "agent 1.8's parser crashes here (" + one.explanation + ")",
                        "change the value so that agent 1.8 reads it; agent 2.x accepts the usual forms", file, one.position);
  }
  return disagreement("CD112", lead + one.message,
                      "change the value so that agent 1.8 accepts it; agent 2.x accepts the usual forms", file, one.position);
}

std::string agent2_hint(const Agent2Verdict& two) {
  if (two.error_kind == Agent2ErrorKind::yaml)
    return "agent 2.x types the appspec with serde_yaml (YAML 1.2): strings stay strings, numbers and booleans must be "
           "plain, and every value must have the shape its field needs";
  return "agent 2.x (the Rust agent) gives this message; fix the value shown";
}

}  // namespace

bool is_agent18_only_rule(const std::string& code) {
  static const std::set<std::string> codes{"CD108", "CD204", "CD209", "CD210", "CD211", "CD212", "CD228", "CD232"};
  return codes.count(code) > 0;
}

Diagnostics agent2_diagnostics(const AgentVerdicts& verdicts, const std::string& text, const std::string& file) {
  Diagnostics out;
  if (!verdicts.v2) return out;
  const Agent2Verdict& two = *verdicts.v2;
  const AgentVerdict* one = verdicts.v1_8;
  if (!two.accepts) {
    if (one && one->accepts) {
      out.push_back(only_agent2_rejects(two, file));
    } else {
      out.push_back(make_diagnostic(Severity::error, "CD110", two.message, file, two.position, agent2_hint(two)));
    }
  } else if (one && !one->accepts && one->first()) {
    out.push_back(only_agent18_rejects(*one->first(), verdicts.os, text, file));
  }
  return out;
}

Diagnostics agent2_appspec_filename_diagnostics(const std::string& filename, const std::string& bundle_display) {
  // The service-spec check of agent 2.1 (agent2-behavior.md 2.8): Rust's Path components, where a
  // leading "/" is the root component; "." and empty components are harmless.
  bool safe = !filename.empty() && filename.find_first_of(std::string("\\\0", 2)) == std::string::npos &&
              filename.front() != '/';
  for (size_t begin = 0; safe && begin <= filename.size();) {
    size_t end = filename.find('/', begin);
    if (end == std::string::npos) end = filename.size();
    safe = filename.compare(begin, end - begin, "..") != 0;
    begin = end + 1;
  }
  if (safe) return {};
  return {make_diagnostic(Severity::error, "CD309",
                          "agent 2.1 refuses this appspec file name for deployments from the service: AppSpecFilename "
                          "is not a safe revision-relative path: \"" + filename + "\" (codedeploy-local does not check it)",
                          bundle_display, {}, "give the appspec's path inside the revision, without \"..\" or a leading \"/\"")};
}

}  // namespace cdrun
