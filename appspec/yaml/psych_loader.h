// Psych 4's YAML.load (safe load, Symbol permitted, aliases refused) applied to a parsed document:
// YAML 1.1 scalar typing by Psych::ScalarScanner and the ToRuby visitor's tag handling.
#pragma once

#include <optional>
#include <string>

#include "appspec/yaml/ruby_value.h"
#include "appspec/yaml/yaml_tree.h"

namespace cdrun::ruby {

struct LoadError {
  // "Psych::BadAlias", "Psych::DisallowedClass" (messages the agent shows), or a Ruby error class
  // (ArgumentError, TypeError) when Psych itself dies on a value.
  std::string error_class;
  std::string message;
  Position position;
  bool crash = false;  // an internal Ruby error rather than a Psych message
};

struct LoadResult {
  ValuePtr value;  // nil when the document is empty
  std::optional<LoadError> error;
};

LoadResult psych_load(const yaml::Node* root);

// Psych::ScalarScanner#tokenize for an untagged plain scalar. Exposed for tests.
LoadResult tokenize_scalar(const std::string& text, Position position);

}  // namespace cdrun::ruby
