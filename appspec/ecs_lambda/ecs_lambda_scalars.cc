// How YAML 1.1 types a scalar (the service and Psych both load YAML 1.1), and the "this value must
// be a mapping / list / string" checks built on it.
#include <climits>

#include "appspec/ecs_lambda/ecs_lambda_internal.h"

namespace cdrun::ecs_lambda {

namespace {

constexpr std::string_view kYamlTagPrefix = "tag:yaml.org,2002:";

bool one_of(const std::string& text, std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (text == word) return true;
  }
  return false;
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

struct IntegerSyntax {
  bool negative = false;
  int base = 10;
  std::string_view digits;  // may contain '_'
};

// YAML 1.1 int: [-+]? then 0b…, 0x…, 0 followed by octal digits, or a decimal without leading zero.
// (Sexagesimal 1:30 is left out: nobody writes a port or a weight that way.)
std::optional<IntegerSyntax> integer_syntax(std::string_view text) {
  IntegerSyntax syntax;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    syntax.negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'b' || text[1] == 'x')) {
    syntax.base = text[1] == 'b' ? 2 : 16;
    text.remove_prefix(2);
  } else if (text.size() > 1 && text[0] == '0') {
    syntax.base = 8;
    text.remove_prefix(1);
  } else if (text[0] == '_') {
    return std::nullopt;
  }
  bool any_digit = false;
  for (char c : text) {
    if (c == '_') continue;
    if (digit_value(c) >= syntax.base) return std::nullopt;
    any_digit = true;
  }
  if (!any_digit) return std::nullopt;
  syntax.digits = text;
  return syntax;
}

bool all_digits(std::string_view text, bool allow_underscore) {
  if (text.empty()) return false;
  bool any_digit = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      any_digit = true;
    } else if (!(allow_underscore && c == '_')) {
      return false;
    }
  }
  return any_digit;
}

// YAML 1.1 float: [-+]? (digits[.digits] | .digits) [e[-+]digits], or .inf / .nan. A bare digit
// string is an int (or, like 09, not a number at all), so a '.' or an exponent is required.
bool float_syntax(std::string_view text) {
  if (one_of(std::string(text), {".nan", ".NaN", ".NAN"})) return true;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) text.remove_prefix(1);
  if (one_of(std::string(text), {".inf", ".Inf", ".INF"})) return true;
  std::string_view exponent;
  const auto e = text.find_first_of("eE");
  if (e != std::string_view::npos) {
    exponent = text.substr(e + 1);
    text = text.substr(0, e);
    if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) exponent.remove_prefix(1);
    if (!all_digits(exponent, false)) return false;
  }
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) return e != std::string_view::npos && all_digits(text, true);
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = text.substr(dot + 1);
  if (whole.empty()) return all_digits(fraction, false);
  return all_digits(whole, true) && (fraction.empty() || all_digits(fraction, true));
}

}  // namespace

ScalarKind scalar_kind(const yaml::Node& node) {
  if (!node.is_scalar()) return ScalarKind::string;
  if (!node.tag.empty()) {
    if (node.tag == std::string(kYamlTagPrefix) + "null") return ScalarKind::null;
    if (node.tag == std::string(kYamlTagPrefix) + "bool") return ScalarKind::boolean;
    if (node.tag == std::string(kYamlTagPrefix) + "int") return ScalarKind::integer;
    if (node.tag == std::string(kYamlTagPrefix) + "float") return ScalarKind::floating;
    return ScalarKind::string;
  }
  if (node.style != yaml::ScalarStyle::plain) return ScalarKind::string;
  const std::string& text = node.value;
  if (one_of(text, {"", "~", "null", "Null", "NULL"})) return ScalarKind::null;
  if (one_of(text, {"true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO", "on",
                    "On", "ON", "off", "Off", "OFF"})) {
    return ScalarKind::boolean;
  }
  if (integer_syntax(text)) return ScalarKind::integer;
  if (float_syntax(text)) return ScalarKind::floating;
  return ScalarKind::string;
}

bool is_null(const yaml::Node& node) { return node.is_scalar() && scalar_kind(node) == ScalarKind::null; }

bool is_plain_number(const yaml::Node& node) {
  const ScalarKind kind = scalar_kind(node);
  return node.is_scalar() && (kind == ScalarKind::integer || kind == ScalarKind::floating);
}

std::optional<long long> integer_value(const yaml::Node& node) {
  if (!node.is_scalar() || scalar_kind(node) != ScalarKind::integer) return std::nullopt;
  const auto syntax = integer_syntax(node.value);
  if (!syntax) return std::nullopt;  // tagged !!int with text that is no integer
  long long value = 0;
  for (char c : syntax->digits) {
    if (c == '_') continue;
    const int digit = digit_value(c);
    if (value > (LLONG_MAX - digit) / syntax->base) return syntax->negative ? LLONG_MIN : LLONG_MAX;
    value = value * syntax->base + digit;
  }
  return syntax->negative ? -value : value;
}

bool is_quoted_integer(const yaml::Node& node) {
  return node.is_scalar() && scalar_kind(node) == ScalarKind::string && all_digits(node.value, false);
}

const yaml::Node* expect_mapping(Checker& checker, const Entry& entry, const std::string& name) {
  const yaml::Node& value = checker.resolve(*entry.value);
  if (note_placeholder(checker, value, name)) return nullptr;
  if (value.is_mapping()) return &value;
  if (value.kind != yaml::NodeKind::alias) {
    checker.report(Severity::error, kWrongNodeKind, entry.where(),
                   name + " must be a mapping, found " + describe(value),
                   "write the keys of " + name + " indented under it (or as {Key: value} in JSON)");
  }
  return nullptr;
}

const yaml::Node* expect_sequence(Checker& checker, const Entry& entry, const std::string& name) {
  const yaml::Node& value = checker.resolve(*entry.value);
  if (note_placeholder(checker, value, name)) return nullptr;
  if (value.is_sequence()) return &value;
  if (value.kind != yaml::NodeKind::alias) {
    checker.report(Severity::error, kWrongNodeKind, entry.where(), name + " must be a list, found " + describe(value),
                   "write each item of " + name + " on its own line starting with '- ' (or as [..] in JSON)");
  }
  return nullptr;
}

std::optional<std::string> expect_string(Checker& checker, const yaml::Node& node, const std::string& name) {
  const yaml::Node& value = checker.resolve(node);
  if (value.kind == yaml::NodeKind::alias || note_placeholder(checker, value, name)) return std::nullopt;
  if (!value.is_scalar()) {
    checker.report(Severity::error, kWrongNodeKind, value.position,
                   name + " must be a string, found " + describe(value), "give " + name + " a single text value");
    return std::nullopt;
  }
  const ScalarKind kind = scalar_kind(value);
  if (kind == ScalarKind::boolean || kind == ScalarKind::integer || kind == ScalarKind::floating) {
    const char* what = kind == ScalarKind::boolean ? "a boolean" : "a number";
    checker.report(Severity::warning, kScalarNotString, value.position,
                   name + " is " + describe(value) + ", which YAML reads as " + what + ", not a string",
                   "put it in quotes (" + name + ": \"...\") so every reader sees the same text");
  }
  return value.value;
}

}  // namespace cdrun::ecs_lambda
