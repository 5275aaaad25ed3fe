#include "appspec/yaml/ruby_value.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace cdrun::ruby {

Integer Integer::from_long(long long v) {
  Integer out;
  out.negative = v < 0;
  unsigned long long magnitude = v < 0 ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
  out.digits = std::to_string(magnitude);
  if (out.digits == "0") out.negative = false;
  return out;
}

ValuePtr Value::hash_get(const std::string& key) const {
  for (const auto& [k, v] : hash) {
    if (k->type == Type::string && k->text == key) return v;
  }
  return nullptr;
}

bool Value::hash_has_key(const std::string& key) const { return hash_get(key) != nullptr; }

ValuePtr make_nil(Position position) {
  auto v = std::make_shared<Value>();
  v->position = position;
  return v;
}

ValuePtr make_string(std::string text, Position position) {
  auto v = std::make_shared<Value>();
  v->type = Type::string;
  v->text = std::move(text);
  v->position = position;
  return v;
}

// Float#to_s: the shortest digits that round-trip; fixed notation for exponents -4 < e <= 16.
std::string float_to_s(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-Infinity" : "Infinity";
  if (value == 0.0) return std::signbit(value) ? "-0.0" : "0.0";
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  std::string sci(buffer, result.ptr);
  std::string sign;
  if (sci[0] == '-') {
    sign = "-";
    sci.erase(0, 1);
  }
  const size_t e_at = sci.find('e');
  std::string digits = sci.substr(0, e_at);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  const int exponent = std::atoi(sci.c_str() + e_at + 1);
  const int decpt = exponent + 1;
  std::string out;
  if (decpt > 0 && decpt <= 16) {
    if (static_cast<int>(digits.size()) <= decpt) {
      out = digits + std::string(decpt - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, decpt) + "." + digits.substr(decpt);
    }
  } else if (decpt <= 0 && decpt > -4) {
    out = "0." + std::string(-decpt, '0') + digits;
  } else {
    out = digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0");
    char exp[16];
    std::snprintf(exp, sizeof exp, "e%+03d", decpt - 1);
    out += exp;
  }
  return sign + out;
}

std::string string_inspect(const std::string& text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '\f': out += "\\f"; continue;
      case '\v': out += "\\v"; continue;
      case '\b': out += "\\b"; continue;
      case '\a': out += "\\a"; continue;
      case 0x1b: out += "\\e"; continue;
      case '#':
        // "#{", "#$" and "#@" would interpolate in Ruby source, so inspect escapes the hash.
        if (i + 1 < text.size() && (text[i + 1] == '{' || text[i + 1] == '$' || text[i + 1] == '@')) {
          out += "\\#";
          continue;
        }
        out += '#';
        continue;
      default: break;
    }
    char escaped[16];
    if (c < 0x20) {
      std::snprintf(escaped, sizeof escaped, "\\u%04X", c);
      out += escaped;
    } else if (c == 0x7f) {
      out += "\\x7F";
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      // C1 control characters (U+0080..U+009F) are not printable either.
      std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned char>(text[i + 1]));
      out += escaped;
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

namespace {

bool plain_symbol_name(const std::string& s) {
  if (s.empty()) return false;
  const unsigned char first = static_cast<unsigned char>(s[0]);
  if (!(std::isalpha(first) || first == '_' || first >= 0x80)) return false;
  for (size_t i = 1; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const bool last = i + 1 == s.size();
    if (std::isalnum(c) || c == '_' || c >= 0x80) continue;
    if (last && (c == '?' || c == '!' || c == '=')) continue;
    return false;
  }
  return true;
}

}  // namespace

std::string inspect(const Value& value) {
  switch (value.type) {
    case Type::nil: return "nil";
    case Type::boolean: return value.boolean ? "true" : "false";
    case Type::integer: return value.integer.to_s();
    case Type::floating: return float_to_s(value.floating);
    case Type::string: return string_inspect(value.text);
    case Type::symbol: return ":" + (plain_symbol_name(value.text) ? value.text : string_inspect(value.text));
    case Type::array: {
      std::string out = "[";
      for (size_t i = 0; i < value.array.size(); ++i) {
        if (i) out += ", ";
        out += inspect(*value.array[i]);
      }
      return out + "]";
    }
    case Type::hash: {
      // Ruby 3.1 prints {"a"=>1, "b"=>2}.
      std::string out = "{";
      for (size_t i = 0; i < value.hash.size(); ++i) {
        if (i) out += ", ";
        out += inspect(*value.hash[i].first) + "=>" + inspect(*value.hash[i].second);
      }
      return out + "}";
    }
  }
  return "nil";
}

