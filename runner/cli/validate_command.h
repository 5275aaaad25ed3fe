// `cdrun validate [PATH]`: will CodeDeploy accept this appspec or bundle, and where will it hurt?
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "appspec/bundle/bundle.h"
#include "runner/report/report.h"

namespace cdrun {

struct ValidateOptions {
  std::string path = ".";
  std::string format = "text";                  // text | json | junit | sarif
  std::optional<std::string> platform;          // server | ecs | lambda (default: detected)
  std::optional<std::string> agent_os;          // linux | windows (default: the appspec's os)
  std::optional<std::string> appspec_filename;  // as codedeploy-local's --appspec-filename
  std::optional<std::string> events;            // as codedeploy-local's --events
  std::optional<std::string> bundle_type;       // directory | zip | tar | tgz (default: detected)
  std::string agent_version = "all";            // 1.8 | 2 | all: whose verdicts count
  std::optional<std::string> agent_configuration_file;  // -c: agent 2.x's settings (hardening)
  std::optional<std::string> github_token;      // --github-token (else GITHUB_TOKEN, CODEDEPLOY_GITHUB_TOKEN)
  bool strict = false;
  std::string color = "auto";                   // auto | always | never
  LeftOutFilter left_out;                       // bundle and push: what their archive leaves out
};

// `cdrun validate [OPTIONS] [PATH]`: parses `args` (the words after "validate"), then run_validate.
// `program` names the command in help and messages; option errors exit 2.
int run_validate_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                         std::ostream& err);

// The validation behind run_validate, without writing anything: fills `report` and returns "" or
// why the target could not be read (then report->read_error says the same).
std::string validate_into_report(const ValidateOptions& options, Report* report);

// For the commands that validate before they act (bundle, push): validates `path` as `cdrun validate
// [--strict] PATH` does, a directory as the archive written from it will be (`left_out` entries
// absent: .git, .DS_Store, .cdrunignore's patterns), the findings on `err`. Returns nullopt when the command may go on, else its
// exit status: 2 (the message) when the path cannot be read, 1 when it is not a valid bundle
// ("<command>: PATH is not a valid bundle; <nothing_done>").
std::optional<int> stop_unless_valid(const std::string& path, bool strict, const LeftOutFilter& left_out,
                                     const std::string& command, const std::string& nothing_done,
                                     std::ostream& err);

// Runs the validation and writes the report; returns the exit status (0 valid, 1 invalid,
// 2 usage or I/O error).
int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cdrun
