// The first YAML document of a text as serde_yaml 0.9's loader hands it to the deserializer: the
// events read up to the first syntax error (kept, reported only when the deserializer runs out of
// events), with aliases resolved to the index of their anchor's event.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "appspec/core/diagnostic.h"

namespace cdrun::agent2 {

enum class EventKind { scalar, sequence_start, sequence_end, mapping_start, mapping_end, alias, empty };

struct Event {
  EventKind kind = EventKind::scalar;
  Position position;  // 1-based, where the event starts
  std::string value;  // scalars
  bool plain = true;  // scalars: written without quotes or a block indicator
  std::string tag;    // scalars: the tag as written and resolved ("" when none)
  size_t target = 0;  // aliases: index of the anchored event
};

struct YamlFailure {
  std::string message;  // serde_yaml's text, without a field path
  Position position;
};

struct LoadedDocument {
  std::vector<Event> events;
  std::optional<YamlFailure> error;  // what stopped the loader inside the first document
  bool more_documents = false;       // the stream goes on after the first document
  Position second_document;          // where that second document starts
  Position start;                    // where this document starts
};

LoadedDocument load_first_document(std::string_view text);

}  // namespace cdrun::agent2
