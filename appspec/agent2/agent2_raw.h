// The agent's RawAppSpec and the structs inside it (parse.rs), as serde fills them, with the
// position of every value so that a rule can point at what it rejects.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "appspec/agent2/agent2_reader.h"

namespace cdrun::agent2 {

using Text = Located<std::string>;

struct RawScript {
  Position position;  // the script's mapping
  std::optional<Text> location;
  std::optional<Text> runas;
  std::optional<Located<bool>> sudo;
  std::optional<Located<uint64_t>> timeout;
};

struct RawHook {
  Text name;
  std::vector<RawScript> scripts;  // a null script list is empty
};

struct RawFileMapping {
  Position position;
  std::optional<Text> source;
  std::optional<Text> destination;
};

struct RawContext {
  Position position;
  std::optional<Text> name;
  std::optional<Text> type;
  std::optional<Text> range;
};

struct RawPermission {
  Position position;
  std::optional<Text> object;
  std::optional<Text> pattern;
  std::optional<std::vector<Text>> except;
  std::optional<std::vector<Text>> types;
  std::optional<Text> owner;
  std::optional<Text> group;
  std::optional<Text> mode;
  std::optional<std::vector<Text>> acls;
  std::optional<RawContext> context;
};

struct RawAppSpec {
  Position position;
  Located<double> version;
  Text os;
  std::vector<RawHook> hooks;  // IndexMap order: first occurrence's place, last occurrence's scripts
  std::vector<RawFileMapping> files;
  std::vector<RawPermission> permissions;
  Position permissions_position;
  std::optional<Text> file_exists_behavior;
};

// Deserializes the document into a RawAppSpec; nullopt with reader.failure() set when serde_yaml refuses it.
std::optional<RawAppSpec> read_raw_appspec(EventReader& reader);

}  // namespace cdrun::agent2
