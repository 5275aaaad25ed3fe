// RawAppSpec::validate (parse.rs) and the checks it calls, in the agent's order: the first rule
// that fails is the verdict.
#pragma once

#include <optional>
#include <string>

#include "appspec/agent2/agent2_parser.h"
#include "appspec/agent2/agent2_raw.h"

namespace cdrun::agent2 {

struct RuleFailure {
  Agent2ErrorKind kind = Agent2ErrorKind::none;
  std::string message;
  Position position;
  std::string field;
};

std::optional<RuleFailure> check_raw_appspec(const RawAppSpec& spec);

// One permission entry (RawPermission::validate): object, type, mode, acls, then context.
std::optional<RuleFailure> check_permission(const RawPermission& permission, const std::string& path);

}  // namespace cdrun::agent2
