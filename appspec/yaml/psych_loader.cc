// Psych::Visitors::ToRuby as YAML.load runs it in Psych 4 (restricted class loader, Symbol permitted,
// aliases refused): tags, merge keys and duplicate keys handled as Ruby does.
#include "appspec/yaml/psych_loader.h"

#include <cstring>

namespace cdrun::ruby {
namespace {

using yaml::Node;
using yaml::NodeKind;

constexpr const char* kStrTag = "tag:yaml.org,2002:str";

LoadResult disallowed(const std::string& class_name, Position position) {
  return LoadResult{nullptr, LoadError{"Psych::DisallowedClass", "Tried to load unspecified class: " + class_name, position, false}};
}

LoadResult crash(const std::string& error_class, const std::string& message, Position position) {
  return LoadResult{nullptr, LoadError{error_class, message, position, true}};
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// "!ruby/object:Foo::Bar" -> "Foo::Bar"; "!ruby/range" -> "Range".
std::string ruby_class_of_tag(const std::string& tag) {
  const size_t colon = tag.find(':');
  if (colon != std::string::npos) return tag.substr(colon + 1);
  static const char* const known[][2] = {{"!ruby/range", "Range"},     {"!ruby/regexp", "Regexp"},
                                         {"!ruby/object", "Object"},   {"!ruby/struct", "Struct"},
                                         {"!ruby/exception", "Exception"}, {"!ruby/array", "Array"},
                                         {"!ruby/hash", "Hash"}};
  for (const auto& entry : known) {
    if (tag == entry[0]) return entry[1];
  }
  return "Object";
}

std::string base64_decode(const std::string& in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  int buffer = 0, bits = 0;
  for (char c : in) {
    int v = value(c);
    if (v < 0) continue;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// Kernel#Float on what tokenize returned, for "!!float" scalars.
LoadResult to_float(LoadResult tokenized, Position position) {
  if (tokenized.error) return tokenized;
  const Value& v = *tokenized.value;
  auto out = std::make_shared<Value>();
  out->type = Type::floating;
  out->position = position;
  switch (v.type) {
    case Type::floating: return tokenized;
    case Type::integer: out->floating = std::strtod(v.integer.to_s().c_str(), nullptr); return LoadResult{out, std::nullopt};
    case Type::string: {
      char* end = nullptr;
      std::string cleaned;
      for (char c : v.text) {
        if (c != '_') cleaned += c;
      }
      double f = std::strtod(cleaned.c_str(), &end);
      if (cleaned.empty() || *end != '\0') return crash("ArgumentError", "invalid value for Float(): " + string_inspect(v.text), position);
      out->floating = f;
      return LoadResult{out, std::nullopt};
    }
    default: return crash("TypeError", "can't convert " + inspect(v) + " into Float", position);
  }
}

class Loader {
 public:
  LoadResult visit(const Node& node) {
    switch (node.kind) {
      case NodeKind::alias:
        return LoadResult{nullptr, LoadError{"Psych::BadAlias", "Unknown alias: " + node.anchor, node.position, false}};
      case NodeKind::scalar: return scalar(node);
      case NodeKind::sequence: return sequence(node);
      case NodeKind::mapping: return mapping(node);
    }
    return LoadResult{make_nil(node.position), std::nullopt};
  }

 private:
  LoadResult scalar(const Node& node) {
    if (node.quoted_implicit) return LoadResult{make_string(node.value, node.position), std::nullopt};
    const std::string& tag = node.tag;
    if (tag.empty()) return tokenize_scalar(node.value, node.position);
    if (tag == "!binary" || tag == "tag:yaml.org,2002:binary")
      return LoadResult{make_string(base64_decode(node.value), node.position), std::nullopt};
    if (tag == kStrTag || tag == "!str" || tag == "!ruby/string") return LoadResult{make_string(node.value, node.position), std::nullopt};
    if (starts_with(tag, "!str:") || starts_with(tag, "!ruby/string:")) return disallowed(tag.substr(tag.find(':') + 1), node.position);
    if (tag == "!ruby/object:BigDecimal") return disallowed("BigDecimal", node.position);
    if (tag == "!ruby/object:DateTime") return disallowed("DateTime", node.position);
    if (tag == "!ruby/object:Complex") return disallowed("Complex", node.position);
    if (tag == "!ruby/object:Rational") return disallowed("Rational", node.position);
    if (tag == "!ruby/class" || tag == "!ruby/module") return disallowed(node.value, node.position);
    if (tag == "!ruby/regexp") return disallowed("Regexp", node.position);
    if (tag == "!ruby/range") return disallowed("Range", node.position);
    if (tag == "tag:yaml.org,2002:float" || tag == "!float") return to_float(tokenize_scalar(node.value, node.position), node.position);
    if (starts_with(tag, "!ruby/sym")) {
      auto v = std::make_shared<Value>();
      v->type = Type::symbol;
      v->text = node.value;
      v->position = node.position;
      return LoadResult{v, std::nullopt};
    }
    return tokenize_scalar(node.value, node.position);
  }

  LoadResult sequence(const Node& node) {
    const std::string& tag = node.tag;
    if (tag == "!omap" || tag == "tag:yaml.org,2002:omap") return disallowed("Psych::Omap", node.position);
    if (starts_with(tag, "!seq:") || starts_with(tag, "!ruby/array:")) return disallowed(tag.substr(tag.find(':') + 1), node.position);
    auto out = std::make_shared<Value>();
    out->type = Type::array;
    out->position = node.position;
    for (const Node& item : node.items) {
      LoadResult r = visit(item);
      if (r.error) return r;
      out->array.push_back(r.value);
    }
    return LoadResult{out, std::nullopt};
  }

  static void store(Value& hash, ValuePtr key, ValuePtr value) {
    for (auto& [k, v] : hash.hash) {
      if (eql(*k, *key)) {
        v = std::move(value);  // Ruby keeps the first position and the last value
        return;
      }
    }
    hash.hash.emplace_back(std::move(key), std::move(value));
  }

  LoadResult mapping(const Node& node) {
    const std::string& tag = node.tag;
    if (tag == "!set" || tag == "tag:yaml.org,2002:set") return disallowed("Psych::Set", node.position);
    if (tag == "!omap" || tag == "tag:yaml.org,2002:omap") return disallowed("Psych::Omap", node.position);
    if (starts_with(tag, "!ruby/") && tag != "!ruby/string" && !starts_with(tag, "!ruby/string:") && !starts_with(tag, "!ruby/sym"))
      return disallowed(ruby_class_of_tag(tag), node.position);
    if (starts_with(tag, "!map:")) return disallowed(tag.substr(5), node.position);
    auto out = std::make_shared<Value>();
    out->type = Type::hash;
    out->position = node.position;
    for (const auto& [key_node, value_node] : node.pairs) {
      LoadResult key = visit(key_node);
      if (key.error) return key;
      LoadResult value = visit(value_node);
      if (value.error) return value;
      const bool merge_key = key.value->type == Type::string && key.value->text == "<<" && key_node.tag != kStrTag;
      if (merge_key && value_node.kind == NodeKind::mapping) {
        for (const auto& [k, v] : value.value->hash) store(*out, k, v);
        continue;
      }
      if (merge_key && value_node.kind == NodeKind::sequence) {
        bool all_hashes = true;
        for (const auto& item : value.value->array) all_hashes = all_hashes && item->type == Type::hash;
        if (all_hashes) {
          Value merged;
          merged.type = Type::hash;
          for (auto it = value.value->array.rbegin(); it != value.value->array.rend(); ++it) {
            for (const auto& [k, v] : (*it)->hash) store(merged, k, v);
          }
          for (const auto& [k, v] : merged.hash) store(*out, k, v);
          continue;
        }
      }
      store(*out, key.value, value.value);
    }
    return LoadResult{out, std::nullopt};
  }
};

}  // namespace

LoadResult psych_load(const yaml::Node* root) {
  if (!root) return LoadResult{make_nil(), std::nullopt};
  Loader loader;
  return loader.visit(*root);
}

}  // namespace cdrun::ruby
