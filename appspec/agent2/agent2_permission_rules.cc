// RawPermission::validate with Mode::from_octal (mode.rs), AclEntry::parse (acl.rs) and
// MlsRange::parse (selinux.rs). pattern and except never fail at parse time.
#include <cstdint>
#include <vector>

#include "appspec/agent2/agent2_messages.h"
#include "appspec/agent2/agent2_rules.h"
#include "appspec/agent2/agent2_scalars.h"
#include "appspec/core/text_fields.h"

namespace cdrun::agent2 {
namespace {

// Rust's u8/u16 `parse`: an optional '+', then one or more ASCII digits, within range.
bool parse_unsigned(std::string_view text, unsigned long max, unsigned long* value) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  unsigned long result = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    result = result * 10 + static_cast<unsigned long>(c - '0');
    if (result > max) return false;
  }
  *value = result;
  return true;
}

// Mode::from_octal: pad with '0' to 3 bytes, at most 4 bytes, every character 0-7.
std::optional<std::pair<Agent2ErrorKind, std::string>> check_mode(const std::string& mode) {
  std::string padded = mode;
  while (padded.size() < 3) padded.insert(padded.begin(), '0');
  if (padded.size() > 4) return std::make_pair(Agent2ErrorKind::InvalidModeLength, message::invalid_mode_length(mode));
  for (size_t i = 0; i < padded.size(); i += utf8_char_length(padded, i)) {
    if (padded[i] < '0' || padded[i] > '7') {
      const std::string character = padded.substr(i, utf8_char_length(padded, i));
      return std::make_pair(Agent2ErrorKind::InvalidModeCharacter, message::invalid_mode_character(mode, character));
    }
  }
  return std::nullopt;
}

// AclEntry::parse: [d:|default:]type:name:perms, permissions checked before the type.
std::optional<std::pair<Agent2ErrorKind, std::string>> check_acl(const std::string& entry) {
  const auto invalid = [&] { return std::make_pair(Agent2ErrorKind::InvalidAclEntry, message::invalid_acl_entry(entry)); };
  const std::vector<std::string_view> parts = split_field_views(entry, ':');
  if (parts.size() < 3 || parts.size() > 4) return invalid();
  size_t index = 0;
  const bool is_default = parts[0] == "default" || parts[0] == "d";
  if (is_default) index = 1;
  if (index >= parts.size() - 2) return invalid();
  const std::string_view type = parts[index], name = parts[index + 1], perms = parts[index + 2];
  if (perms.size() == 1 && perms[0] >= '0' && perms[0] <= '9') {
    if (perms[0] > '7') return invalid();
  } else {
    for (size_t i = 0; i < perms.size(); i += utf8_char_length(perms, i)) {
      const char c = perms[i];
      if (c != 'r' && c != 'w' && c != 'x' && c != '-')
        return std::make_pair(Agent2ErrorKind::InvalidAclCharacter,
                              message::invalid_acl_character(entry, std::string(perms.substr(i, utf8_char_length(perms, i)))));
    }
  }
  if (type == "user" || type == "u" || type == "group" || type == "g") {
    if (!is_default && name.empty()) return std::make_pair(Agent2ErrorKind::BaseAclNeedsName, message::base_acl_needs_name(entry));
    return std::nullopt;
  }
  if (type == "mask" || type == "m" || type == "other" || type == "o") {
    if (!name.empty()) return invalid();
    return std::nullopt;
  }
  return invalid();
}

bool sensitivity(std::string_view text, unsigned long* level) {
  return !text.empty() && text.front() == 's' && parse_unsigned(text.substr(1), 255, level);
}

bool category(std::string_view text, unsigned long* number) {
  return !text.empty() && text.front() == 'c' && parse_unsigned(text.substr(1), 65535, number) && *number <= 1023;
}

// MlsRange::parse: s<low>[-s<high>][:c<n>[,c<n>|c<lo>.c<hi>]*]; parts past the second are ignored.
bool valid_range(std::string_view range) {
  const std::vector<std::string_view> parts = split_field_views(range, ':');
  const std::vector<std::string_view> levels = split_field_views(parts[0], '-');
  unsigned long low = 0, high = 0;
  if (!sensitivity(levels[0], &low)) return false;
  high = low;
  if (levels.size() > 1 && !sensitivity(levels[1], &high)) return false;
  if (high < low) return false;
  if (parts.size() < 2) return true;
  for (std::string_view part : split_field_views(parts[1], ',')) {
    if (part.find('.') != std::string_view::npos) {
      const std::vector<std::string_view> ends = split_field_views(part, '.');
      unsigned long first = 0, last = 0;
      if (!category(ends[0], &first) || !category(ends[1], &last) || last < first) return false;
    } else {
      unsigned long single = 0;
      if (!category(part, &single)) return false;
    }
  }
  return true;
}

std::string debug_option(const std::optional<Text>& text) {
  return text ? "Some(" + rust_debug_str(text->value) + ")" : "None";
}

}  // namespace

std::optional<RuleFailure> check_permission(const RawPermission& permission, const std::string& path) {
  if (!permission.object || rust_trim(permission.object->value).empty())
    return RuleFailure{Agent2ErrorKind::MissingPermissionObject, message::missing_permission_object,
                       permission.object ? permission.object->position : permission.position, child_path(path, "object")};
  if (permission.types) {
    for (size_t i = 0; i < permission.types->size(); ++i) {
      const Text& type = (*permission.types)[i];
      if (type.value != "file" && type.value != "directory")
        return RuleFailure{Agent2ErrorKind::InvalidObjectType, message::invalid_object_type(type.value), type.position,
                           item_path(child_path(path, "type"), i)};
    }
  }
  if (permission.mode) {
    if (auto bad = check_mode(permission.mode->value))
      return RuleFailure{bad->first, bad->second, permission.mode->position, child_path(path, "mode")};
  }
  if (permission.acls) {
    for (size_t i = 0; i < permission.acls->size(); ++i) {
      const Text& entry = (*permission.acls)[i];
      if (auto bad = check_acl(entry.value))
        return RuleFailure{bad->first, bad->second, entry.position, item_path(child_path(path, "acls"), i)};
    }
  }
  if (const auto& context = permission.context) {
    const std::string context_path = child_path(path, "context");
    if (!context->type) {
      const std::string detail = "SELinux context missing required 'type' field: RawContext { name: " +
                                 debug_option(context->name) + ", type_: None, range: " + debug_option(context->range) + " }";
      return RuleFailure{Agent2ErrorKind::InvalidContextType, message::invalid_context_type(detail), context->position,
                         context_path};
    }
    if (context->range && !valid_range(context->range->value))
      return RuleFailure{Agent2ErrorKind::InvalidSeLinuxRange, message::invalid_selinux_range(context->range->value),
                         context->range->position, child_path(context_path, "range")};
  }
  return std::nullopt;
}

}  // namespace cdrun::agent2
