#include "validate_json.h"

namespace cdrun::e2e {

JsonRun validate_json(const std::string& path, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"validate", "--format", "json"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back(path);
  Outcome run = run_cdrun(argv);
  JsonRun out;
  out.exit_code = run.exit_code;
  out.stderr_text = run.err;
  out.report = nlohmann::json::parse(run.out, nullptr, false);
  return out;
}

JsonRun validate_appspec_text(const TempDir& dir, const std::string& appspec, const std::vector<std::string>& args) {
  return validate_json(dir.write("appspec.yml", appspec), args);
}

std::vector<nlohmann::json> with_code(const nlohmann::json& report, const std::string& code) {
  std::vector<nlohmann::json> out;
  if (!report.is_object() || !report.contains("diagnostics")) return out;
  for (const auto& d : report["diagnostics"]) {
    if (d.value("code", "") == code) out.push_back(d);
  }
  return out;
}

}  // namespace cdrun::e2e
