// <group>-install.json as the agent writes it: `{:instructions => ...}.to_json`, one line, keys
// in the agent's order with "type" first, '/' not escaped. Never read back by the agent.
#pragma once

#include <string>
#include <vector>

#include "runner/install/install_instructions.h"

namespace cdrun {

std::string install_json(const std::vector<Instruction>& instructions);

// A JSON string literal as Ruby's JSON generator writes it.
std::string json_string(const std::string& text);

}  // namespace cdrun
