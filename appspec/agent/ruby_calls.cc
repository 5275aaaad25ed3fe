#include "appspec/agent/ruby_calls.h"

#include <cmath>
#include <cstdio>

namespace cdrun {

namespace ruby {

std::string class_name(const Value& value) {
  switch (value.type) {
    case Type::nil: return "NilClass";
    case Type::boolean: return value.boolean ? "TrueClass" : "FalseClass";
    case Type::integer: return "Integer";
    case Type::floating: return "Float";
    case Type::string: return "String";
    case Type::symbol: return "Symbol";
    case Type::array: return "Array";
    case Type::hash: return "Hash";
  }
  return "Object";
}

std::string strip(const std::string& text) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == '\0'; };
  size_t begin = 0, end = text.size();
  while (begin < end && blank(text[begin])) ++begin;
  while (end > begin && blank(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

}  // namespace ruby

namespace {

// Ruby prints at most a short inspect of the receiver in NoMethodError messages; so do we.
std::string short_inspect(const ruby::Value& value) {
  std::string text = ruby::inspect(value);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

}  // namespace

void RubyCalls::reject(const std::string& message, Position position) {
  AgentFinding finding;
  finding.error_class = "AppSpecValidationException";
  finding.message = message;
  finding.position = position;
  findings_->push_back(std::move(finding));
}

void RubyCalls::crash(const std::string& error_class, const std::string& ruby_message, Position position,
                      const std::string& explanation) {
  AgentFinding finding;
  finding.crash = true;
  finding.error_class = error_class;
  finding.message = ruby_message;
  finding.explanation = explanation;
  finding.position = position;
  findings_->push_back(std::move(finding));
}

void RubyCalls::no_method(const ruby::Value& receiver, const std::string& method, const std::string& explanation) {
  crash("NoMethodError",
        "undefined method `" + method + "' for " + short_inspect(receiver) + ":" + ruby::class_name(receiver),
        receiver.position, explanation);
}

void RubyCalls::type_error(const std::string& ruby_message, Position position, const std::string& explanation) {
  crash("TypeError", ruby_message, position, explanation);
}

bool RubyCalls::index(const ruby::ValuePtr& receiver, const std::string& key, ruby::ValuePtr* out,
                      const std::string& explanation) {
  *out = nullptr;
  switch (ruby::index_with_string(*receiver, key, out)) {
    case ruby::IndexOutcome::value:
    case ruby::IndexOutcome::nil: return true;
    case ruby::IndexOutcome::type_error:
      type_error("no implicit conversion of String into Integer", receiver->position, explanation);
      return false;
    case ruby::IndexOutcome::no_method:
      no_method(*receiver, "[]", explanation);
      return false;
  }
  return false;
}

bool RubyCalls::each(const ruby::ValuePtr& receiver, std::vector<ruby::ValuePtr>* items, const std::string& explanation) {
  items->clear();
  if (receiver->type == ruby::Type::array) {
    *items = receiver->array;
    return true;
  }
  if (receiver->type == ruby::Type::hash) {
    // Hash#each with one block parameter yields [key, value] arrays.
    for (const auto& [k, v] : receiver->hash) {
      auto pair = std::make_shared<ruby::Value>();
      pair->type = ruby::Type::array;
      pair->array = {k, v};
      pair->position = k->position;
      items->push_back(pair);
    }
    return true;
  }
  no_method(*receiver, "each", explanation);
  return false;
}

bool RubyCalls::to_i(const ruby::Value& receiver, ruby::Integer* out, const std::string& explanation) {
  switch (receiver.type) {
    case ruby::Type::integer: *out = receiver.integer; return true;
    case ruby::Type::string: *out = ruby::string_to_i(receiver.text); return true;
    case ruby::Type::floating: {
      if (!std::isfinite(receiver.floating)) {
        crash("FloatDomainError", ruby::float_to_s(receiver.floating), receiver.position, explanation);
        return false;
      }
      char buffer[400];
      std::snprintf(buffer, sizeof buffer, "%.0f", std::fabs(std::trunc(receiver.floating)));
      out->digits = buffer;
      out->negative = receiver.floating < 0 && out->digits != "0";
      return true;
    }
    default: no_method(receiver, "to_i", explanation); return false;
  }
}

}  // namespace cdrun
