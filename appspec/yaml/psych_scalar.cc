// Psych::ScalarScanner#tokenize (Psych 4.0, Ruby 3.1): how an untagged plain YAML scalar becomes a
// Ruby object. The regular expressions of the original are matched by hand here so that no input,
// however long, can make a backtracking engine recurse deeply.
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <cctype>
#include <string>
#include <vector>

#include "appspec/core/text_fields.h"
#include "appspec/yaml/psych_loader.h"

namespace cdrun::ruby {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(const std::string& a, const char* b) {
  size_t n = std::char_traits<char>::length(b);
  if (a.size() != n) return false;
  for (size_t i = 0; i < n; ++i) {
    if (lower(a[i]) != b[i]) return false;
  }
  return true;
}

// Decodes one UTF-8 code point at `i` (invalid bytes count as one code point each).
unsigned decode(const std::string& s, size_t i, size_t* length) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (i + n > s.size()) n = 1;
  unsigned cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *length = n;
  return cp;
}

size_t character_count(const std::string& s) {
  size_t count = 0;
  for (size_t i = 0, n = 0; i < s.size(); i += n) {
    decode(s, i, &n);
    ++count;
  }
  return count;
}

// [[:alpha:]] for non-ASCII is approximated: letters outside the common punctuation blocks.
bool alpha(unsigned cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7) return false;
  if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) || cp == 0xFEFF) return false;
  return true;
}

// The class [[:alpha:]_\s!@#$%\^&*(){}<>|/\\~;=].
bool word_like(unsigned cp) {
  if (alpha(cp)) return true;
  if (cp < 0x80 && space(static_cast<char>(cp))) return true;
  switch (cp) {
    case '_': case '!': case '@': case '#': case '$': case '%': case '^': case '&': case '*': case '(':
    case ')': case '{': case '}': case '<': case '>': case '|': case '/': case '\\': case '~': case ';':
    case '=': return true;
    default: return false;
  }
}

// %r{^[^\d.:-]?[[:alpha:]_\s!@#$%\^&*(){}<>|/\\~;=]+}
bool looks_like_string(const std::string& s) {
  size_t n0 = 0;
  const unsigned c0 = decode(s, 0, &n0);
  if (word_like(c0)) return true;
  if (c0 < 0x80 && (digit(static_cast<char>(c0)) || c0 == '.' || c0 == ':' || c0 == '-')) return false;
  if (n0 >= s.size()) return false;
  size_t n1 = 0;
  return word_like(decode(s, n0, &n1));
}

// Counts a run of ASCII digits starting at `i`.
size_t digits_at(const std::string& s, size_t i) {
  size_t n = 0;
  while (i + n < s.size() && digit(s[i + n])) ++n;
  return n;
}

// [-+]\d{1,2}:?(?:\d\d)?$ applied to the rest of the string from `i` (after the sign).
bool time_zone_tail(const std::string& s, size_t i) {
  for (size_t hours = 1; hours <= 2; ++hours) {
    if (digits_at(s, i) < hours) break;
    size_t j = i + hours;
    for (int colon = 0; colon <= 1; ++colon) {
      size_t k = j;
      if (colon) {
        if (k >= s.size() || s[k] != ':') continue;
        ++k;
      }
      if (k == s.size()) return true;
      if (k + 2 == s.size() && digit(s[k]) && digit(s[k + 1])) return true;
    }
  }
  return false;
}

// TIME = /^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$/
bool looks_like_time(const std::string& s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (digits_at(s, i) != 4) return false;
  i += 4;
  for (int part = 0; part < 2; ++part) {
    if (i >= s.size() || s[i] != '-') return false;
    size_t n = digits_at(s, ++i);
    if (n < 1 || n > 2) return false;
    i += n;
  }
  if (i < s.size() && (s[i] == 'T' || s[i] == 't')) {
    ++i;
  } else {
    size_t spaces = 0;
    while (i < s.size() && space(s[i])) ++i, ++spaces;
    if (spaces == 0) return false;
  }
  size_t n = digits_at(s, i);
  if (n < 1 || n > 2) return false;
  i += n;
  for (int part = 0; part < 2; ++part) {
    if (i >= s.size() || s[i] != ':' || digits_at(s, i + 1) < 2) return false;
    i += 3;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    i += digits_at(s, i);
  }
  if (i == s.size()) return true;
  while (i < s.size() && space(s[i])) ++i;
  if (i < s.size() && s[i] == 'Z') return i + 1 == s.size();
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) return time_zone_tail(s, i + 1);
  return false;
}

// /^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$/
bool looks_like_date(const std::string& s) {
  if (digits_at(s, 0) != 4 || s.size() < 8 || s[4] != '-') return false;
  size_t month = digits_at(s, 5);
  if (month == 2) {
    if (!(s[5] == '0' || (s[5] == '1' && s[6] >= '0' && s[6] <= '2'))) return false;
  } else if (month != 1) {
    return false;
  }
  size_t i = 5 + month;
  if (i >= s.size() || s[i] != '-') return false;
  ++i;
  size_t day = digits_at(s, i);
  if (i + day != s.size()) return false;
  if (day == 1) return true;
  if (day != 2) return false;
  return s[i] == '0' || s[i] == '1' || s[i] == '2' || (s[i] == '3' && (s[i + 1] == '0' || s[i + 1] == '1'));
}

