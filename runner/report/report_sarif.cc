// SARIF 2.1.0 for GitHub code scanning: one rule per diagnostic code, one result per diagnostic.
#include <cstdio>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "appspec/core/diagnostic_codes.h"
#include "runner/report/report.h"

namespace cdrun {
namespace {

using Json = nlohmann::ordered_json;

const char* sarif_level(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

bool keep_in_uri(unsigned char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  // Unreserved characters, path separators and the sub-delimiters that are legal in a path
  // ("!" appears in "bundle.zip!scripts/start.sh"). ':' is escaped: in a first segment it would
  // read as a scheme.
  static const std::string kept = "-._~/!$&'()*+,;=@";
  return kept.find(static_cast<char>(c)) != std::string::npos;
}

// A relative URI reference for the file as the user sees it, with '/' separators.
std::string artifact_uri(std::string path) {
  for (char& c : path) {
    if (c == '\\') c = '/';
  }
  while (path.compare(0, 2, "./") == 0) path.erase(0, 2);
  std::string uri;
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (keep_in_uri(byte)) {
      uri += c;
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", byte);
      uri += escaped;
    }
  }
  return uri;
}

Json result_json(const Diagnostic& d, size_t rule_index) {
  Json result;
  result["ruleId"] = d.code;
  result["ruleIndex"] = rule_index;
  result["level"] = sarif_level(d.severity);
  // A finding about an option sits on the appspec it was checked against; the text names the option.
  const std::string about = d.option.empty() ? "" : report_detail::location_text(d) + ": ";
  result["message"] = {{"text", about + (d.hint.empty() ? d.message : d.message + " \u2014 " + d.hint)}};
  if (!d.file.empty()) {
    Json physical;
    physical["artifactLocation"] = {{"uri", artifact_uri(d.file)}};
    if (d.position.line > 0) {
      Json region;
      region["startLine"] = d.position.line;
      if (d.position.column > 0) region["startColumn"] = d.position.column;
      physical["region"] = region;
    }
    Json location;
    location["physicalLocation"] = physical;
    result["locations"] = Json::array({location});
  }
  return result;
}

Json rule_json(const Diagnostic& first_use) {
  Json rule;
  rule["id"] = first_use.code;
  // The rule's own description: a finding's message names the user's values and would describe
  // every later finding of the rule wrongly.
  const std::string summary = diagnostic_code_summary(first_use.code);
  rule["shortDescription"] = {{"text", summary.empty() ? first_use.code : summary}};
  rule["defaultConfiguration"] = {{"level", sarif_level(first_use.severity)}};
  return rule;
}

}  // namespace

void write_sarif(std::ostream& out, const Report& report) {
  Json rules = Json::array();
  Json results = Json::array();
  std::map<std::string, size_t> rule_index;
  for (const Diagnostic& d : report_detail::sorted_diagnostics(report.diagnostics)) {
    auto found = rule_index.find(d.code);
    if (found == rule_index.end()) {
      found = rule_index.emplace(d.code, rules.size()).first;
      rules.push_back(rule_json(d));
    }
    results.push_back(result_json(d, found->second));
  }

  Json driver;
  driver["name"] = "cdrun";
  driver["version"] = "0.1.0";
  driver["rules"] = rules;
  Json run;
  run["tool"] = {{"driver", driver}};
  run["results"] = results;
  if (!report.read_error.empty()) {
    // SARIF's way of saying the tool did not get to analyse anything (§3.20.14, §3.58).
    Json notification;
    notification["level"] = "error";
    notification["message"] = {{"text", report.read_error}};
    run["invocations"] = Json::array({{{"executionSuccessful", false},
                                       {"toolExecutionNotifications", Json::array({notification})}}});
  }
  Json sarif;
  sarif["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  sarif["version"] = "2.1.0";
  sarif["runs"] = Json::array({run});
  // Messages quote user input, which may be any bytes; replace bad UTF-8 rather than throw.
  out << sarif.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace cdrun