std::string to_s(const Value& value) {
  switch (value.type) {
    case Type::nil: return "";
    case Type::string:
    case Type::symbol: return value.text;
    default: return inspect(value);
  }
}

namespace {

// Compares an Integer with a double the way Ruby's Integer#== does (exactly).
bool integer_equals_float(const Integer& i, double f) {
  if (!std::isfinite(f) || std::floor(f) != f) return false;
  char buffer[400];
  std::snprintf(buffer, sizeof buffer, "%.0f", std::fabs(f));
  const bool negative = f < 0 && std::string(buffer) != "0";
  return i.digits == buffer && i.negative == negative;
}

}  // namespace

bool equals(const Value& a, const Value& b) {
  if (a.type == Type::integer && b.type == Type::floating) return integer_equals_float(a.integer, b.floating);
  if (a.type == Type::floating && b.type == Type::integer) return integer_equals_float(b.integer, a.floating);
  if (a.type != b.type) return false;
  switch (a.type) {
    case Type::nil: return true;
    case Type::boolean: return a.boolean == b.boolean;
    case Type::integer: return a.integer.negative == b.integer.negative && a.integer.digits == b.integer.digits;
    case Type::floating: return a.floating == b.floating;
    case Type::string:
    case Type::symbol: return a.text == b.text;
    case Type::array:
      if (a.array.size() != b.array.size()) return false;
      for (size_t i = 0; i < a.array.size(); ++i) {
        if (!equals(*a.array[i], *b.array[i])) return false;
      }
      return true;
    case Type::hash:
      if (a.hash.size() != b.hash.size()) return false;
      for (const auto& [k, v] : a.hash) {
        bool matched = false;
        for (const auto& [k2, v2] : b.hash) {
          if (eql(*k, *k2)) {
            matched = equals(*v, *v2);
            break;
          }
        }
        if (!matched) return false;
      }
      return true;
  }
  return false;
}

bool eql(const Value& a, const Value& b) {
  if (a.type != b.type) return false;
  if (a.type == Type::floating) return a.floating == b.floating || (std::isnan(a.floating) && std::isnan(b.floating) && false);
  if (a.type == Type::array) {
    if (a.array.size() != b.array.size()) return false;
    for (size_t i = 0; i < a.array.size(); ++i) {
      if (!eql(*a.array[i], *b.array[i])) return false;
    }
    return true;
  }
  return equals(a, b);
}

namespace {

bool ruby_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Integer string_to_i(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && ruby_space(text[i])) ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }
  std::string digits;
  while (i < text.size()) {
    if (digit(text[i])) {
      digits += text[i++];
    } else if (text[i] == '_' && !digits.empty() && i + 1 < text.size() && digit(text[i + 1])) {
      ++i;  // one underscore between digits is allowed
    } else {
      break;
    }
  }
  const size_t nonzero = digits.find_first_not_of('0');
  Integer out;
  if (nonzero == std::string::npos) return out;
  out.digits = digits.substr(nonzero);
  out.negative = negative;
  return out;
}

double string_to_f(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && ruby_space(text[i])) ++i;
  std::string cleaned;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '_' && !cleaned.empty() && digit(cleaned.back()) && i + 1 < text.size() && digit(text[i + 1])) continue;
    if (digit(c) || c == '.' || c == '+' || c == '-' || c == 'e' || c == 'E') {
      cleaned += c;
    } else {
      break;
    }
  }
  return cleaned.empty() ? 0.0 : std::strtod(cleaned.c_str(), nullptr);
}

IndexOutcome index_with_string(const Value& receiver, const std::string& key, ValuePtr* out) {
  switch (receiver.type) {
    case Type::hash: {
      ValuePtr found = receiver.hash_get(key);
      if (!found) return IndexOutcome::nil;
      *out = found;
      return IndexOutcome::value;
    }
    case Type::string:
    case Type::symbol:
      // String#["key"] returns "key" when it is a substring, else nil.
      if (receiver.text.find(key) == std::string::npos) return IndexOutcome::nil;
      *out = make_string(key, receiver.position);
      return IndexOutcome::value;
    case Type::integer:
    case Type::array: return IndexOutcome::type_error;
    default: return IndexOutcome::no_method;
  }
}

}  // namespace cdrun::ruby
