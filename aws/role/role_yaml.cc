#include "aws/role/role_yaml.h"

#include <regex>
#include <set>
#include <sstream>

namespace cdrun {
namespace {

// Letters first (so never a number or a date), no spaces, no '#', quotes, brackets or other indicators.
// Compiled on first use: every cdrun start would pay for it otherwise.
const std::regex& plain_safe_pattern() {
  static const std::regex pattern("[A-Za-z][A-Za-z0-9_./:-]*");
  return pattern;
}
// YAML 1.1 reads these as booleans or null, and CloudFormation's parser is a YAML 1.1 one.
const std::set<std::string> kReservedWords = {"y",     "Y",     "yes", "Yes", "YES", "n",     "N",     "no",
                                              "No",    "NO",    "on",  "On",  "ON",  "off",   "Off",   "OFF",
                                              "true",  "True",  "TRUE", "false", "False", "FALSE", "null", "Null",
                                              "NULL"};

bool has_control_character(const std::string& text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

std::string quoted(const std::string& text) {
  if (has_control_character(text)) return RoleJson(text).dump();  // a JSON string is a valid double-quoted YAML scalar
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string string_scalar(const std::string& text) {
  const bool plain =
      std::regex_match(text, plain_safe_pattern()) && text.back() != ':' && kReservedWords.count(text) == 0;
  return plain ? text : quoted(text);
}

bool is_intrinsic(const RoleJson& node) {
  if (!node.is_object() || node.size() != 1) return false;
  const std::string& key = node.begin().key();
  return key == "Ref" || key == "Fn::Sub" || (key == "Fn::GetAtt" && node.begin().value().is_array());
}

bool is_inline(const RoleJson& node) {
  return node.is_primitive() || is_intrinsic(node) || ((node.is_object() || node.is_array()) && node.empty());
}

std::string inline_text(const RoleJson& node) {
  if (node.is_string()) return string_scalar(node.get<std::string>());
  if (node.is_primitive()) return node.dump();  // numbers, true/false, null
  if (node.is_array()) return "[]";
  if (!is_intrinsic(node)) return "{}";
  const std::string& key = node.begin().key();
  const RoleJson& argument = node.begin().value();
  if (key == "Ref") return "!Ref " + string_scalar(argument.get<std::string>());
  if (key == "Fn::Sub") return "!Sub " + quoted(argument.get<std::string>());
  std::string path;
  for (const RoleJson& part : argument) path += (path.empty() ? "" : ".") + part.get<std::string>();
  return "!GetAtt " + string_scalar(path);
}

void write_block(std::ostringstream& out, const RoleJson& node, int indent, bool first_line_indented);

// One "key: value" or "key:" followed by the nested block.
void write_entry(std::ostringstream& out, const std::string& key, const RoleJson& value, int indent) {
  out << string_scalar(key) << ":";
  if (is_inline(value)) {
    out << " " << inline_text(value) << "\n";
  } else {
    out << "\n";
    write_block(out, value, indent + 2, false);
  }
}

// A non-empty mapping or sequence at `indent`; when `first_line_indented`, the caller has already written the
// indentation and "- " of the first line (a mapping that is a sequence item).
void write_block(std::ostringstream& out, const RoleJson& node, int indent, bool first_line_indented) {
  const std::string pad(static_cast<size_t>(indent), ' ');
  bool first = true;
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!(first && first_line_indented)) out << pad;
      first = false;
      write_entry(out, it.key(), it.value(), indent);
    }
    return;
  }
  for (const RoleJson& item : node) {
    if (!(first && first_line_indented)) out << pad;
    first = false;
    if (is_inline(item)) {
      out << "- " << inline_text(item) << "\n";
    } else if (item.is_object()) {
      out << "- ";
      write_block(out, item, indent + 2, true);
    } else {
      out << "-\n";
      write_block(out, item, indent + 2, false);
    }
  }
}

}  // namespace

std::string to_cloudformation_yaml(const RoleJson& tree) {
  std::ostringstream out;
  if (is_inline(tree)) {
    out << inline_text(tree) << "\n";
  } else {
    write_block(out, tree, 0, false);
  }
  return out.str();
}

}  // namespace cdrun
