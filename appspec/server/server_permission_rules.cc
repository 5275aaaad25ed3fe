// permissions rules for EC2/on-premises appspecs (CD209, CD214-CD216, CD222, CD226-CD228, CD237):
// what the agent accepts but does differently from what the appspec seems to say.
#include <algorithm>

#include "appspec/yaml/psych_loader.h"
#include "appspec/server/server_rules.h"

namespace cdrun {
namespace {

// File.expand_path for an absolute path: no "." or "..", no doubled or trailing '/'.
std::string normalise(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= path.size(); ++i) {
    if (i < path.size() && path[i] != '/') continue;
    std::string part = path.substr(start, i - start);
    start = i + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string out;
  for (const std::string& part : parts) out += "/" + part;
  return out.empty() ? "/" : out;
}

bool under(const std::string& path, const std::string& dir) {
  return dir == "/" ? path != "/" : path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/';
}

void check_object_against_files(const PermissionSpec& permission, const Ec2AppSpec& spec, const std::string& file, Diagnostics* out) {
  if (permission.object.empty() || permission.object[0] != '/') return;
  const std::string object = normalise(permission.object);
  bool related = false;
  for (const FileSpec& entry : spec.files) {
    if (entry.destination.empty() || entry.destination[0] != '/') continue;
    const std::string destination = normalise(entry.destination);
    if (destination == object) {
      out->push_back(make_diagnostic(Severity::note, "CD215", "permissions never change " + object + " itself",
                                     file, permission.position,
                                     "the agent applies them only to what it installs under the object; "
                                     "to change the directory itself, name its parent as object with pattern matching it"));
      related = true;
    } else if (under(destination, object) || under(object, destination)) {
      related = true;
    }
  }
  if (!related) {
    out->push_back(make_diagnostic(Severity::warning, "CD216", "object " + object + " is not installed by this appspec's files",
                                   file, permission.position,
                                   "the agent applies permissions only to files and directories it installs in this "
                                   "deployment and silently ignores the rest"));
  }
}

// Unquoted 0644 is YAML 1.1 octal: the agent sees the integer 420 and chmods 0420.
void check_mode_literal(const yaml::Node& value, const std::string& file, Diagnostics* out) {
  if (!value.is_scalar() || value.quoted_implicit || !value.tag.empty()) return;
  const std::string& v = value.value;
  if (v.size() < 2 || v[0] != '0') return;
  ruby::LoadResult read = ruby::tokenize_scalar(v, value.position);
  if (read.error || read.value->type != ruby::Type::integer) return;
  std::string seen = read.value->integer.to_s();
  const bool usable = seen.size() <= 4 && seen.find_first_not_of("01234567") == std::string::npos;
  while (seen.size() < 3) seen = "0" + seen;
  std::string quoted = v;
  out->push_back(make_diagnostic(Severity::error, "CD209",
                                 "mode " + v + " is the YAML 1.1 number " + read.value->integer.to_s() +
                                     (usable ? ": the agent will chmod " + seen : ": the agent rejects it"),
                                 file, value.position, "quote the mode ('" + quoted + "') or drop the leading zero"));
}

void check_entry_keys(const yaml::Node& root, const std::string& file, Diagnostics* out) {
  static const std::vector<std::string> keys{"object", "pattern", "except", "owner", "group", "mode", "acls", "context", "type"};
  const yaml::Node* permissions = root.find("permissions");
  if (!permissions || !permissions->is_sequence()) return;
  for (const yaml::Node& item : permissions->items) {
    if (!item.is_mapping()) continue;
    for (const auto& [key, value] : item.pairs) {
      if (!key.is_scalar()) continue;
      if (key.value == "mode") {
        check_mode_literal(value, file, out);
        if (value.is_scalar() && value.value.find_first_of("ugoa+-=rwxXst") != std::string::npos && value.value.find_first_of("0123456789") == std::string::npos) {
          out->push_back(make_diagnostic(Severity::note, "CD226", "symbolic modes such as " + value.value + " are not supported",
                                         file, value.position, "write the octal digits, e.g. '0755'"));
        }
      }
      if (std::find(keys.begin(), keys.end(), key.value) != keys.end()) continue;
      std::string suggestion = did_you_mean(key.value, keys);
      out->push_back(make_diagnostic(Severity::warning, "CD222", "unknown permissions key '" + key.value + "' is ignored by the agent",
                                     file, key.position, suggestion.empty() ? "see the permissions keys in the AppSpec reference"
                                                                           : "did you mean '" + suggestion + "'?"));
    }
  }
}

}  // namespace

Diagnostics check_server_permissions(const Ec2AppSpec& spec, const yaml::Node& root, const std::string& file) {
  Diagnostics out;
  std::vector<std::string> seen_objects;
  for (const PermissionSpec& permission : spec.permissions) {
    if (permission.pattern != "**") {
      std::string hint = "the agent's matcher never descends into subdirectories; use \"**\" with type to reach every level";
      if (permission.pattern.find_first_of("?[") != std::string::npos) hint += "; only * is a wildcard, ? and [ ] match themselves";
      out.push_back(make_diagnostic(Severity::warning, "CD214", "pattern \"" + permission.pattern + "\" matches only direct children of " +
                                    permission.object, file, permission.position, hint));
    }
    check_object_against_files(permission, spec, file, &out);
    const std::string object = permission.object.empty() || permission.object[0] != '/' ? permission.object : normalise(permission.object);
    if (std::find(seen_objects.begin(), seen_objects.end(), object) != seen_objects.end()) {
      out.push_back(make_diagnostic(Severity::error, "CD237",
                                    "The deployment failed because the permissions setting for (" + object +
                                        ") is specified more than once in the application specification file. Update the files "
                                        "section of the AppSpec file, and then try again.",
                                    file, permission.position, "the agent's Install fails with this message; merge the two entries"));
    }
    seen_objects.push_back(object);
    if (permission.context && !permission.context->range) {
      out.push_back(make_diagnostic(Severity::error, "CD228", "context without range makes the agent's Install crash",
                                    file, permission.position,
                                    "the agent dies with NoMethodError (get_range on nil) while writing install.json; add range: s0"));
    }
    if (permission.acls || permission.context) {
      out.push_back(make_diagnostic(Severity::note, "CD227", "codedeploy-local cannot run appspecs with acls or context",
                                    file, permission.position,
                                    "it dies with \"uninitialized constant ...AclInfo (NameError)\" at the first hook; the agent daemon handles them"));
    }
  }
  check_entry_keys(root, file, &out);
  return out;
}

}  // namespace cdrun
