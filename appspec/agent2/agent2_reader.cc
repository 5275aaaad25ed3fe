#include "appspec/agent2/agent2_reader.h"

#include <limits>

#include "appspec/agent2/agent2_scalars.h"

namespace cdrun::agent2 {
namespace {

constexpr const char* kNullTag = "tag:yaml.org,2002:null";

// serde's Unexpected for a scalar, as serde_yaml's visit_scalar types an untagged plain one.
std::string unexpected_scalar(const Event& event) {
  if (!event.plain || !event.tag.empty()) return "string " + rust_debug_str(event.value);
  if (is_yaml_null(event.value)) return "unit value";
  if (auto boolean = parse_yaml_bool(event.value)) return std::string("boolean `") + (*boolean ? "true" : "false") + "`";
  if (auto number = parse_yaml_unsigned(event.value)) return "integer `" + std::to_string(*number) + "`";
  if (event.value.size() > 1 && event.value[0] == '-') {
    if (auto number = parse_yaml_unsigned(event.value.substr(1)); number && event.value[1] != '+')
      return "integer `-" + std::to_string(*number) + "`";
  }
  if (auto real = parse_yaml_f64(event.value)) {
    std::string shown = rust_f64_display(*real);
    if (shown.find_first_of(".eEnN") == std::string::npos) shown += ".0";
    return "floating point `" + shown + "`";
  }
  return "string " + rust_debug_str(event.value);
}

std::string position_suffix(Position position) {
  if (position.line <= 1 && position.column <= 1) return {};
  return " at line " + std::to_string(position.line) + " column " + std::to_string(position.column);
}

}  // namespace

std::string child_path(const std::string& parent, const std::string& key) {
  return parent == "." || parent.empty() ? key : parent + "." + key;
}

std::string item_path(const std::string& parent, size_t index) { return parent + "[" + std::to_string(index) + "]"; }

void EventReader::fail(const std::string& message, Position position, const std::string& path) {
  if (failure_) return;
  ReadFailure failure;
  failure.message = (path.empty() || path == "." ? "" : path + ": ") + message + position_suffix(position);
  failure.position = position;
  failure.path = path;
  failure_ = failure;
}

void EventReader::fail_type(const Event& event, const char* expected, const std::string& path) {
  std::string unexpected;
  switch (event.kind) {
    case EventKind::sequence_start: unexpected = "sequence"; break;
    case EventKind::mapping_start: unexpected = "map"; break;
    case EventKind::empty: fail("EOF while parsing a value", event.position, path); return;
    default: unexpected = unexpected_scalar(event);
  }
  fail("invalid type: " + unexpected + ", expected " + expected, event.position, path);
  if (event.kind == EventKind::scalar) failure_->value = event.value;
}

const Event* EventReader::at(size_t pos) {
  if (failure_) return nullptr;
  if (pos < document_.events.size()) return &document_.events[pos];
  // serde_yaml ran out of events: the loader's syntax error, or the end of the stream.
  if (document_.error) {
    failure_ = ReadFailure{document_.error->message, document_.error->position, "", ""};
  } else {
    failure_ = ReadFailure{"EOF while parsing a value", {}, "", ""};
  }
  return nullptr;
}

bool EventReader::jump_limit_reached() {
  // serde_yaml stops alias expansion past 100 times the document's event count.
  if (++jumps_ > document_.events.size() * 100) {
    fail("repetition limit exceeded", {}, "");
    return true;
  }
  return false;
}

const Event* EventReader::scalar_at(size_t& pos, size_t& local, const char* expected, const std::string& path) {
  const Event* event = at(pos);
  if (!event) return nullptr;
  local = pos++;
  if (event->kind == EventKind::alias) {
    if (jump_limit_reached()) return nullptr;
    local = event->target;
    event = at(local);
    if (!event) return nullptr;
  }
  if (event->kind != EventKind::scalar) {
    fail_type(*event, expected, path);
    return nullptr;
  }
  return event;
}

std::optional<Located<std::string>> EventReader::read_string(size_t& pos, const std::string& path) {
  size_t local = 0;
  const Event* event = scalar_at(pos, local, "a string", path);
  if (!event) return std::nullopt;
  return Located<std::string>{event->value, event->position};
}

template <typename T>
std::optional<Located<T>> EventReader::read_plain(size_t& pos, const std::string& path, const char* expected,
                                                  std::optional<T> (*parse)(std::string_view)) {
  size_t local = 0;
  const Event* event = scalar_at(pos, local, expected, path);
  if (!event) return std::nullopt;
  std::optional<T> value = event->plain ? parse(event->value) : std::nullopt;
  if (!value) {
    fail_type(*event, expected, path);
    return std::nullopt;
  }
  return Located<T>{*value, event->position};
}

std::optional<Located<uint64_t>> EventReader::read_u32(size_t& pos, const std::string& path) {
  std::optional<Located<uint64_t>> number = read_plain<uint64_t>(pos, path, "u32", parse_yaml_unsigned);
  if (number && number->value > std::numeric_limits<uint32_t>::max()) {
    const std::string digits = std::to_string(number->value);
    fail("invalid value: integer `" + digits + "`, expected u32", number->position, path);
    failure_->value = digits;
    return std::nullopt;
  }
  return number;
}

std::optional<Located<bool>> EventReader::read_bool(size_t& pos, const std::string& path) {
  return read_plain<bool>(pos, path, "a boolean", parse_yaml_bool);
}

std::optional<Located<double>> EventReader::read_f64(size_t& pos, const std::string& path) {
  return read_plain<double>(pos, path, "f64", parse_yaml_f64);
}

bool EventReader::read_none(size_t& pos) {
  const Event* event = at(pos);
  if (!event) return false;
  const Event* node = event;
  if (event->kind == EventKind::alias) {
    node = at(event->target);
    if (!node) return false;
  }
  bool none = node->kind == EventKind::empty;
  if (node->kind == EventKind::scalar && node->plain)
    none = node->tag.empty() ? is_yaml_null(node->value) : node->tag == kNullTag;
  if (none) ++pos;
  return none;
}

size_t* EventReader::open_collection(size_t& pos, size_t* jumped, EventKind kind, const char* expected,
                                     const std::string& path, Position* start, bool* empty) {
  *empty = false;
  const Event* event = at(pos);
  if (!event) return nullptr;
  size_t* cursor = &pos;
  if (event->kind == EventKind::alias) {
    ++pos;
    if (jump_limit_reached()) return nullptr;
    *jumped = event->target;
    cursor = jumped;
    event = at(*cursor);
  }
  *start = event->position;
  // serde_yaml reads an empty plain value (or no document at all) as an empty sequence or mapping.
  if (event->kind == EventKind::empty || (event->kind == EventKind::scalar && event->plain && event->value.empty())) {
    ++*cursor;
    *empty = true;
    return nullptr;
  }
  if (event->kind != kind) {
    fail_type(*event, expected, path);
    return nullptr;
  }
  ++*cursor;
  return cursor;
}

bool EventReader::read_sequence(size_t& pos, const std::string& path,
                                const std::function<bool(size_t&, const std::string&)>& element) {
  size_t jumped = 0;
  bool empty = false;
  Position start;
  size_t* cursor = open_collection(pos, &jumped, EventKind::sequence_start, "a sequence", path, &start, &empty);
  if (!cursor) return empty;
  for (size_t index = 0;; ++index) {
    const Event* next = at(*cursor);
    if (!next) return false;
    if (next->kind == EventKind::sequence_end) break;
    if (!element(*cursor, item_path(path, index))) return false;
  }
  ++*cursor;
  return true;
}

bool EventReader::read_map(size_t& pos, const std::string& path, const char* expected, const char* key_expected,
                           Position* start, const Entry& entry) {
  size_t jumped = 0;
  bool empty = false;
  size_t* cursor = open_collection(pos, &jumped, EventKind::mapping_start, expected, path, start, &empty);
  if (!cursor) return empty;
  for (;;) {
    const Event* next = at(*cursor);
    if (!next) return false;
    if (next->kind == EventKind::mapping_end) break;
    size_t local = 0;
    const Event* key = scalar_at(*cursor, local, key_expected, path);
    if (!key) return false;
    if (!entry(*cursor, key->value, key->position, child_path(path, key->value))) return false;
  }
  ++*cursor;
  return true;
}

void EventReader::skip(size_t& pos) {
  int depth = 0;
  do {
    const Event* event = at(pos);
    if (!event) return;
    ++pos;
    if (event->kind == EventKind::sequence_start || event->kind == EventKind::mapping_start) ++depth;
    if (event->kind == EventKind::sequence_end || event->kind == EventKind::mapping_end) --depth;
  } while (depth > 0);
}

}  // namespace cdrun::agent2
