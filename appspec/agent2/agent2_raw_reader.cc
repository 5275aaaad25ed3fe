// serde's derived Deserialize for the agent's raw structs: each known key once (a second one is
// "duplicate field"), unknown keys skipped, required fields checked when the mapping ends.
#include <algorithm>
#include <functional>
#include <initializer_list>
#include <set>

#include "appspec/agent2/agent2_raw.h"

namespace cdrun::agent2 {
namespace {

constexpr const char* kField = "field identifier";

// serde's derived visit_map for a struct: keys outside `fields` are skipped, a known key met twice
// fails at the mapping ("duplicate field"), each other known key is read by `read_field`.
using FieldReader = std::function<bool(size_t&, const std::string&, const std::string&)>;
bool read_struct(EventReader& reader, size_t& pos, const std::string& path, const char* name,
                 std::initializer_list<const char*> fields, Position* start, std::set<std::string>* seen,
                 const FieldReader& read_field) {
  return reader.read_map(pos, path, name, kField, start,
                         [&](size_t& p, const std::string& key, Position, const std::string& value_path) {
    if (std::find_if(fields.begin(), fields.end(), [&](const char* field) { return key == field; }) == fields.end()) {
      reader.skip(p);
      return reader.ok();
    }
    if (!seen->insert(key).second) {
      reader.fail("duplicate field `" + key + "`", *start, path);
      return false;
    }
    return read_field(p, key, value_path);
  });
}

bool read_optional_text(EventReader& reader, size_t& pos, const std::string& path, std::optional<Text>* out) {
  if (reader.read_none(pos)) return reader.ok();
  std::optional<Text> value = reader.read_string(pos, path);
  *out = value;
  return value.has_value();
}

bool read_optional_texts(EventReader& reader, size_t& pos, const std::string& path, std::optional<std::vector<Text>>* out) {
  if (reader.read_none(pos)) return reader.ok();
  std::vector<Text> items;
  const bool ok = reader.read_sequence(pos, path, [&](size_t& p, const std::string& item) {
    std::optional<Text> value = reader.read_string(p, item);
    if (value) items.push_back(*value);
    return value.has_value();
  });
  *out = std::move(items);
  return ok;
}

bool read_script(EventReader& reader, size_t& pos, const std::string& path, RawScript* out) {
  std::set<std::string> seen;
  return read_struct(reader, pos, path, "struct RawScript", {"location", "runas", "sudo", "timeout"}, &out->position, &seen,
                     [&](size_t& p, const std::string& key, const std::string& value_path) {
    if (key == "location") return read_optional_text(reader, p, value_path, &out->location);
    if (key == "runas") return read_optional_text(reader, p, value_path, &out->runas);
    if (reader.read_none(p)) return reader.ok();
    if (key == "sudo") return (out->sudo = reader.read_bool(p, value_path)).has_value();
    return (out->timeout = reader.read_u32(p, value_path)).has_value();
  });
}

bool read_hooks(EventReader& reader, size_t& pos, const std::string& path, std::vector<RawHook>* out) {
  Position start;
  return reader.read_map(pos, path, "a map", "a string", &start,
                         [&](size_t& p, const std::string& key, Position key_position, const std::string& value_path) {
    RawHook hook{Text{key, key_position}, {}};
    if (!reader.read_none(p)) {
      if (!reader.ok()) return false;
      const bool ok = reader.read_sequence(p, value_path, [&](size_t& q, const std::string& item) {
        RawScript script;
        if (!read_script(reader, q, item, &script)) return false;
        hook.scripts.push_back(std::move(script));
        return true;
      });
      if (!ok) return false;
    }
    for (RawHook& existing : *out) {
      if (existing.name.value == key) {  // IndexMap::insert keeps the first place, takes the new value
        existing.scripts = std::move(hook.scripts);
        return true;
      }
    }
    out->push_back(std::move(hook));
    return true;
  });
}

bool read_file_mapping(EventReader& reader, size_t& pos, const std::string& path, RawFileMapping* out) {
  std::set<std::string> seen;
  return read_struct(reader, pos, path, "struct RawFileMapping", {"source", "destination"}, &out->position, &seen,
                     [&](size_t& p, const std::string& key, const std::string& value_path) {
    return read_optional_text(reader, p, value_path, key == "source" ? &out->source : &out->destination);
  });
}

bool read_context(EventReader& reader, size_t& pos, const std::string& path, RawContext* out) {
  std::set<std::string> seen;
  return read_struct(reader, pos, path, "struct RawContext", {"name", "type", "range"}, &out->position, &seen,
                     [&](size_t& p, const std::string& key, const std::string& value_path) {
    return read_optional_text(reader, p, value_path, key == "name" ? &out->name : key == "type" ? &out->type : &out->range);
  });
}

bool read_permission(EventReader& reader, size_t& pos, const std::string& path, RawPermission* out) {
  std::set<std::string> seen;
  return read_struct(reader, pos, path, "struct RawPermission",
                     {"object", "pattern", "except", "type", "owner", "group", "mode", "acls", "context"}, &out->position,
                     &seen, [&](size_t& p, const std::string& key, const std::string& value_path) {
    std::optional<Text>* text = key == "object" ? &out->object : key == "pattern" ? &out->pattern
                              : key == "owner" ? &out->owner : key == "group" ? &out->group
                              : key == "mode" ? &out->mode : nullptr;
    std::optional<std::vector<Text>>* texts = key == "except" ? &out->except : key == "type" ? &out->types
                                            : key == "acls" ? &out->acls : nullptr;
    if (text) return read_optional_text(reader, p, value_path, text);
    if (texts) return read_optional_texts(reader, p, value_path, texts);
    if (reader.read_none(p)) return reader.ok();
    RawContext context;
    if (!read_context(reader, p, value_path, &context)) return false;
    out->context = std::move(context);
    return true;
  });
}

template <typename T, typename ReadOne>
bool read_list(EventReader& reader, size_t& pos, const std::string& path, std::vector<T>* out, ReadOne read_one) {
  return reader.read_sequence(pos, path, [&](size_t& p, const std::string& item) {
    T value;
    if (!read_one(reader, p, item, &value)) return false;
    out->push_back(std::move(value));
    return true;
  });
}

}  // namespace

std::optional<RawAppSpec> read_raw_appspec(EventReader& reader) {
  RawAppSpec spec;
  std::set<std::string> seen;
  size_t pos = 0;
  const std::string root = ".";
  const bool ok = read_struct(reader, pos, root, "struct RawAppSpec",
                              {"version", "os", "hooks", "files", "permissions", "file_exists_behavior"}, &spec.position,
                              &seen, [&](size_t& p, const std::string& key, const std::string& path) {
    if (key == "version") {
      std::optional<Located<double>> version = reader.read_f64(p, path);
      if (version) spec.version = *version;
      return version.has_value();
    }
    if (key == "os") {
      std::optional<Text> os = reader.read_string(p, path);
      if (os) spec.os = *os;
      return os.has_value();
    }
    if (key == "hooks") return read_hooks(reader, p, path, &spec.hooks);
    if (key == "files") return read_list(reader, p, path, &spec.files, read_file_mapping);
    if (key == "permissions") {
      spec.permissions_position = reader.position_at(p);
      return read_list(reader, p, path, &spec.permissions, read_permission);
    }
    return read_optional_text(reader, p, path, &spec.file_exists_behavior);
  });
  if (!ok) return std::nullopt;
  // serde checks the required fields once the mapping has ended, in declaration order.
  for (const char* required : {"version", "os"}) {
    if (!seen.count(required)) {
      reader.fail(std::string("missing field `") + required + "`", spec.position, root);
      return std::nullopt;
    }
  }
  return spec;
}

}  // namespace cdrun::agent2
