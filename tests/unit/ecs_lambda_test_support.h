// Helpers for the ECS and Lambda appspec tests: parse a text, run a checker, and assert on one
// finding with a failure message that lists everything that was found.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <string_view>

#include "appspec/core/diagnostic.h"
#include "appspec/ecs_lambda/ecs_lambda.h"
#include "appspec/yaml/yaml_tree.h"

namespace cdrun::ecs_lambda_test {

inline std::string listing(const Diagnostics& diagnostics) {
  std::ostringstream out;
  if (diagnostics.empty()) out << "  (no findings)\n";
  for (const Diagnostic& d : diagnostics) {
    out << "  " << d.code << ' ' << severity_name(d.severity) << " at " << d.position.line << ':' << d.position.column
        << ": " << d.message << " [hint: " << d.hint << "]\n";
  }
  return out.str();
}

inline Diagnostics check(Platform platform, std::string_view text) {
  const yaml::Document document = yaml::parse_first_document(text);
  if (document.error) {
    ADD_FAILURE() << "the test input is not valid YAML: " << document.error->psych_message;
    return {};
  }
  if (!document.root) {
    ADD_FAILURE() << "the test input has no document";
    return {};
  }
  return platform == Platform::lambda ? check_lambda_appspec(*document.root, "appspec.yaml")
                                      : check_ecs_appspec(*document.root, "appspec.yaml");
}

inline Diagnostics check_ecs(std::string_view text) { return check(Platform::ecs, text); }
inline Diagnostics check_lambda(std::string_view text) { return check(Platform::lambda, text); }

// Some finding has this code, severity and position.
inline ::testing::AssertionResult has_finding(const Diagnostics& diagnostics, std::string_view code, Severity severity,
                                              int line, int column) {
  const bool found = std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
    return d.code == code && d.severity == severity && d.position.line == line && d.position.column == column;
  });
  if (found) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected " << code << ' ' << severity_name(severity) << " at " << line << ':'
                                       << column << ", found:\n"
                                       << listing(diagnostics);
}

inline ::testing::AssertionResult has_no_finding(const Diagnostics& diagnostics, std::string_view code) {
  const bool found =
      std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) { return d.code == code; });
  if (!found) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected no " << code << ", found:\n" << listing(diagnostics);
}

inline ::testing::AssertionResult is_clean(const Diagnostics& diagnostics) {
  if (diagnostics.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected no findings, found:\n" << listing(diagnostics);
}

// The hint of the first finding with `code` ("" when there is none).
inline std::string hint_of(const Diagnostics& diagnostics, std::string_view code) {
  for (const Diagnostic& d : diagnostics) {
    if (d.code == code) return d.hint;
  }
  return {};
}

inline std::string message_of(const Diagnostics& diagnostics, std::string_view code) {
  for (const Diagnostic& d : diagnostics) {
    if (d.code == code) return d.message;
  }
  return {};
}

}  // namespace cdrun::ecs_lambda_test
