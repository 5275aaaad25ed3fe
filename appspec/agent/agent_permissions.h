// One `permissions` entry as the agent 1.8.1 parses it: pattern, except, type, owner, group,
// mode (ModeInfo), acls (AclInfo/AceInfo) and context (ContextInfo/RangeInfo), in that order.
#pragma once

#include <string>

#include "appspec/agent/model.h"
#include "appspec/agent/ruby_calls.h"

namespace cdrun {

// Returns false when the agent rejects or crashes on this entry (the finding is recorded).
bool parse_permission(const ruby::ValuePtr& item, const ruby::ValuePtr& object, RubyCalls* calls,
                      PermissionSpec* out);

// Exposed for tests: the agent's normalised form of one acl entry, or the agent's message.
struct AceResult {
  bool ok = false;
  std::string normalised;  // e.g. "default:user:bob:rw-"
  std::string message;     // the agent's rejection
};
AceResult parse_ace(const std::string& ace);

struct RangeResult {
  bool ok = false;
  std::string canonical;  // get_range, e.g. "s0:c1.c3,c7"
  std::string message;
};
RangeResult parse_selinux_range(const std::string& range);

}  // namespace cdrun
