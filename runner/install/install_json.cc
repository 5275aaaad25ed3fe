#include "runner/install/install_json.h"

#include <cstdio>

namespace cdrun {

std::string json_string(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;  // UTF-8 (and '/') as is
        }
    }
  }
  out += '"';
  return out;
}

namespace {

std::string optional_value(const std::optional<std::string>& value, bool is_integer) {
  if (!value) return "null";
  return is_integer ? *value : json_string(*value);
}

std::string acl_array(const AclState& acl) {
  std::string out = "[";
  bool first = true;
  for (const auto* list : {&acl.aces, &acl.additional}) {
    for (const Ace& ace : *list) {
      if (!first) out += ',';
      first = false;
      out += json_string(ace.text());
    }
  }
  return out + "]";
}

void append_instruction(const Instruction& instruction, std::string* out) {
  const std::string file = json_string(instruction.path);
  const PermissionAction* action = instruction.action.get();
  switch (instruction.type) {
    case InstructionType::mkdir:
      *out += "{\"type\":\"mkdir\",\"directory\":" + file + "}";
      break;
    case InstructionType::copy:
      *out += "{\"type\":\"copy\",\"source\":" + json_string(instruction.source) + ",\"destination\":" + file + "}";
      break;
    case InstructionType::chmod:
      *out += "{\"type\":\"chmod\",\"mode\":" + json_string(*action->mode) + ",\"file\":" + file + "}";
      break;
    case InstructionType::setfacl:
      *out += "{\"type\":\"setfacl\",\"acl\":" + acl_array(*action->acl) + ",\"file\":" + file + "}";
      break;
    case InstructionType::semanage: {
      // The agent crashes here when the context has no range (§9 item 9); cdrun writes null.
      const SelinuxContext& context = *action->context;
      *out += "{\"type\":\"semanage\",\"context\":{\"user\":" + optional_value(context.user, false) +
              ",\"role\":null,\"type\":" + json_string(context.type) + ",\"range\":" +
              optional_value(context.range, false) + "},\"file\":" + file + "}";
      break;
    }
    case InstructionType::chown:
      *out += "{\"type\":\"chown\",\"owner\":" + optional_value(action->owner, action->owner_is_integer) +
              ",\"group\":" + optional_value(action->group, action->group_is_integer) + ",\"file\":" + file + "}";
      break;
  }
}

}  // namespace

std::string install_json(const std::vector<Instruction>& instructions) {
  std::string out = "{\"instructions\":[";
  for (size_t i = 0; i < instructions.size(); ++i) {
    if (i > 0) out += ',';
    append_instruction(instructions[i], &out);
  }
  return out + "]}";
}

}  // namespace cdrun
