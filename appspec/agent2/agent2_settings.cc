// Agent 2.x's configuration load (config/mod.rs): the text goes through strip_symbol_keys (lines
// "  :key: value" lose the colon, as 1.8's Ruby-symbol files are written), then serde_yaml fills
// AgentConfig. Only the keys that decide a bundle's verdict are typed here.
#include "appspec/agent2/agent2_settings.h"

#include <vector>

#include "appspec/agent2/agent2_events.h"
#include "appspec/agent2/agent2_scalars.h"

namespace cdrun {
namespace {

using agent2::Event;
using agent2::EventKind;

// Rust's str::lines() joined with "\n": "\r\n" endings lose the "\r", the last newline is dropped.
std::string strip_symbol_keys(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t start = 0;
  bool first = true;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    start = end == std::string_view::npos ? text.size() : end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!first) out += '\n';
    first = false;
    const size_t indent = line.find_first_not_of(" \t");
    if (indent != std::string_view::npos && line[indent] == ':' && line.size() > indent + 1 && line[indent + 1] != ' ') {
      out.append(line.substr(0, indent));
      out.append(line.substr(indent + 1));
    } else {
      out.append(line);
    }
  }
  return out;
}

size_t skip_node(const std::vector<Event>& events, size_t i) {
  int depth = 0;
  do {
    const EventKind kind = events[i].kind;
    if (kind == EventKind::mapping_start || kind == EventKind::sequence_start) ++depth;
    if (kind == EventKind::mapping_end || kind == EventKind::sequence_end) --depth;
    ++i;
  } while (depth > 0 && i < events.size());
  return i;
}

const Event& resolved(const std::vector<Event>& events, size_t i) {
  const Event& e = events[i];
  return e.kind == EventKind::alias && e.target < events.size() ? events[e.target] : e;
}

// How serde_yaml names what it found, for the message.
std::string found_text(const Event& e) {
  if (e.kind == EventKind::mapping_start) return "a mapping";
  if (e.kind == EventKind::sequence_start) return "a sequence";
  if (e.plain && agent2::is_yaml_null(e.value)) return "null";
  return (e.plain ? "" : "the string ") + agent2::rust_debug_str(e.value);
}

class SettingsReader {
 public:
  explicit SettingsReader(const agent2::LoadedDocument& document) : events_(document.events) {}

  Agent2SettingsLoad read() {
    Agent2SettingsLoad load;
    Agent2Settings settings;
    if (events_.empty() || events_[0].kind != EventKind::mapping_start) {
      // An empty file is all defaults; anything else is not the struct the agent expects.
      if (!events_.empty() && !(events_[0].kind == EventKind::scalar && events_[0].plain && agent2::is_yaml_null(events_[0].value)) &&
          events_[0].kind != EventKind::empty) {
        load.error = "the configuration is " + found_text(resolved(events_, 0)) + ", not a mapping of settings";
        load.position = events_[0].position;
        return load;
      }
      load.settings = settings;
      return load;
    }
    size_t i = 1;
    while (i < events_.size() && events_[i].kind != EventKind::mapping_end) {
      const Event& key = resolved(events_, i);
      const size_t value = skip_node(events_, i);
      if (value >= events_.size()) break;
      if (key.kind == EventKind::scalar && !apply(key.value, value, &settings, &load)) return load;
      i = skip_node(events_, value);
    }
    load.settings = settings;
    return load;
  }

