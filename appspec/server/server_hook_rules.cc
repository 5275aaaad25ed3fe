// Hook rules for EC2/on-premises appspecs (CD200-CD212, CD222, CD224, CD236): event names, the
// per-event timeout note, and values the agent silently reads differently than users think.
#include <algorithm>

#include "appspec/yaml/psych_loader.h"
#include "appspec/server/server_rules.h"

namespace cdrun {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

bool is_traffic_event(const std::string& name) {
  return name == "BeforeBlockTraffic" || name == "AfterBlockTraffic" || name == "BeforeAllowTraffic" ||
         name == "AfterAllowTraffic";
}

void check_event_name(const HookSpec& hook, const std::string& file, Diagnostics* out) {
  if (contains(server_script_events(), hook.name)) {
    if (is_traffic_event(hook.name)) {
      out->push_back(make_diagnostic(Severity::note, "CD205", hook.name + " runs only when the deployment group has a load balancer",
                                     file, hook.position,
                                     "without a load balancer in the deployment group CodeDeploy never sends this event"));
    }
    return;
  }
  if (contains(server_reserved_events(), hook.name)) {
    out->push_back(make_diagnostic(Severity::error, "CD201", hook.name + " is reserved for CodeDeploy and cannot run scripts",
                                   file, hook.position,
                                   "scripts belong in BeforeInstall, AfterInstall, ApplicationStart, ValidateService, ..."));
    return;
  }
  std::string suggestion = did_you_mean(hook.name, server_script_events());
  std::string hint = "codedeploy-local stops at Install with \"appspec.yml file contains unknown lifecycle events: [" +
                     ruby::inspect(*hook.raw_name) + "]\" and the service never runs it";
  if (!suggestion.empty()) hint = "did you mean " + suggestion + "? " + hint;
  out->push_back(make_diagnostic(Severity::error, "CD200", "unknown lifecycle event '" + hook.name + "'", file, hook.position, hint));
}

// How the agent reads a timeout that is not a plain positive decimal integer.
void check_timeout_form(const ScriptSpec& script, const std::string& file, Diagnostics* out) {
  if (!script.raw_timeout) return;
  const ruby::Value& raw = *script.raw_timeout;
  const std::string seconds = std::to_string(script.timeout) + (script.timeout == 1 ? " second" : " seconds");
  std::string what;
  if (raw.type == ruby::Type::string) {
    const bool digits_only = !raw.text.empty() && raw.text.find_first_not_of("0123456789") == std::string::npos;
    if (!digits_only) what = "timeout '" + raw.text + "' is a string; the agent reads it as " + seconds;
  } else if (raw.type == ruby::Type::floating) {
    what = "timeout " + ruby::to_s(raw) + " is not a whole number; the agent truncates it to " + seconds;
  } else if (raw.type == ruby::Type::boolean && !raw.boolean) {
    what = "timeout false means the default of 3600 seconds";
  }
  if (what.empty()) return;
  out->push_back(make_diagnostic(Severity::warning, "CD204", what, file, raw.position, "write the timeout as a whole number of seconds, e.g. timeout: 300"));
}

// Both agents join a location to the bundle root whatever it starts with (1.8's File.join collapses
// the slash, 2.x strips it), so `/scripts/start.sh` is the bundle's scripts/start.sh: what its author
// meant, worth a note. A location under a host directory such as /usr or /opt was most likely meant
// as the host's own file, which no agent runs: that changes what happens, a warning.
void check_leading_slash_location(const ScriptSpec& script, const std::string& file, Diagnostics* out) {
  static const std::vector<std::string> host_directories{"bin",  "boot", "dev", "etc",  "home", "lib", "lib64",
                                                         "media", "mnt", "opt", "proc", "root", "run", "sbin",
                                                         "srv",  "sys", "tmp", "usr",  "var"};
  const std::string& location = script.location;
  const size_t start = location.find_first_not_of("/\\");
  const std::string inside = start == std::string::npos ? "" : location.substr(start);
  const std::string first = inside.substr(0, inside.find_first_of("/\\"));
  const bool host_path = std::find(host_directories.begin(), host_directories.end(), first) != host_directories.end();
  const Position where = script.raw_location ? script.raw_location->position : script.position;
  if (host_path) {
    out->push_back(make_diagnostic(Severity::warning, "CD236", "location '" + location +
                                   "' is not an absolute path to the agent: it is joined to the bundle root",
                                   file, where, "the agent runs only scripts inside the bundle; add the script to the bundle "
                                   "and give its path there, e.g. scripts/start.sh"));
  } else {
    out->push_back(make_diagnostic(Severity::note, "CD236", "location '" + location +
                                   "' is joined to the bundle root: the agent runs the bundle's " + inside,
                                   file, where, "harmless; writing it without the leading slash says the same"));
  }
}

void check_script_values(const ScriptSpec& script, const std::string& os, const std::string& file, Diagnostics* out) {
  check_timeout_form(script, file, out);
  if (script.raw_sudo && script.raw_sudo->type == ruby::Type::string) {
    out->push_back(make_diagnostic(Severity::warning, "CD212",
                                   "sudo: '" + script.raw_sudo->text + "' is a non-empty string, which the agent treats as true",
                                   file, script.raw_sudo->position,
                                   "write sudo: true or sudo: false without quotes (or leave sudo out)"));
  }
  // The Windows agent builds the command from the script path alone (agent-behavior.md 5.3).
  if (script.runas && os == "windows") {
    out->push_back(make_diagnostic(Severity::note, "CD207", "runas is ignored on Windows: the agent runs the script as its own user",
                                   file, script.position, "remove runas; it has no effect with os: windows"));
  } else if (script.runas && script.runas->empty()) {
    out->push_back(make_diagnostic(Severity::warning, "CD213", "runas is empty: the agent runs `su  -c <script>`, that is as root",
                                   file, script.position, "name the user, or leave runas out"));
  }
  // On Windows a leading backslash is the documented way to name the bundle root (AWS's own
  // SampleApp_Windows writes `location: \before-install.bat`), so only a Linux path looks absolute.
  if (!script.location.empty() && os != "windows" && (script.location[0] == '/' || script.location[0] == '\\')) {
    check_leading_slash_location(script, file, out);
  }
}

// YAML 1.1 reads 0300 as octal (192) and 0x12c as hex (300): legal, but rarely what was meant.
void check_timeout_radix(const yaml::Node& value, const std::string& file, Diagnostics* out) {
  if (!value.is_scalar() || value.quoted_implicit || !value.tag.empty() || value.value.size() < 2) return;
  const std::string& v = value.value;
  const bool octal = v[0] == '0' && v.find_first_not_of("01234567_") == std::string::npos;
  const bool other_radix = v[0] == '0' && (v[1] == 'x' || v[1] == 'b');
  if (!octal && !other_radix) return;
  ruby::LoadResult read = ruby::tokenize_scalar(v, value.position);
  if (read.error || read.value->type != ruby::Type::integer) return;
  out->push_back(make_diagnostic(Severity::warning, "CD204", "timeout " + v + " is read by YAML 1.1 as " +
                                 read.value->integer.to_s() + " seconds", file, value.position,
                                 "write the timeout in decimal without a leading zero"));
}

// Keys of each script mapping, from the YAML tree (the model keeps only the known ones).
void check_script_keys(const yaml::Node& root, const std::string& file, Diagnostics* out) {
  static const std::vector<std::string> keys{"location", "timeout", "runas", "sudo"};
  const yaml::Node* hooks = root.find("hooks");
  if (!hooks || !hooks->is_mapping()) return;
  for (const auto& [name, scripts] : hooks->pairs) {
    if (!scripts.is_sequence()) continue;
    for (const yaml::Node& item : scripts.items) {
      if (!item.is_mapping()) continue;
      for (const auto& [key, value] : item.pairs) {
        if (key.is_scalar() && key.value == "timeout") check_timeout_radix(value, file, out);
        if (!key.is_scalar() || contains(keys, key.value)) continue;
        std::string suggestion = did_you_mean(key.value, keys);
        out->push_back(make_diagnostic(Severity::warning, "CD222", "unknown script key '" + key.value + "' is ignored by the agent",
                                       file, key.position,
                                       suggestion.empty() ? "a script takes location, timeout, runas and sudo"
                                                          : "did you mean '" + suggestion + "'?"));
      }
    }
  }
}

}  // namespace

