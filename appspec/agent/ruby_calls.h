// The Ruby method calls the agent's parser makes on loaded YAML values (obj['key'], each, to_i),
// with Ruby's outcome for every receiver type. A call that would raise inside Ruby records a crash
// finding; a validation failure records the agent's message.
#pragma once

#include <string>
#include <vector>

#include "appspec/agent/agent_parser.h"
#include "appspec/yaml/ruby_value.h"

namespace cdrun {

class RubyCalls {
 public:
  explicit RubyCalls(std::vector<AgentFinding>* findings) : findings_(findings) {}

  // raise AppSpecValidationException, message
  void reject(const std::string& message, Position position);
  // A Ruby error the agent does not rescue.
  void crash(const std::string& error_class, const std::string& ruby_message, Position position,
             const std::string& explanation);
  void no_method(const ruby::Value& receiver, const std::string& method, const std::string& explanation);
  void type_error(const std::string& ruby_message, Position position, const std::string& explanation);

  // receiver[key]; false when Ruby raises. `out` is null for nil.
  bool index(const ruby::ValuePtr& receiver, const std::string& key, ruby::ValuePtr* out,
             const std::string& explanation);
  // receiver.each: Array items, Hash [key, value] pairs; false when Ruby raises.
  bool each(const ruby::ValuePtr& receiver, std::vector<ruby::ValuePtr>* items, const std::string& explanation);
  // receiver.to_i; false when Ruby raises.
  bool to_i(const ruby::Value& receiver, ruby::Integer* out, const std::string& explanation);

 private:
  std::vector<AgentFinding>* findings_;
};

namespace ruby {
// Ruby's class name of a value, as error messages print it.
std::string class_name(const Value& value);
// String#strip (ASCII whitespace and NUL).
std::string strip(const std::string& text);
}  // namespace ruby

}  // namespace cdrun