 private:
  bool apply(const std::string& key, size_t value, Agent2Settings* settings, Agent2SettingsLoad* load) {
    const struct {
      const char* name;
      bool Agent2Settings::*field;
    } switches[] = {
        {"reject_symlinks_in_bundle", &Agent2Settings::reject_symlinks_in_bundle},
        {"reject_path_traversal_in_bundle", &Agent2Settings::reject_path_traversal_in_bundle},
        {"reject_unsafe_permissions_in_bundle", &Agent2Settings::reject_unsafe_permissions_in_bundle},
        {"reject_unconfined_selinux_in_bundle", &Agent2Settings::reject_unconfined_selinux_in_bundle},
    };
    const Event& e = resolved(events_, value);
    for (const auto& entry : switches) {
      if (key != entry.name) continue;
      std::optional<bool> flag;
      if (e.kind == EventKind::scalar && e.plain) flag = agent2::parse_yaml_bool(e.value);
      if (!flag) return fail(load, key + " must be true or false, not " + found_text(e), events_[value].position);
      settings->*entry.field = *flag;
      return true;
    }
    if (key == "archive_max_extraction_size") return apply_size(key, e, events_[value].position, settings, load);
    return true;
  }

  // Option<ByteSizeValue>, an untagged enum of u64 and String: a plain number must fit u64, any
  // other number or a boolean matches neither variant.
  bool apply_size(const std::string& key, const Event& e, Position at, Agent2Settings* settings, Agent2SettingsLoad* load) {
    if (e.kind != EventKind::scalar) return fail(load, key + " must be a byte count, not " + found_text(e), at);
    if (e.plain && agent2::is_yaml_null(e.value)) return true;
    if (e.plain) {
      if (std::optional<uint64_t> bytes = agent2::parse_yaml_unsigned(e.value)) {
        settings->archive_max_extraction_size = bytes;
        return true;
      }
      if (agent2::parse_yaml_f64(e.value) || agent2::parse_yaml_bool(e.value))
        return fail(load, key + " must be a whole number of bytes or a size such as \"4GB\", not " + e.value, at);
    }
    std::string error;
    settings->archive_max_extraction_size = parse_agent2_byte_size(e.value, &error);
    if (!settings->archive_max_extraction_size) return fail(load, key + ": " + error, at);
    return true;
  }

  static bool fail(Agent2SettingsLoad* load, std::string error, Position at) {
    load->error = std::move(error);
    load->position = at;
    return false;
  }

  const std::vector<Event>& events_;
};

}  // namespace

std::optional<std::uint64_t> parse_agent2_byte_size(std::string_view text, std::string* error) {
  const std::string_view s = agent2::rust_trim(text);
  size_t split = 0;
  while (split < s.size() && s[split] >= '0' && s[split] <= '9') ++split;
  const std::string_view digits = s.substr(0, split);
  std::string suffix(agent2::rust_trim(s.substr(split)));
  for (char& c : suffix) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  std::uint64_t number = 0;
  bool fits = !digits.empty();
  for (char c : digits) {
    const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
    if (number > (UINT64_MAX - digit) / 10) fits = false;
    number = number * 10 + digit;
  }
  if (!fits) {
    *error = "invalid byte size: " + std::string(s);
    return std::nullopt;
  }
  const struct {
    const char* suffix;
    std::uint64_t multiplier;
  } units[] = {{"", 1},          {"b", 1},          {"kb", 1000ull},          {"mb", 1000000ull},
               {"gb", 1000000000ull}, {"tb", 1000000000000ull}, {"kib", 1ull << 10}, {"mib", 1ull << 20},
               {"gib", 1ull << 30},   {"tib", 1ull << 40}};
  for (const auto& unit : units) {
    if (suffix != unit.suffix) continue;
    if (number > UINT64_MAX / unit.multiplier) {
      *error = "byte size out of range: " + std::string(s);
      return std::nullopt;
    }
    return number * unit.multiplier;
  }
  *error = "unknown size suffix: " + suffix;
  return std::nullopt;
}

Agent2SettingsLoad parse_agent2_settings(std::string_view text) {
  const std::string rewritten = strip_symbol_keys(text);
  const agent2::LoadedDocument document = agent2::load_first_document(rewritten);
  if (document.error) {
    Agent2SettingsLoad load;
    load.error = document.error->message;
    load.position = document.error->position;
    return load;
  }
  return SettingsReader(document).read();
}

}  // namespace cdrun
