#include "appspec/agent/agent_permissions.h"

#include <algorithm>

#include "appspec/core/text_fields.h"

namespace cdrun {
namespace {

using ruby::Type;
using ruby::ValuePtr;

// Ruby's String#split(sep, -1): every field kept, "" gives [].
std::vector<std::string> split_all(const std::string& s, char sep) {
  if (s.empty()) return {};
  return split_fields(s, sep);
}

// String#split(sep) without a limit: trailing empty fields dropped.
std::vector<std::string> split_dropping_trailing(const std::string& s, char sep) {
  std::vector<std::string> parts = split_all(s, sep);
  while (!parts.empty() && parts.back().empty()) parts.pop_back();
  return parts;
}

// Splits a string into UTF-8 characters.
std::vector<std::string> characters(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    n = std::min(n, s.size() - i);
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

// ModeInfo: to_s, left-padded with "0" to three characters, at most four, digits 0-7.
bool parse_mode(const ruby::Value& mode, RubyCalls* calls, std::string* out) {
  std::string text = ruby::to_s(mode);
  std::vector<std::string> chars = characters(text);
  while (chars.size() < 3) {
    chars.insert(chars.begin(), "0");
    text = "0" + text;
  }
  if (chars.size() > 4) {
    calls->reject(agent_message::mode_length(text), mode.position);
    return false;
  }
  for (const std::string& c : chars) {
    if (c.size() != 1 || c[0] < '0' || c[0] > '7') {
      calls->reject(agent_message::mode_character(text, c), mode.position);
      return false;
    }
  }
  *out = text;
  return true;
}

bool numeric_less(const std::string& a, const std::string& b) {
  auto trim = [](const std::string& s) {
    size_t nz = s.find_first_not_of('0');
    return nz == std::string::npos ? std::string("0") : s.substr(nz);
  };
  const std::string x = trim(a), y = trim(b);
  return x.size() != y.size() ? x.size() < y.size() : x < y;
}

}  // namespace

AceResult parse_ace(const std::string& ace) {
  AceResult result;
  std::vector<std::string> parts = split_all(ace, ':');
  std::reverse(parts.begin(), parts.end());
  if (parts.size() < 2 || parts.size() > 4) {
    result.message = agent_message::invalid_acl_entry(ace);
    return result;
  }
  bool is_default = false;
  std::string type, name;
  if (parts.size() == 4) {
    if (parts[3] != "d" && parts[3] != "default") {
      result.message = agent_message::invalid_acl_entry(ace);
      return result;
    }
    is_default = true;
  }
  if (parts.size() >= 3) {
    const std::string& p = parts[2];
    if (p == "d" || p == "default") {
      if (is_default) {
        result.message = agent_message::invalid_acl_entry(ace);
        return result;
      }
      is_default = true;
    } else if (p == "m" || p == "mask") {
      type = "mask";
    } else if (p == "o" || p == "other") {
      type = "other";
    } else if (p == "g" || p == "group") {
      type = "group";
    } else if (p == "u" || p == "user") {
      type = "user";
    } else {
      result.message = agent_message::invalid_acl_entry(ace);
      return result;
    }
  }
  const std::string& who = parts[1];
  if (who == "m" || who == "mask") {
    (type.empty() ? type : name) = "mask";
  } else if (who == "o" || who == "other") {
    (type.empty() ? type : name) = "other";
  } else {
    if (type.empty()) type = "user";
    name = who;
  }
  if ((type == "mask" || type == "other") && !name.empty()) {
    result.message = agent_message::invalid_acl_entry(ace);
    return result;
  }
  if (!is_default && type != "mask" && name.empty()) {
    result.message = agent_message::acl_base_entry(ace);
    return result;
  }
  bool read = false, write = false, execute = false;
  const std::vector<std::string> perms = characters(parts[0]);
  if (perms.size() == 1 && perms[0].size() == 1 && perms[0][0] >= '0' && perms[0][0] <= '7') {
    const int bits = perms[0][0] - '0';
    read = bits & 4;
    write = bits & 2;
    execute = bits & 1;
  } else {
    for (const std::string& c : perms) {
      if (c == "r") read = true;
      else if (c == "w") write = true;
      else if (c == "x") execute = true;
      else if (c != "-") {
        result.message = agent_message::acl_character(ace, c);
        return result;
      }
    }
  }
  result.ok = true;
  result.normalised = std::string(is_default ? "default:" : "") + type + ":" + name + ":" + (read ? "r" : "-") +
                      (write ? "w" : "-") + (execute ? "x" : "-");
  return result;
}

namespace {

// RangeInfo#ensure_parts: split once on `sep`; both sides must be non-empty when it is present.
bool ensure_parts(const std::string& input, char sep, std::vector<std::string>* parts, std::string* message) {
  parts->clear();
  const size_t at = input.find(sep);
  if (input.empty()) {
    *message = "invalid range part " + input;
    return false;
  }
  if (at == std::string::npos) {
    parts->push_back(input);
  } else {
    parts->push_back(input.substr(0, at));
    parts->push_back(input.substr(at + 1));
  }
  for (const std::string& part : *parts) {
    if (part.empty()) {
      *message = "invalid range part " + input;
      return false;
    }
  }
  return true;
}

bool number_after(const std::string& text, char letter, std::string* digits) {
  if (text.size() < 2 || text[0] != letter) return false;
  *digits = text.substr(1);
  return std::all_of(digits->begin(), digits->end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool category_number(const std::string& text, int* out, std::string* message) {
  std::string digits;
  if (!number_after(text, 'c', &digits) || numeric_less("1023", digits)) {
    *message = "invalid category " + text;
    return false;
  }
  *out = std::stoi(digits.substr(digits.size() > 5 ? digits.size() - 5 : 0));
  return true;
}

}  // namespace

RangeResult parse_selinux_range(const std::string& range) {
  RangeResult result;
  std::vector<std::string> parts, sensitivity;
  if (!ensure_parts(range, ':', &parts, &result.message)) return result;
  if (!ensure_parts(parts[0], '-', &sensitivity, &result.message)) return result;
  std::string low, high;
  if (!number_after(sensitivity[0], 's', &low)) {
    result.message = "invalid sensitivity " + sensitivity[0];
    return result;
  }
  high = low;
  if (sensitivity.size() == 2) {
    if (!number_after(sensitivity[1], 's', &high)) {
      result.message = "invalid sensitivity " + sensitivity[1];
      return result;
    }
    if (numeric_less(high, low)) {
      result.message = agent_message::selinux_range(range);
      return result;
    }
  }
  std::vector<int> categories;
  if (parts.size() == 2) {
    for (const std::string& part : split_dropping_trailing(parts[1], ',')) {
      if (part.find('.') != std::string::npos) {
        std::vector<std::string> ends;
        int a = 0, b = 0;
        if (!ensure_parts(part, '.', &ends, &result.message)) return result;
        if (!category_number(ends[0], &a, &result.message) || !category_number(ends[1], &b, &result.message)) return result;
        if (b < a) {
          result.message = "invalid category range " + ends[0] + "." + ends[1];
          return result;
        }
        for (int c = a; c <= b; ++c) categories.push_back(c);
      } else {
        int c = 0;
        if (!category_number(part, &c, &result.message)) return result;
        categories.push_back(c);
      }
    }
    std::sort(categories.begin(), categories.end());
    if (std::adjacent_find(categories.begin(), categories.end()) != categories.end()) {
      result.message = "duplicate categories";
      return result;
    }
  }
  auto number = [](const std::string& digits) {
    size_t nz = digits.find_first_not_of('0');
    return nz == std::string::npos ? std::string("0") : digits.substr(nz);
  };
  result.canonical = "s" + number(low);
  if (number(low) != number(high)) result.canonical += "-s" + number(high);
  if (parts.size() == 2) {
    result.canonical += ":";
    for (size_t i = 0; i < categories.size();) {
      size_t j = i;
      while (j + 1 < categories.size() && categories[j + 1] == categories[j] + 1) ++j;
      if (i) result.canonical += ",";
      result.canonical += "c" + std::to_string(categories[i]);
      if (j > i) result.canonical += ".c" + std::to_string(categories[j]);
      i = j + 1;
    }
  }
  result.ok = true;
  return result;
}

namespace {

bool parse_acls(const ValuePtr& acls, RubyCalls* calls, std::vector<std::string>* out) {
  std::vector<ValuePtr> aces;
  if (!calls->each(acls, &aces, "acls must be a list of strings such as u:bob:rwx")) return false;
  for (const ValuePtr& ace : aces) {
    if (ace->type != Type::string) {
      calls->no_method(*ace, "split", "each acls entry must be a string such as u:bob:rwx");
      return false;
    }
    AceResult parsed = parse_ace(ace->text);
    if (!parsed.ok) {
      calls->reject(parsed.message, ace->position);
      return false;
    }
    out->push_back(parsed.normalised);
  }
  return true;
}

bool parse_context(const ValuePtr& context, RubyCalls* calls, SelinuxContext* out) {
  const std::string shape = "context must be a mapping with type (and optionally name and range)";
  ValuePtr type, name, range;
  if (!calls->index(context, "type", &type, shape)) return false;
  if (!type || type->is_nil()) {
    calls->reject(agent_message::invalid_context(ruby::inspect(*context)), context->position);
    return false;
  }
  calls->index(context, "name", &name, shape);
  calls->index(context, "range", &range, shape);
  out->type = ruby::to_s(*type);
  if (name && !name->is_nil()) out->user = ruby::to_s(*name);
  if (range && !range->is_nil()) {
    if (range->type != Type::string) {
      calls->no_method(*range, range->type == Type::array || range->type == Type::hash ? "split" : "include?",
                       "range must be a string such as s0:c0.c1023");
      return false;
    }
    RangeResult parsed = parse_selinux_range(range->text);
    if (!parsed.ok) {
      calls->reject(parsed.message, range->position);
      return false;
    }
    out->range = parsed.canonical;
  }
  return true;
}

}  // namespace

bool parse_permission(const ValuePtr& item, const ValuePtr& object, RubyCalls* calls, PermissionSpec* out) {
  out->raw = item;
  out->position = item->position;
  ValuePtr pattern = item->hash_get("pattern");
  if (pattern && !pattern->is_nil() && !(pattern->type == Type::string && pattern->text == "**"))
    out->pattern = ruby::to_s(*pattern);
  ValuePtr except = item->hash_get("except");
  if (except && except->truthy()) {
    std::vector<ValuePtr> globs;
    if (!calls->each(except, &globs, "except must be a list of patterns, e.g. [\"*.tmp\"]")) return false;
    for (const ValuePtr& glob : globs) out->except.push_back(ruby::to_s(*glob));
  }
  ValuePtr type = item->hash_get("type");
  if (type && type->truthy()) {
    std::vector<ValuePtr> types;
    if (!calls->each(type, &types, "type must be a list: [file], [directory] or [file, directory]")) return false;
    out->type.clear();
    for (const ValuePtr& t : types) {
      if (!(t->type == Type::string && (t->text == "file" || t->text == "directory"))) {
        calls->reject(agent_message::unsupported_object_type(ruby::to_s(*t)), t->position);
        return false;
      }
      out->type.push_back(t->text);
    }
  }
  if (ValuePtr owner = item->hash_get("owner"); owner && !owner->is_nil()) out->owner = ruby::to_s(*owner);
  if (ValuePtr group = item->hash_get("group"); group && !group->is_nil()) out->group = ruby::to_s(*group);
  if (ValuePtr mode = item->hash_get("mode"); mode && !mode->is_nil()) {
    std::string text;
    if (!parse_mode(*mode, calls, &text)) return false;
    out->mode = text;
  }
  if (ValuePtr acls = item->hash_get("acls"); acls && !acls->is_nil()) {
    std::vector<std::string> normalised;
    if (!parse_acls(acls, calls, &normalised)) return false;
    out->acls = normalised;
  }
  if (ValuePtr context = item->hash_get("context"); context && !context->is_nil()) {
    SelinuxContext parsed;
    if (!parse_context(context, calls, &parsed)) return false;
    out->context = parsed;
  }
  out->object = ruby::strip(ruby::to_s(*object));
  if (out->object.empty()) {
    calls->reject(agent_message::permission_without_object, object->position);
    return false;
  }
  return true;
}

}  // namespace cdrun
