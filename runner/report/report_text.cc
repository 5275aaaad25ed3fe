// The human-readable report: clang/ninja-style "file:line:col: severity: message", the offending
// source line with a caret, a hint, and a one-line verdict.
#include <algorithm>
#include <string>
#include <vector>

#include "runner/report/report.h"

namespace cdrun {
namespace {

// "1 error", "2 errors", "0 errors".
std::string plural(size_t count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

using report_detail::decode_utf8;

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kRed = "\x1b[1;31m";
constexpr const char* kMagenta = "\x1b[1;35m";
constexpr const char* kCyan = "\x1b[1;36m";
constexpr const char* kGreen = "\x1b[1;32m";
constexpr const char* kReset = "\x1b[0m";

// Lines longer than this are clipped to a window around the column so one minified line
// does not flood the terminal.
constexpr size_t kLongLine = 200;
constexpr size_t kWindowBefore = 80;
constexpr size_t kWindowWidth = 160;
constexpr const char* kEllipsis = "...";

bool is_printable(long code_point, bool keep_tabs) {
  if (code_point < 0) return false;  // a byte that is not UTF-8
  if (code_point == '\t') return keep_tabs;
  if (code_point < 0x20 || code_point == 0x7F) return false;
  if (code_point >= 0x80 && code_point <= 0x9F) return false;  // C1 controls, e.g. 0x9B starts a CSI
  // Bidirectional overrides and line separators would make the shown line lie about its content.
  if (code_point >= 0x202A && code_point <= 0x202E) return false;
  if (code_point >= 0x2066 && code_point <= 0x2069) return false;
  return code_point != 0x2028 && code_point != 0x2029;
}

// Replaces each unprintable character (or stray byte) with one '?', so character counts,
// and therefore caret positions, are unchanged.
std::string terminal_safe(const std::string& text, bool keep_tabs) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    const auto step = decode_utf8(text, pos);
    if (is_printable(step.code_point, keep_tabs)) {
      out.append(text, pos, step.length);
    } else {
      out += '?';
    }
    pos += step.length;
  }
  return out;
}

const char* severity_color(Severity severity) {
  switch (severity) {
    case Severity::error: return kRed;
    case Severity::warning: return kMagenta;
    case Severity::note: return kCyan;
  }
  return kRed;
}

std::string paint(const std::string& text, const char* color, const TextStyle& style) {
  return style.color ? color + text + kReset : text;
}

void write_heading(std::ostream& out, const Diagnostic& d, const TextStyle& style) {
  if (!d.file.empty() || !d.option.empty()) out << paint(terminal_safe(report_detail::location_text(d), false), kBold, style) << ": ";
  out << paint(severity_name(d.severity), severity_color(d.severity), style) << ": "
      << terminal_safe(d.message, false);
  if (!d.code.empty()) out << " [" << terminal_safe(d.code, false) << ']';
  out << '\n';
}

// The source line (clipped when long) and, when there is a column, a caret under it.
void write_excerpt(std::ostream& out, const std::string& line, int column, const TextStyle& style) {
  std::vector<size_t> starts;  // byte offset of each character, plus one past the end
  for (size_t pos = 0; pos < line.size(); pos += decode_utf8(line, pos).length) starts.push_back(pos);
  const size_t count = starts.size();
  starts.push_back(line.size());

  const size_t caret = column > 0 ? std::min(static_cast<size_t>(column - 1), count) : 0;
  size_t first = 0;
  size_t last = count;
  if (count > kLongLine) {
    first = caret > kWindowBefore ? caret - kWindowBefore : 0;
    last = std::min(count, first + kWindowWidth);
    first = last > kWindowWidth ? last - kWindowWidth : 0;
  }
  const std::string lead = first > 0 ? kEllipsis : "";
  out << lead << terminal_safe(line.substr(starts[first], starts[last] - starts[first]), true)
      << (last < count ? kEllipsis : "") << '\n';
  if (column <= 0) return;

  // Tabs are repeated in the padding so the caret lands where the terminal put the character.
  std::string padding(lead.size(), ' ');
  for (size_t i = first; i < caret; ++i) padding += line[starts[i]] == '\t' ? '\t' : ' ';
  out << padding << paint("^", kGreen, style) << '\n';
}

void write_agent(std::ostream& out, const AgentReport& agent) {
  out << "agent ";
  if (!agent.version.empty()) out << terminal_safe(agent.version, false) << ' ';
  out << terminal_safe(agent.agent_os, false) << ": ";
  if (agent.crash) {
    out << "crashes (internal Ruby error)";
  } else if (agent.accepts) {
    out << "accepts";
  } else {
    out << "rejects";
    if (agent.message) out << ": " << terminal_safe(*agent.message, false);
  }
  out << '\n';
}

}  // namespace

void write_text(std::ostream& out, const Report& report, const TextStyle& style) {
  for (const Diagnostic& d : report_detail::sorted_diagnostics(report.diagnostics)) {
    write_heading(out, d, style);
    if (const auto line = report_detail::source_line(report, d.file, d.position.line)) {
      write_excerpt(out, *line, d.position.column, style);
    }
    if (!d.hint.empty()) out << "  hint: " << terminal_safe(d.hint, false) << '\n';
  }
  const auto counts = report_detail::count_severities(report.diagnostics);
  out << terminal_safe(report.target, false) << ": " << (report.valid() ? "valid" : "invalid") << " ("
      << plural(counts.errors, "error") << ", " << plural(counts.warnings, "warning") << ", " << plural(counts.notes, "note")
      << ")\n";
  for (const AgentReport& agent : report.agents) write_agent(out, agent);
}

}  // namespace cdrun
