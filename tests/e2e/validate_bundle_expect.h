// Assertions shared by the bundle, archive and script end-to-end tests: one diagnostic of a
// `cdrun validate --format json` run, checked field by field against values worked out by hand.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "validate_json.h"

namespace cdrun::e2e {

struct Expected {
  std::string code;
  std::string severity;
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
};

// The diagnostics with `code` and `file`, in report order.
inline std::vector<nlohmann::json> with_code_in(const JsonRun& run, const std::string& code, const std::string& file) {
  std::vector<nlohmann::json> out;
  for (const auto& d : with_code(run.report, code)) {
    if (d.value("file", "") == file) out.push_back(d);
  }
  return out;
}

// Passes when some diagnostic has e.code, e.file and e.message, and its severity, line and column
// are e's. Several diagnostics may share a code and file (CD304 lists three kinds of litter), so
// the message picks the one meant.
inline void expect_diagnostic(const JsonRun& run, const Expected& e) {
  const auto found = with_code(run.report, e.code);
  for (const auto& d : found) {
    if (d.value("file", "") != e.file || d.value("message", "") != e.message) continue;
    EXPECT_EQ(d["severity"], e.severity) << d.dump();
    EXPECT_EQ(d["line"], e.line) << d.dump();
    EXPECT_EQ(d["column"], e.column) << d.dump();
    return;
  }
  ADD_FAILURE() << "no " << e.code << " in " << e.file << " saying\n  " << e.message << "\nreport:\n"
                << run.report.dump(2) << "\nstderr: " << run.stderr_text;
}

// The number of diagnostics in the report with each severity.
inline int count_severity(const JsonRun& run, const std::string& severity) {
  int count = 0;
  if (!run.report.is_object() || !run.report.contains("diagnostics")) return -1;
  for (const auto& d : run.report["diagnostics"]) count += d.value("severity", "") == severity ? 1 : 0;
  return count;
}

}  // namespace cdrun::e2e
