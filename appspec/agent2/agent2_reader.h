// serde_yaml 0.9's DeserializerFromEvents, reduced to what the agent's raw structs ask of it:
// strings (any scalar, verbatim), u32, bool, f64, Option (null only for plain empty/~/null),
// sequences and maps (an empty plain value is empty), aliases followed. The first failure is kept,
// worded as serde_yaml words it, with the field path and the position of the offending event.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "appspec/agent2/agent2_events.h"

namespace cdrun::agent2 {

template <typename T>
struct Located {
  T value{};
  Position position;
};

struct ReadFailure {
  std::string message;  // serde_yaml's Display text, path and position included
  Position position;
  std::string path;
  std::string value;  // the refused scalar's text, when a scalar was refused
};

class EventReader {
 public:
  explicit EventReader(const LoadedDocument& document) : document_(document) {}

  bool ok() const { return !failure_; }
  const std::optional<ReadFailure>& failure() const { return failure_; }

  // Each reads the node at `pos` and moves `pos` past it; on failure it records why and returns nullopt.
  std::optional<Located<std::string>> read_string(size_t& pos, const std::string& path);
  std::optional<Located<uint64_t>> read_u32(size_t& pos, const std::string& path);
  std::optional<Located<bool>> read_bool(size_t& pos, const std::string& path);
  std::optional<Located<double>> read_f64(size_t& pos, const std::string& path);

  // Option<T>: true when the node is a null (consumed); false when a value follows (not consumed).
  bool read_none(size_t& pos);

  // Seq: calls `element(pos, path_of_item)` for each item. Returns false on failure.
  bool read_sequence(size_t& pos, const std::string& path, const std::function<bool(size_t&, const std::string&)>& element);

  // Map: calls `entry(pos_after_key, key, key_position, value_path)`, which must read the value.
  // `expected` is the Rust type the visitor wants ("a map", "struct RawScript"). `start` receives
  // the position of the mapping (for missing- and duplicate-field errors).
  using Entry = std::function<bool(size_t&, const std::string&, Position, const std::string&)>;
  bool read_map(size_t& pos, const std::string& path, const char* expected, const char* key_expected, Position* start,
                const Entry& entry);

  void skip(size_t& pos);  // serde's IgnoredAny
  Position position_at(size_t pos) const {
    return pos < document_.events.size() ? document_.events[pos].position : Position{};
  }
  void fail(const std::string& message, Position position, const std::string& path);

 private:
  const Event* at(size_t pos);                      // null and failure set past the last event
  bool jump_limit_reached();
  void fail_type(const Event& event, const char* expected, const std::string& path);
  const Event* scalar_at(size_t& pos, size_t& local, const char* expected, const std::string& path);
  // Opens the sequence or mapping (`kind`) at `pos`, through an alias into `*jumped`; returns the
  // cursor past its start event, or null when it failed or is an empty value (`*empty`, consumed).
  size_t* open_collection(size_t& pos, size_t* jumped, EventKind kind, const char* expected, const std::string& path,
                          Position* start, bool* empty);
  // A plain scalar typed by `parse` (serde_yaml ignores its tag); anything else fails as `expected`.
  template <typename T>
  std::optional<Located<T>> read_plain(size_t& pos, const std::string& path, const char* expected,
                                       std::optional<T> (*parse)(std::string_view));

  const LoadedDocument& document_;
  std::optional<ReadFailure> failure_;
  size_t jumps_ = 0;
  int depth_ = 0;
};

// "hooks" under the root, "hooks.ApplicationStart" below it, "hooks.ApplicationStart[0]" for items.
std::string child_path(const std::string& parent, const std::string& key);
std::string item_path(const std::string& parent, size_t index);

}  // namespace cdrun::agent2
