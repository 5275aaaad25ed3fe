// Helpers for end-to-end tests that read `cdrun validate --format json`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "run_cdrun.h"

namespace cdrun::e2e {

struct JsonRun {
  int exit_code = -1;
  nlohmann::json report;
  std::string stderr_text;
};

// Validates `path` with --format json plus `args`.
JsonRun validate_json(const std::string& path, const std::vector<std::string>& args = {});

// Writes `appspec` as appspec.yml in `dir` and validates that lone file.
JsonRun validate_appspec_text(const TempDir& dir, const std::string& appspec, const std::vector<std::string>& args = {});

// The diagnostics with `code`, in report order.
std::vector<nlohmann::json> with_code(const nlohmann::json& report, const std::string& code);

}  // namespace cdrun::e2e
