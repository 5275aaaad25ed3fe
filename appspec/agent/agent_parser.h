// The AWS CodeDeploy agent 1.8 daemon's appspec parser (ApplicationSpecification.parse under
// Ruby 3.1 / Psych 4), reproduced check by check: the same verdict, the same first message, and
// the same places where the agent dies of an internal Ruby error instead of giving a message.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "appspec/agent/model.h"
#include "appspec/yaml/yaml_tree.h"

namespace cdrun {

enum class AgentOs { linux, windows };

struct AgentFinding {
  bool crash = false;        // the agent dies of a Ruby error (NoMethodError, TypeError, ...)
  std::string error_class;   // "AppSpecValidationException", "Psych::SyntaxError", "NoMethodError", ...
  std::string message;       // the agent's exact message; for a crash, the Ruby error as Ruby words it
  std::string explanation;   // for a crash: what is wrong, in cdrun's words
  Position position;
  bool ruby_version_dependent = false;  // aliases, dates: older agents on Ruby < 3.1 accept them
};

struct AgentVerdict {
  bool accepts = false;
  // Every problem found, in the agent's order; the first is the one the agent reports. cdrun
  // continues past the first so that a user sees all of them at once.
  std::vector<AgentFinding> findings;
  std::optional<Ec2AppSpec> appspec;  // set when the document loaded (even if a check failed)
  yaml::Document document;

  const AgentFinding* first() const { return findings.empty() ? nullptr : &findings.front(); }
};

AgentVerdict agent_parse(std::string_view text, AgentOs os);

// The agent's exact messages, shared with the deployment engine.
namespace agent_message {
extern const char* const empty_appspec;
std::string invalid_version(const std::string& shown);
std::string unsupported_os(const std::string& shown);
extern const char* const script_without_location;
extern const char* const invalid_timeout;
extern const char* const file_without_source;
std::string file_without_destination(const std::string& source);
extern const char* const permission_without_object;
extern const char* const permissions_on_windows;
std::string unsupported_object_type(const std::string& type);
std::string mode_length(const std::string& mode);
std::string mode_character(const std::string& mode, const std::string& character);
std::string invalid_acl_entry(const std::string& ace);
std::string acl_base_entry(const std::string& ace);
std::string acl_character(const std::string& ace, const std::string& character);
std::string invalid_context(const std::string& inspected);
std::string selinux_range(const std::string& range);
std::string invalid_file_exists_behavior(const std::string& shown);
}  // namespace agent_message

}  // namespace cdrun
