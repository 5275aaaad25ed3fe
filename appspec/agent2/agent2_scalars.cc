#include "appspec/agent2/agent2_scalars.h"

#include <charconv>
#include <cstdio>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <utility>

namespace cdrun::agent2 {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Rust's u64::from_str_radix: an optional '+', then at least one digit of the radix, no overflow.
std::optional<uint64_t> rust_u64_from_radix(std::string_view text, int radix) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    int digit = is_digit(c) ? c - '0' : (c >= 'a' && c <= 'z') ? c - 'a' + 10 : (c >= 'A' && c <= 'Z') ? c - 'A' + 10 : 99;
    if (digit >= radix) return std::nullopt;
    if (value > (std::numeric_limits<uint64_t>::max() - static_cast<uint64_t>(digit)) / static_cast<uint64_t>(radix))
      return std::nullopt;
    value = value * static_cast<uint64_t>(radix) + static_cast<uint64_t>(digit);
  }
  return value;
}

bool starts_with_sign(std::string_view text) { return !text.empty() && (text.front() == '+' || text.front() == '-'); }

// YAML 1.2 reads a leading zero followed by digits as a string, not a number.
bool digits_but_not_number(std::string_view text) {
  if (starts_with_sign(text)) text.remove_prefix(1);
  if (text.size() <= 1 || text.front() != '0') return false;
  for (char c : text.substr(1))
    if (!is_digit(c)) return false;
  return true;
}

// Rust's f64 grammar for finite numbers: [+-] (digits [. digits?] | . digits) [(e|E) [+-] digits].
bool is_rust_decimal_float(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t int_digits = 0, frac_digits = 0;
  while (i < text.size() && is_digit(text[i])) ++i, ++int_digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < text.size() && is_digit(text[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == text.size();
}

long code_point_at(std::string_view text, size_t pos, size_t* length) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[pos + k]); };
  const unsigned char lead = byte(0);
  *length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (pos + *length > text.size()) *length = 1;
  if (*length == 1) return lead;
  long cp = lead & (0x3F >> (*length - 1));
  for (size_t k = 1; k < *length; ++k) cp = (cp << 6) | (byte(k) & 0x3F);
  return cp;
}

bool is_white_space(long cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

}  // namespace

bool is_yaml_null(std::string_view plain) {
  return plain.empty() || plain == "~" || plain == "null" || plain == "Null" || plain == "NULL";
}

std::optional<bool> parse_yaml_bool(std::string_view plain) {
  if (plain == "true" || plain == "True" || plain == "TRUE") return true;
  if (plain == "false" || plain == "False" || plain == "FALSE") return false;
  return std::nullopt;
}

std::optional<uint64_t> parse_yaml_unsigned(std::string_view plain) {
  std::string_view unpositive = plain;
  if (!unpositive.empty() && unpositive.front() == '+') unpositive.remove_prefix(1);
  for (auto [prefix, radix] : {std::pair<std::string_view, int>{"0x", 16}, {"0o", 8}, {"0b", 2}}) {
    if (unpositive.substr(0, 2) != prefix) continue;
    std::string_view rest = unpositive.substr(2);
    if (starts_with_sign(rest)) return std::nullopt;
    if (auto value = rust_u64_from_radix(rest, radix)) return value;
  }
  if (starts_with_sign(unpositive) || digits_but_not_number(plain)) return std::nullopt;
  return rust_u64_from_radix(unpositive, 10);
}

std::optional<double> parse_yaml_f64(std::string_view plain) {
  std::string_view unpositive = plain;
  if (!unpositive.empty() && unpositive.front() == '+') {
    unpositive.remove_prefix(1);
    if (starts_with_sign(unpositive)) return std::nullopt;
  }
  if (unpositive == ".inf" || unpositive == ".Inf" || unpositive == ".INF") return std::numeric_limits<double>::infinity();
  if (plain == "-.inf" || plain == "-.Inf" || plain == "-.INF") return -std::numeric_limits<double>::infinity();
  if (plain == ".nan" || plain == ".NaN" || plain == ".NAN") return std::numeric_limits<double>::quiet_NaN();
  // Rust also parses "inf" and "nan", but serde_yaml keeps only finite results, so they never count.
  if (!is_rust_decimal_float(unpositive)) return std::nullopt;
  const std::string copy(unpositive);
  const double value = std::strtod(copy.c_str(), nullptr);  // glibc rounds correctly, as Rust does
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

std::string rust_f64_display(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  if (ec != std::errc()) return "?";
  const std::string scientific(buffer, end);  // e.g. "-1.5e+00"
  const size_t e = scientific.find('e');
  std::string sign, digits;
  for (size_t i = 0; i < e; ++i) {
    if (scientific[i] == '-') sign = "-";
    else if (is_digit(scientific[i])) digits += scientific[i];
  }
  const int exponent = std::atoi(scientific.c_str() + e + 1);
  const int point = exponent + 1;  // digits before the decimal point
  std::string out;
  if (point <= 0) {
    out = "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (static_cast<size_t>(point) >= digits.size()) {
    out = digits + std::string(static_cast<size_t>(point) - digits.size(), '0');
  } else {
    out = digits.substr(0, static_cast<size_t>(point)) + "." + digits.substr(static_cast<size_t>(point));
  }
  return sign + out;
}

std::string rust_debug_str(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    size_t length = 1;
    const long cp = code_point_at(text, i, &length);
    switch (cp) {
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\n': out += "\\n"; break;
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case 0: out += "\\0"; break;
      default:
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
          char hex[16];
          std::snprintf(hex, sizeof hex, "\\u{%lx}", cp);
          out += hex;
        } else {
          out.append(text.substr(i, length));
        }
    }
    i += length;
  }
  return out + "\"";
}

std::string_view rust_trim(std::string_view text) {
  size_t begin = 0;
  while (begin < text.size()) {
    size_t length = 1;
    if (!is_white_space(code_point_at(text, begin, &length))) break;
    begin += length;
  }
  size_t end = text.size();
  while (end > begin) {
    size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    size_t length = 1;
    if (!is_white_space(code_point_at(text, start, &length))) break;
    end = start;
  }
  return text.substr(begin, end - begin);
}

bool is_valid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    size_t length = lead < 0x80 ? 1 : (lead >= 0xC2 && lead < 0xE0) ? 2 : (lead >= 0xE0 && lead < 0xF0) ? 3
                                      : (lead >= 0xF0 && lead < 0xF5) ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    if (length > 1) {
      size_t decoded = 0;
      const long cp = code_point_at(text, i, &decoded);
      if ((length == 3 && cp < 0x800) || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return false;
    }
    i += length;
  }
  return true;
}

size_t utf8_char_length(std::string_view text, size_t pos) {
  size_t length = 1;
  (void)code_point_at(text, pos, &length);
  return length;
}

}  // namespace cdrun::agent2
