// Generating the Install instructions from the appspec (the agent's Installer#generate_instructions,
// §4.2-4.4 and §4.6), against the file system as it will be after the previous cleanup list ran.
#pragma once

#include <string>
#include <vector>

#include "appspec/agent/model.h"
#include "runner/install/install_cleanup.h"
#include "runner/install/install_instructions.h"

namespace cdrun {

struct GenerationInput {
  const Ec2AppSpec* appspec = nullptr;
  std::string archive_dir;
  std::string file_exists_behavior;  // deployment level; "" when not given
  const PredictedTree* tree = nullptr;
};

struct GenerationOutcome {
  InstallError error;                  // the first error the agent would raise
  std::vector<std::string> conflicts;  // every DISALLOW conflict (the agent stops at the first)
};

// Appends to `list`. Unlike the agent, a DISALLOW conflict does not stop the walk, so that every
// conflicting file can be named; any other error stops it.
GenerationOutcome generate_install_instructions(const GenerationInput& input, InstructionList* list);

// The permissions part alone (run after the files part): set_permissions for every matched object.
InstallError generate_permission_instructions(const Ec2AppSpec& appspec, const PredictedTree& tree, InstructionList* list);

// Whether the permission's `type` list names `type` ("file" or "directory").
bool permission_has_type(const PermissionSpec& permission, const char* type);

// Whether the appspec wrote `key` ("owner", "group") as an integer, which the agent's chown refuses.
bool permission_value_is_integer(const PermissionSpec& permission, const char* key);

// The behaviour that applies to every file: the appspec's value, else the deployment's, else DISALLOW.
std::string effective_file_exists_behavior(const Ec2AppSpec& appspec, const std::string& deployment_value);

}  // namespace cdrun
