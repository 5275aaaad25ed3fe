// The Ruby objects that Psych 4 (Ruby 3.1, the agent 1.8 daemon's runtime) builds from YAML, and the
// few Ruby methods the agent's appspec parser calls on them (to_s, inspect, to_i, [], ==).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "appspec/core/diagnostic.h"

namespace cdrun::ruby {

enum class Type { nil, boolean, integer, floating, string, symbol, array, hash };

// Arbitrary-size integer as Ruby has it: sign and decimal digits without leading zeros ("0" for 0).
struct Integer {
  bool negative = false;
  std::string digits = "0";
  bool is_zero() const { return digits == "0"; }
  bool positive() const { return !negative && !is_zero(); }
  std::string to_s() const { return (negative ? "-" : "") + digits; }
  static Integer from_long(long long v);
};

struct Value;
using ValuePtr = std::shared_ptr<const Value>;

struct Value {
  Type type = Type::nil;
  bool boolean = false;
  Integer integer;
  double floating = 0.0;
  std::string text;                                // string and symbol
  std::vector<ValuePtr> array;                     // array
  std::vector<std::pair<ValuePtr, ValuePtr>> hash;  // insertion order, unique keys (eql?)
  Position position;                               // where its YAML node starts

  bool truthy() const { return !(type == Type::nil || (type == Type::boolean && !boolean)); }
  bool is_nil() const { return type == Type::nil; }
  bool is_string() const { return type == Type::string; }
  bool is_hash() const { return type == Type::hash; }
  bool is_array() const { return type == Type::array; }
  // Hash#[] with a String key; null when absent (Ruby returns nil).
  ValuePtr hash_get(const std::string& key) const;
  bool hash_has_key(const std::string& key) const;
};

ValuePtr make_nil(Position position = {});
ValuePtr make_string(std::string text, Position position = {});

// Ruby's Object#to_s and #inspect for the types above.
std::string to_s(const Value& value);
std::string inspect(const Value& value);
std::string float_to_s(double value);
std::string string_inspect(const std::string& text);

// Ruby's ==, and eql? (as Hash keys compare): 0 == 0.0 but !0.eql?(0.0).
bool equals(const Value& a, const Value& b);
bool eql(const Value& a, const Value& b);

// String#to_i: leading whitespace, sign, digits with single underscores; "30abc" is 30, "abc" is 0.
Integer string_to_i(const std::string& text);
// String#to_f (used by Psych for base-60 floats).
double string_to_f(const std::string& text);

// What `obj[key]` does in the agent for a String key on a non-Hash receiver:
// String#[] gives the substring or nil; Integer and Array raise TypeError; others NoMethodError.
enum class IndexOutcome { value, nil, type_error, no_method };
IndexOutcome index_with_string(const Value& receiver, const std::string& key, ValuePtr* out);

}  // namespace cdrun::ruby