// ^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}  followed by end (integer) or by \.[0-9_]*$ (float).
enum class Sexagesimal { none, integer, floating };
Sexagesimal sexagesimal(const std::string& s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  if (i >= s.size() || !digit(s[i])) return Sexagesimal::none;
  while (i < s.size() && (digit(s[i]) || s[i] == '_')) ++i;
  int groups = 0;
  while (groups < 2 && i < s.size() && s[i] == ':') {
    size_t n = digits_at(s, i + 1);
    if (n == 2 && s[i + 1] > '5') return Sexagesimal::none;
    if (n < 1 || n > 2) return Sexagesimal::none;
    i += 1 + n;
    ++groups;
  }
  if (groups == 0) return Sexagesimal::none;
  if (i == s.size()) return Sexagesimal::integer;
  if (s[i] != '.') return Sexagesimal::none;
  for (++i; i < s.size(); ++i) {
    if (!digit(s[i]) && s[i] != '_') return Sexagesimal::none;
  }
  return Sexagesimal::floating;
}

// FLOAT = /^(?:[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?)$/
bool looks_like_float(const std::string& s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  if (i < s.size() && digit(s[i])) {
    while (i < s.size() && (digit(s[i]) || s[i] == '_' || s[i] == ',')) ++i;
  }
  if (i >= s.size() || s[i] != '.') return false;
  ++i;
  i += digits_at(s, i);
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    if (i + 1 >= s.size() || (s[i + 1] != '-' && s[i + 1] != '+')) return false;
    size_t n = digits_at(s, i + 2);
    if (n == 0) return false;
    i += 2 + n;
  }
  return i == s.size();
}

// INTEGER_LEGACY; returns the base (2, 8, 10, 16) or 0 when it does not match.
int integer_base(const std::string& s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  const std::string rest = s.substr(i);
  auto all_of = [&](size_t from, auto allowed) {
    if (from >= rest.size()) return false;
    for (size_t k = from; k < rest.size(); ++k) {
      if (!allowed(rest[k])) return false;
    }
    return true;
  };
  if (rest.size() > 2 && rest[0] == '0' && rest[1] == 'b' &&
      all_of(2, [](char c) { return c == '0' || c == '1' || c == '_' || c == ','; }))
    return 2;
  if (rest.size() > 2 && rest[0] == '0' && rest[1] == 'x' &&
      all_of(2, [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == '_' || c == ','; }))
    return 16;
  if (rest.size() > 1 && rest[0] == '0' && all_of(1, [](char c) { return (c >= '0' && c <= '7') || c == '_' || c == ','; }))
    return 8;
  if (rest == "0") return 10;
  if (rest.empty() || rest[0] < '1' || rest[0] > '9') return 0;
  for (size_t k = 1; k < rest.size(); ++k) {
    if (digit(rest[k])) continue;
    if ((rest[k] == ',' || rest[k] == '_') && k + 1 < rest.size() && digit(rest[k + 1])) {
      ++k;
      continue;
    }
    return 0;
  }
  return 10;
}

std::string without(const std::string& s, const char* drop) {
  std::string out;
  for (char c : s) {
    if (!std::strchr(drop, c)) out += c;
  }
  return out;
}

// Digits in `base` to a decimal Integer of any size.
Integer integer_from_digits(const std::string& digits, int base, bool negative) {
  std::vector<unsigned> limbs{0};  // little-endian, base 1e9
  for (char c : digits) {
    unsigned d = digit(c) ? static_cast<unsigned>(c - '0') : static_cast<unsigned>(lower(c) - 'a' + 10);
    unsigned long long carry = d;
    for (unsigned& limb : limbs) {
      unsigned long long v = static_cast<unsigned long long>(limb) * base + carry;
      limb = static_cast<unsigned>(v % 1000000000ULL);
      carry = v / 1000000000ULL;
    }
    if (carry) limbs.push_back(static_cast<unsigned>(carry));
  }
  std::string text = std::to_string(limbs.back());
  for (size_t k = limbs.size() - 1; k-- > 0;) {
    std::string part = std::to_string(limbs[k]);
    text += std::string(9 - part.size(), '0') + part;
  }
  Integer out;
  out.digits = text;
  out.negative = negative && text != "0";
  return out;
}

std::shared_ptr<Value> make(Type type, Position position) {
  auto v = std::make_shared<Value>();
  v->type = type;
  v->position = position;
  return v;
}

LoadResult ok(ValuePtr v) { return LoadResult{std::move(v), std::nullopt}; }

LoadResult fail(std::string error_class, std::string message, Position position, bool crash) {
  return LoadResult{nullptr, LoadError{std::move(error_class), std::move(message), position, crash}};
}

