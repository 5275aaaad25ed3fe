// Shared by the ECS and Lambda end-to-end tests: the valid appspecs that the tests change one
// line of, and a check that runs the built cdrun on one appspec text and compares a finding field
// by field. Line and column numbers in the tests are counted from the layouts annotated below.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "validate_json.h"

namespace cdrun::e2e {

inline const std::string kEcsTaskDefinitionArn = "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3";

// Nine lines; Properties' keys start at column 9, Hooks (when a test adds them) on line 10.
inline const std::string kValidEcs =
    "version: 0.0\n"                                   // 1
    "Resources:\n"                                     // 2
    "  - TargetService:\n"                             // 3: '-' at 3, name at 5
    "      Type: AWS::ECS::Service\n"                  // 4: key at 7, value at 13
    "      Properties:\n"                              // 5
    "        TaskDefinition: " + kEcsTaskDefinitionArn + "\n"  // 6: key at 9, value at 25
    "        LoadBalancerInfo:\n"                      // 7
    "          ContainerName: web\n"                   // 8: key at 11, value at 26
    "          ContainerPort: 80\n";                   // 9: key at 11, value at 26

// Nine lines in the same layout as kValidEcs.
inline const std::string kValidLambda =
    "version: 0.0\n"                       // 1
    "Resources:\n"                         // 2
    "  - MyFunction:\n"                    // 3: '-' at 3, name at 5
    "      Type: AWS::Lambda::Function\n"  // 4: key at 7, value at 13
    "      Properties:\n"                  // 5
    "        Name: my-function\n"          // 6: key at 9, value at 15
    "        Alias: live\n"                // 7: key at 9, value at 16
    "        CurrentVersion: 1\n"          // 8: key at 9, value at 25
    "        TargetVersion: 2\n";          // 9: key at 9, value at 24

// A finding written by hand. exit_code -1 means "1 for an error, else 0": tests of warnings and
// notes therefore use appspecs that have no error at all.
struct Finding {
  std::string code;
  std::string severity;
  int line;
  int column;
  std::string message;
  int exit_code = -1;
};

// `text` with the first `from` replaced by `to`; a test whose `from` is missing fails loudly
// instead of silently checking the unchanged appspec.
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) {
    ADD_FAILURE() << "'" << from << "' is not in the appspec";
    return text;
  }
  return text.replace(at, from.size(), to);
}

inline std::string repeated(const std::string& line, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += line;
  return out;
}

// Validates `appspec` (as appspec.yml) with --format json plus `args`, checks the report's platform,
// the exit status and the first finding with f.code. Returns that finding for further checks
// (null when it is missing).
inline nlohmann::json expect_finding(const std::string& platform, const std::string& appspec, const Finding& f,
                                     const std::vector<std::string>& args = {}) {
  SCOPED_TRACE(f.code + " " + f.message);  // failures are reported here, not at the calling test line
  TempDir dir;
  const JsonRun run = validate_appspec_text(dir, appspec, args);
  if (!run.report.is_object()) {
    ADD_FAILURE() << "no JSON report; stderr: " << run.stderr_text;
    return nullptr;
  }
  EXPECT_EQ(run.report["platform"], platform) << appspec;
  EXPECT_EQ(run.exit_code, f.exit_code >= 0 ? f.exit_code : f.severity == "error" ? 1 : 0) << run.report.dump(2);
  const auto found = with_code(run.report, f.code);
  if (found.empty()) {
    ADD_FAILURE() << f.code << " missing for\n" << appspec << "in\n" << run.report.dump(2);
    return nullptr;
  }
  const nlohmann::json& d = found[0];
  EXPECT_EQ(d["severity"], f.severity) << d.dump();
  EXPECT_EQ(d["line"], f.line) << d.dump();
  EXPECT_EQ(d["column"], f.column) << d.dump();
  EXPECT_EQ(d["message"], f.message) << d.dump();
  return d;
}

// Validates `appspec` and expects it judged on `platform`, valid, with no `code` and no warning.
inline void expect_clean_of(const std::string& platform, const std::string& appspec, const std::string& code) {
  SCOPED_TRACE("no " + code);
  TempDir dir;
  const JsonRun run = validate_appspec_text(dir, appspec);
  EXPECT_EQ(run.report["platform"], platform) << run.report.dump(2);
  EXPECT_TRUE(with_code(run.report, code).empty()) << run.report.dump(2);
  EXPECT_EQ(run.report["summary"]["warnings"], 0) << run.report.dump(2);
  EXPECT_EQ(run.exit_code, 0);
}

inline nlohmann::json expect_ecs(const std::string& appspec, const Finding& f, const std::vector<std::string>& args = {}) {
  return expect_finding("ecs", appspec, f, args);
}

inline nlohmann::json expect_lambda(const std::string& appspec, const Finding& f,
                                    const std::vector<std::string>& args = {}) {
  return expect_finding("lambda", appspec, f, args);
}

// The codes of every finding in the report, in report order.
inline std::vector<std::string> codes_of(const nlohmann::json& report) {
  std::vector<std::string> codes;
  if (!report.is_object() || !report.contains("diagnostics")) return codes;
  for (const auto& d : report["diagnostics"]) codes.push_back(d.value("code", ""));
  return codes;
}

}  // namespace cdrun::e2e
