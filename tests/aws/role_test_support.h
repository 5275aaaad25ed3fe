// Shared by the `cdrun role render` tests: running the command and the real tools that judge its output.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/e2e/run_cdrun.h"

namespace cdrun::testing {

using Json = nlohmann::json;

// `cdrun role render ARGS...`.
cdrun::e2e::Outcome render_roles(const std::vector<std::string>& args);

// A program found on PATH (cfn-lint, python3), bounded by timeout(1).
cdrun::e2e::Outcome run_tool(const std::string& name, const std::vector<std::string>& args);

// cfn-lint on one template file; any non-zero exit (errors 2, warnings 4, ...) is a failure.
cdrun::e2e::Outcome cfn_lint(const std::string& template_path);

// The template read by PyYAML's safe loader (YAML 1.1, like CloudFormation's), with !Ref/!GetAtt/!Sub turned back
// into {"Ref"}, {"Fn::GetAtt": [R, A]}, {"Fn::Sub"}. Throws with the loader's message if it does not load or holds
// a value JSON cannot hold (e.g. an unquoted date).
Json load_template(const std::string& template_path);

Json read_json_file(const std::string& path);
std::string read_text_file(const std::string& path);

// The arguments for every part at once, with an application and both kinds of tag filter.
std::vector<std::string> all_parts_args();

}  // namespace cdrun::testing