LoadResult float_value(double f, Position position) {
  auto v = make(Type::floating, position);
  v->floating = f;
  return ok(v);
}

// Sum of part.to_i (or to_f) * 60 ** (index - 2).abs, Psych's base-60 rule (sic: "1:30" is 5400).
LoadResult sexagesimal_value(const std::string& s, bool floating, Position position) {
  const std::vector<std::string> parts = split_fields(s, ':');
  if (floating) {
    double total = 0;
    for (size_t e = 0; e < parts.size(); ++e) total += string_to_f(parts[e]) * std::pow(60.0, std::abs(static_cast<int>(e) - 2));
    return float_value(total, position);
  }
  long double total = 0;
  for (size_t e = 0; e < parts.size(); ++e) {
    Integer part = string_to_i(parts[e]);
    long double magnitude = std::strtold(part.digits.c_str(), nullptr);
    total += (part.negative ? -magnitude : magnitude) * std::pow(60.0L, std::abs(static_cast<int>(e) - 2));
  }
  char buffer[128];
  std::snprintf(buffer, sizeof buffer, "%.0Lf", std::fabs(total));
  auto v = make(Type::integer, position);
  v->integer.digits = buffer;
  v->integer.negative = total < 0 && v->integer.digits != "0";
  return ok(v);
}

}  // namespace

LoadResult tokenize_scalar(const std::string& s, Position position) {
  if (s.empty()) return ok(make(Type::nil, position));

  if (looks_like_string(s) || s.find('\n') != std::string::npos) {
    if (character_count(s) > 5) return ok(make_string(s, position));
    const char first = lower(s[0]);
    if (!(first == 'y' || first == 't' || first == 'o' || first == 'n' || first == 'f' || first == '~'))
      return ok(make_string(s, position));
    if (s == "~" || iequals(s, "null")) return ok(make(Type::nil, position));
    for (const char* word : {"yes", "true", "on", "no", "false", "off"}) {
      if (iequals(s, word)) {
        auto v = make(Type::boolean, position);
        v->boolean = word[0] == 'y' || word[0] == 't' || std::string(word) == "on";
        return ok(v);
      }
    }
    return ok(make_string(s, position));
  }
  if (looks_like_time(s)) return fail("Psych::DisallowedClass", "Tried to load unspecified class: Time", position, false);
  if (looks_like_date(s)) return fail("Psych::DisallowedClass", "Tried to load unspecified class: Date", position, false);
  if (iequals(s, ".inf") || iequals(s, "+.inf")) return float_value(HUGE_VAL, position);
  if (iequals(s, "-.inf")) return float_value(-HUGE_VAL, position);
  if (iequals(s, ".nan")) return float_value(std::nan(""), position);
  if (s.size() >= 2 && s[0] == ':') {
    std::string name = s.substr(1);
    // /^:(["'])(.*)\1/ strips the quotes: greedy, up to the last matching quote.
    if ((s[1] == '"' || s[1] == '\'')) {
      size_t close = s.rfind(s[1]);
      if (close > 1) name = s.substr(2, close - 2);
    }
    if (!name.empty() && name[0] == ':') name.erase(0, 1);
    auto v = make(Type::symbol, position);
    v->text = name;
    return ok(v);
  }
  switch (sexagesimal(s)) {
    case Sexagesimal::integer: return sexagesimal_value(s, false, position);
    case Sexagesimal::floating: return sexagesimal_value(s, true, position);
    case Sexagesimal::none: break;
  }
  if (looks_like_float(s)) {
    if (s == "." || s == "+." || s == "-.") return ok(make_string(s, position));
    std::string cleaned = without(s, ",_");
    const size_t dot = cleaned.find('.');
    if (dot != std::string::npos && (dot + 1 == cleaned.size() || cleaned[dot + 1] == 'e' || cleaned[dot + 1] == 'E'))
      cleaned.erase(dot, 1);
    const size_t mantissa_end = cleaned.find_first_of("eE");
    if (cleaned.substr(0, mantissa_end).find_first_of("0123456789") == std::string::npos)
      return fail("ArgumentError", "invalid value for Float(): \"" + cleaned + "\"", position, true);
    return float_value(std::strtod(cleaned.c_str(), nullptr), position);
  }
  if (int base = integer_base(s)) {
    std::string cleaned = without(s, ",_");
    bool negative = false;
    if (cleaned[0] == '-' || cleaned[0] == '+') {
      negative = cleaned[0] == '-';
      cleaned.erase(0, 1);
    }
    std::string digits = base == 10 ? cleaned : base == 8 ? cleaned.substr(1) : cleaned.substr(2);
    if (base == 8 && digits.empty()) digits = "0";
    if (digits.empty())
      return fail("ArgumentError", "invalid value for Integer(): \"" + without(s, ",_") + "\"", position, true);
    auto v = make(Type::integer, position);
    v->integer = integer_from_digits(digits, base, negative);
    return ok(v);
  }
  return ok(make_string(s, position));
}

}  // namespace cdrun::ruby
