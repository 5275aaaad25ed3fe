#include "appspec/agent2/agent2_rules.h"

#include <cfloat>
#include <cmath>

#include "appspec/agent2/agent2_messages.h"
#include "appspec/agent2/agent2_scalars.h"

namespace cdrun::agent2 {
namespace {

RuleFailure failure(Agent2ErrorKind kind, std::string message, Position position, std::string field) {
  return RuleFailure{kind, std::move(message), position, std::move(field)};
}

// RawScript::validate: a location that is there and not blank after trim, then a non-zero timeout.
std::optional<RuleFailure> check_script(const RawScript& script, const std::string& path) {
  if (!script.location) return failure(Agent2ErrorKind::EmptyScriptLocation, message::empty_script_location, script.position, path);
  if (rust_trim(script.location->value).empty())
    return failure(Agent2ErrorKind::EmptyScriptLocation, message::empty_script_location, script.location->position,
                   child_path(path, "location"));
  if (script.timeout && script.timeout->value == 0)
    return failure(Agent2ErrorKind::InvalidTimeout, message::invalid_timeout, script.timeout->position,
                   child_path(path, "timeout"));
  return std::nullopt;
}

// RawFileMapping::validate: source, then destination; "" counts as missing, " " does not.
std::optional<RuleFailure> check_file(const RawFileMapping& file, const std::string& path) {
  if (!file.source || file.source->value.empty())
    return failure(Agent2ErrorKind::MissingSource, message::missing_source,
                   file.source ? file.source->position : file.position, child_path(path, "source"));
  if (!file.destination || file.destination->value.empty())
    return failure(Agent2ErrorKind::MissingDestination, message::missing_destination(file.source->value),
                   file.destination ? file.destination->position : file.position, child_path(path, "destination"));
  return std::nullopt;
}

}  // namespace

std::optional<RuleFailure> check_raw_appspec(const RawAppSpec& spec) {
  // Version::parse: the number must be 0 within f64::EPSILON; the message shows Rust's `{}` of it.
  if (!(std::fabs(spec.version.value) < DBL_EPSILON))
    return failure(Agent2ErrorKind::InvalidVersion, message::invalid_version(rust_f64_display(spec.version.value)),
                   spec.version.position, "version");
  if (spec.os.value != "linux" && spec.os.value != "windows")
    return failure(Agent2ErrorKind::UnsupportedOs, message::unsupported_os(spec.os.value), spec.os.position, "os");
  if (const auto& behavior = spec.file_exists_behavior;
      behavior && behavior->value != "DISALLOW" && behavior->value != "OVERWRITE" && behavior->value != "RETAIN")
    return failure(Agent2ErrorKind::InvalidFileExistsBehavior, message::invalid_file_exists_behavior(behavior->value),
                   behavior->position, "file_exists_behavior");
  for (const RawHook& hook : spec.hooks) {
    const std::string hook_path = child_path("hooks", hook.name.value);
    for (size_t i = 0; i < hook.scripts.size(); ++i) {
      if (auto failed = check_script(hook.scripts[i], item_path(hook_path, i))) return failed;
    }
  }
  for (size_t i = 0; i < spec.files.size(); ++i) {
    if (auto failed = check_file(spec.files[i], item_path("files", i))) return failed;
  }
  if (spec.os.value == "windows" && !spec.permissions.empty())
    return failure(Agent2ErrorKind::PermissionsOnWindows, message::permissions_on_windows, spec.permissions_position,
                   "permissions");
  for (size_t i = 0; i < spec.permissions.size(); ++i) {
    if (auto failed = check_permission(spec.permissions[i], item_path("permissions", i))) return failed;
  }
  return std::nullopt;
}

}  // namespace cdrun::agent2
