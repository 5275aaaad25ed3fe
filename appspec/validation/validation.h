// The whole of `cdrun validate` as a library call: read the target (a lone appspec, a directory
// bundle or an archive), judge the appspec as the agent and as cdrun, check the bundle.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "appspec/agent/agent_parser.h"
#include "appspec/agent2/agent2_parser.h"
#include "appspec/agent2/agent2_settings.h"
#include "appspec/bundle/bundle.h"
#include "appspec/core/diagnostic.h"
#include "appspec/ecs_lambda/ecs_lambda.h"

namespace cdrun {

// The agent generations whose verdicts validate gives: the Ruby agent 1.8 and the Rust agent 2.x.
enum class AgentVersion { v1_8, v2 };

const char* agent_version_name(AgentVersion version);  // "1.8", "2"

struct ValidationRequest {
  std::string path;
  std::optional<Platform> platform;             // detected when absent
  std::optional<AgentOs> agent_os;              // the appspec's os when absent (linux otherwise)
  std::optional<std::string> appspec_filename;  // codedeploy-local's --appspec-filename
  std::optional<std::string> events;            // codedeploy-local's --events
  std::optional<std::string> bundle_type;       // directory | zip | tar | tgz
  // Whose verdicts count, in the order reported; a file is invalid when any of them rejects it.
  std::vector<AgentVersion> agent_versions{AgentVersion::v1_8, AgentVersion::v2};
  // Agent 2.x's configuration (-c): its hardening settings add refusals when agent 2.x is judged.
  std::optional<Agent2Settings> agent2_settings;
  // Entries of a directory bundle its archive will not hold (bundle, push): judged as absent.
  LeftOutFilter left_out;
};

struct AgentSummary {
  AgentVersion version = AgentVersion::v1_8;
  AgentOs os = AgentOs::linux;
  bool accepts = false;
  std::optional<std::string> message;
  bool crash = false;
};

struct ValidationResult {
  std::string error;  // set when the target cannot be read at all (exit 2)
  Platform platform = Platform::server;
  std::vector<AgentSummary> agents;           // one per selected agent, EC2/on-premises appspecs only
  Diagnostics diagnostics;                    // sorted
  std::map<std::string, std::string> sources;  // display name -> text, for showing lines
};

ValidationResult validate_target(const ValidationRequest& request);

// The agent verdict's findings as diagnostics (CD100-CD104).
Diagnostics agent_diagnostics(const AgentVerdict& verdict, const std::string& file);

// Agent 2.x's rejection (CD110), or where the two agents disagree (CD111: only 2.x rejects; CD112:
// only 1.8 rejects), with what each agent does and how to write the value so that both accept it.
struct AgentVerdicts {
  const AgentVerdict* v1_8 = nullptr;    // null when agent 1.8 is not selected
  const Agent2Verdict* v2 = nullptr;     // null when agent 2.x is not selected
  AgentOs os = AgentOs::linux;
};
Diagnostics agent2_diagnostics(const AgentVerdicts& verdicts, const std::string& text, const std::string& file);

// Agent 2.1's refusal (CD309) of an --appspec-filename that is not a safe revision-relative path
// (empty, NUL, "\\", an absolute path or a ".." component); nothing when the name is safe.
Diagnostics agent2_appspec_filename_diagnostics(const std::string& filename, const std::string& bundle_display);

// cdrun's own EC2 findings that exist only because of what agent 1.8 does (CD108 a further
// document it ignores, CD204, CD209-CD212 and CD232 values it misreads, CD228 its Install crash):
// dropped when agent 1.8 is not selected.
bool is_agent18_only_rule(const std::string& code);

// Diagnostics about an appspec's bytes (BOM, CRLF, further documents, non-UTF-8).
Diagnostics appspec_text_diagnostics(const std::string& text, const yaml::Document& document,
                                     const std::string& file, Platform platform);

}  // namespace cdrun
