// The whole of `cdrun validate` as a library call: read the target (a lone appspec, a directory
// bundle or an archive), judge the appspec as the agent and as cdrun, check the bundle.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "appspec/agent/agent_parser.h"
#include "appspec/core/diagnostic.h"
#include "appspec/ecs_lambda/ecs_lambda.h"

namespace cdrun {

struct ValidationRequest {
  std::string path;
  std::optional<Platform> platform;             // detected when absent
  std::optional<AgentOs> agent_os;              // the appspec's os when absent (linux otherwise)
  std::optional<std::string> appspec_filename;  // codedeploy-local's --appspec-filename
  std::optional<std::string> events;            // codedeploy-local's --events
  std::optional<std::string> bundle_type;       // directory | zip | tar | tgz
};

struct AgentSummary {
  AgentOs os = AgentOs::linux;
  bool accepts = false;
  std::optional<std::string> message;
  bool crash = false;
};

struct ValidationResult {
  std::string error;  // set when the target cannot be read at all (exit 2)
  Platform platform = Platform::server;
  std::optional<AgentSummary> agent;
  Diagnostics diagnostics;                    // sorted
  std::map<std::string, std::string> sources;  // display name -> text, for showing lines
};

ValidationResult validate_target(const ValidationRequest& request);

// The agent verdict's findings as diagnostics (CD100-CD104).
Diagnostics agent_diagnostics(const AgentVerdict& verdict, const std::string& file);

// Diagnostics about an appspec's bytes (BOM, CRLF, further documents, non-UTF-8).
Diagnostics appspec_text_diagnostics(const std::string& text, const yaml::Document& document,
                                     const std::string& file, Platform platform);

}  // namespace cdrun
