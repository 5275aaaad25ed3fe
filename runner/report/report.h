// The result of `cdrun validate` and the four ways of writing it (text, json, junit, sarif).
#pragma once

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "appspec/core/diagnostic.h"

namespace cdrun {

struct AgentReport {
  bool accepts = false;
  std::optional<std::string> message;  // the agent's exact message when it rejects without crashing
  bool crash = false;
  std::string agent_os;                // "linux" or "windows"
  std::string version;                 // "1.8" or "2"; "" when the report does not say whose verdict it is
};

struct Report {
  std::string target;                  // what was validated, as given on the command line
  std::string platform;                // "server", "ecs" or "lambda"
  // EC2/on-premises appspecs only: one verdict per selected agent; the first is the JSON's "agent".
  std::vector<AgentReport> agents;
  Diagnostics diagnostics;             // sorted by file, then position
  bool strict = false;                 // warnings count as failures
  // Text of the files named by diagnostics, for showing the offending line under a message.
  std::map<std::string, std::string> sources;
  // Why the target could not be read at all ("" when it was). The machine formats still write a
  // whole document saying so, because a CI report step fails on an empty or missing file.
  std::string read_error;

  bool valid() const;                  // read, no errors (and, with strict, no warnings)
};

struct TextStyle {
  bool color = false;
};

void write_text(std::ostream& out, const Report& report, const TextStyle& style);
void write_json(std::ostream& out, const Report& report);
void write_junit(std::ostream& out, const Report& report);
void write_sarif(std::ostream& out, const Report& report);

// Helpers shared by the four writers (runner/report/report.cc). Not meant for callers outside runner/report/report*.cc.
namespace report_detail {

struct SeverityCounts {
  int errors = 0;
  int warnings = 0;
  int notes = 0;
};

SeverityCounts count_severities(const Diagnostics& diagnostics);

// Whether this diagnostic makes the report invalid (errors always; warnings only under strict).
bool fails(const Report& report, const Diagnostic& diagnostic);

// Stable copy ordered by file, then line, then column, so every format lists findings alike.
Diagnostics sorted_diagnostics(const Diagnostics& diagnostics);

// "file:line:col", "file:line" (column 0) or "file" (line 0); "cdrun validate --events" for a
// finding about that option.
std::string location_text(const Diagnostic& diagnostic);

// Line `line` (1-based) of `file` from report.sources without its "\n" or "\r\n"; nullopt if unknown.
std::optional<std::string> source_line(const Report& report, const std::string& file, int line);

// One step of strict UTF-8 decoding at text[pos]. A malformed, overlong or surrogate sequence
// yields code_point -1 and length 1, so callers can treat the bad byte on its own.
struct Utf8Step {
  long code_point = -1;
  size_t length = 1;
};
Utf8Step decode_utf8(const std::string& text, size_t pos);

// `text` for an XML document: markup characters escaped, what XML 1.0 cannot carry dropped; in
// attributes (`attribute`), tab and newlines as character references so parsers keep them.
std::string xml_escape(const std::string& text, bool attribute);

}  // namespace report_detail

}  // namespace cdrun
