// The EC2/on-premises AppSpec as the agent understands it, with where each part was written.
// Values are what the agent's parser stores (after its own conversions), so the deployment engine
// can act on them exactly as the agent does.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "appspec/core/diagnostic.h"
#include "appspec/yaml/ruby_value.h"

namespace cdrun {

struct ScriptSpec {
  std::string location;               // stripped, as the agent keeps it
  std::optional<std::string> runas;   // stripped; nullopt when absent or null
  bool sudo = false;                  // Ruby truthiness of the raw value
  long long timeout = 3600;           // agent's to_i of the value (saturated), default 3600
  ruby::ValuePtr raw_timeout;         // the value as written (null when absent)
  ruby::ValuePtr raw_sudo;            // the value as written (null when absent)
  ruby::ValuePtr raw_location;
  Position position;                  // the script's mapping
};

struct HookSpec {
  std::string name;                   // to_s of the key (keys may be any YAML scalar)
  ruby::ValuePtr raw_name;
  Position position;                  // the key
  std::vector<ScriptSpec> scripts;    // those parsed before the agent stopped (all when it did not)
  size_t listed_scripts = 0;          // entries in the appspec's list, parsed or not
};

struct FileSpec {
  std::string source;       // to_s of the value
  std::string destination;  // to_s of the value
  ruby::ValuePtr raw_source;
  ruby::ValuePtr raw_destination;
  Position position;
};

struct SelinuxContext {
  std::optional<std::string> user;   // "name"
  std::string type;
  std::optional<std::string> range;  // canonical form, e.g. "s0:c1.c3"
};

struct PermissionSpec {
  std::string object;
  std::string pattern = "**";
  std::vector<std::string> except;
  std::vector<std::string> type{"file", "directory"};
  std::optional<std::string> owner;
  std::optional<std::string> group;
  std::optional<std::string> mode;              // the string the agent hands to chmod ("644", "420")
  std::optional<std::vector<std::string>> acls;  // normalised: "[default:]type:name:rwx"
  std::optional<SelinuxContext> context;
  ruby::ValuePtr raw;                            // the permission mapping
  Position position;
};

struct Ec2AppSpec {
  std::string os;
  std::vector<HookSpec> hooks;  // in appspec order; hooks whose value is null are left out
  std::vector<FileSpec> files;
  std::vector<PermissionSpec> permissions;
  std::optional<std::string> file_exists_behavior;
  ruby::ValuePtr root;  // the whole loaded document, for cdrun's own checks
};

}  // namespace cdrun
