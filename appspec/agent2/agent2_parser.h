// The Rust CodeDeploy agent 2.x's appspec verdict (AppSpec::from_file in
// src/application_specification/types.rs, 2.0.0-2.1.0): the text is typed by serde_yaml 0.9.34
// into the agent's raw structs, then checked rule by rule. The verdict names the ParseError
// variant and carries its exact Display text; YAML errors are worded as serde_yaml words them.
#pragma once

#include <string>
#include <string_view>

#include "appspec/core/diagnostic.h"

namespace cdrun {

enum class Agent2ErrorKind {
  none,
  IoError,  // the text is not UTF-8 (Rust's read_to_string refuses it)
  EmptyFile,
  yaml,  // serde_yaml refused the text: syntax, type, missing or duplicate field, several documents
  InvalidVersion,
  UnsupportedOs,
  InvalidFileExistsBehavior,
  EmptyScriptLocation,
  InvalidTimeout,
  MissingSource,
  MissingDestination,
  PermissionsOnWindows,
  MissingPermissionObject,
  InvalidObjectType,
  InvalidModeLength,
  InvalidModeCharacter,
  InvalidAclEntry,
  BaseAclNeedsName,
  InvalidAclCharacter,
  InvalidContextType,
  InvalidSeLinuxRange,
};

// The variant's name as the agent's source spells it ("yaml" for YamlError, "" for none).
const char* agent2_error_kind_name(Agent2ErrorKind kind);

struct Agent2Verdict {
  bool accepts = false;
  Agent2ErrorKind error_kind = Agent2ErrorKind::none;
  std::string message;  // ParseError's Display text; empty when accepted
  Position position;    // the offending value (0:0 when the whole file is at fault)
  std::string field;    // serde_yaml's path of that value, e.g. "hooks.ApplicationStart[0].timeout"
  std::string value;    // the offending scalar's text, when serde_yaml refused a scalar
};

Agent2Verdict parse_agent2_appspec(std::string_view text);

}  // namespace cdrun
