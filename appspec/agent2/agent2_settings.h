// The settings of agent 2.x's configuration file (codedeployagent.yml) that change its verdict on
// a bundle: the opt-in hardening switches and the archive size cap (agent2-behavior.md §5.4), read
// as the agent reads them (serde_yaml into typed fields after its `:key:` symbol-key rewrite).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "appspec/core/diagnostic.h"

namespace cdrun {

struct Agent2Settings {
  bool reject_symlinks_in_bundle = false;
  bool reject_path_traversal_in_bundle = false;
  bool reject_unsafe_permissions_in_bundle = false;
  bool reject_unconfined_selinux_in_bundle = false;
  std::optional<std::uint64_t> archive_max_extraction_size;  // bytes; none means no cap
};

struct Agent2SettingsLoad {
  std::optional<Agent2Settings> settings;  // set when the agent would load the file
  std::string error;                       // why the agent refuses to start with it
  Position position;                       // the offending value
};

// Reads the file's text. Keys the agent does not know, and known keys cdrun does not need, are
// left alone (the agent only logs unknown ones); a hardening key that is not a boolean, or a size
// that is neither a byte count nor a number with a unit, is the agent's start-up failure.
Agent2SettingsLoad parse_agent2_settings(std::string_view text);

// "4GB", "500MB", "1GiB", "2048": the agent's parse_byte_size (SI units are powers of 1000,
// binary ones of 1024, case-insensitive); nullopt with `error` set when it refuses the text.
std::optional<std::uint64_t> parse_agent2_byte_size(std::string_view text, std::string* error);

}  // namespace cdrun