Diagnostics check_server_hooks(const Ec2AppSpec& spec, const yaml::Node& root, const std::string& file) {
  Diagnostics out;
  for (const HookSpec& hook : spec.hooks) {
    check_event_name(hook, file, &out);
    // A script the agent stopped at (CD100/CD101) is still listed: the event is not empty.
    if (hook.listed_scripts == 0) {
      out.push_back(make_diagnostic(Severity::note, "CD224", hook.name + " has no scripts", file, hook.position,
                                    "remove the event or list a script under it"));
    }
    // The agent bounds each script by its own timeout and never sums them (its sum function is
    // dead code); the service's hour bounds how long the event's scripts really run. Only timeouts
    // written out say anything about that, and even they are limits, not run times: a note.
    long long explicit_total = 0;
    for (const ScriptSpec& script : hook.scripts) {
      const ruby::ValuePtr& raw = script.raw_timeout;
      if (raw && raw->type != ruby::Type::nil && !(raw->type == ruby::Type::boolean && !raw->boolean)) {
        explicit_total = std::min(explicit_total + std::min(script.timeout, 3600 * 1000LL), 3600 * 1000LL);
      }
      check_script_values(script, spec.os, file, &out);
    }
    if (explicit_total > 3600) {
      out.push_back(make_diagnostic(Severity::note, "CD203",
                                    "the timeouts of " + hook.name + " add up to " + std::to_string(explicit_total) +
                                        " seconds; CodeDeploy fails the event if its scripts really run longer than 3600 seconds together",
                                    file, hook.position,
                                    "the agent applies each timeout to its own script only; keep the event's scripts under an hour in total"));
    }
  }
  check_script_keys(root, file, &out);
  return out;
}

}  // namespace cdrun
