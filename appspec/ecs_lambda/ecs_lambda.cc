// Which compute platform an appspec is for, and the small text helpers the ECS/Lambda checks share.
#include "appspec/ecs_lambda/ecs_lambda.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>

#include "appspec/ecs_lambda/ecs_lambda_internal.h"

namespace cdrun {

const char* platform_name(Platform platform) {
  switch (platform) {
    case Platform::server: return "server";
    case Platform::ecs: return "ecs";
    case Platform::lambda: return "lambda";
  }
  return "server";
}

namespace {

using ecs_lambda::equals_ignoring_case;

// Deeper than any real appspec; keeps a hostile tree from exhausting the stack.
constexpr int kSearchDepthLimit = 64;

bool key_is(const yaml::Node& key, std::string_view name) {
  return key.is_scalar() && equals_ignoring_case(key.value, name);
}

// The platform named by the first `Type` value under `node`, in document order. Aliases are not
// followed: a Type hidden behind one is too unusual to be worth the cycle risk.
std::optional<Platform> platform_from_type(const yaml::Node& node, int depth) {
  if (depth > kSearchDepthLimit) return std::nullopt;
  for (const auto& item : node.items) {
    if (auto found = platform_from_type(item, depth + 1)) return found;
  }
  for (const auto& [key, value] : node.pairs) {
    if (key_is(key, "Type") && value.is_scalar()) {
      if (equals_ignoring_case(value.value, "AWS::Lambda::Function")) return Platform::lambda;
      if (equals_ignoring_case(value.value, "AWS::ECS::Service")) return Platform::ecs;
    }
    if (auto found = platform_from_type(value, depth + 1)) return found;
  }
  return std::nullopt;
}

bool mentions_task_definition(const yaml::Node& node, int depth) {
  if (depth > kSearchDepthLimit) return false;
  for (const auto& item : node.items) {
    if (mentions_task_definition(item, depth + 1)) return true;
  }
  for (const auto& [key, value] : node.pairs) {
    if (key_is(key, "TaskDefinition") || mentions_task_definition(value, depth + 1)) return true;
  }
  return false;
}

bool contains_ignoring_case(std::string_view text, std::string_view word) {
  for (std::size_t at = 0; at + word.size() <= text.size(); ++at) {
    if (equals_ignoring_case(text.substr(at, word.size()), word)) return true;
  }
  return false;
}

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (contains_ignoring_case(text, word)) return true;
  }
  return false;
}

}  // namespace

Platform detect_platform_in_text(std::string_view text) {
  std::optional<Platform> named;
  bool ecs_words = false;
  bool lambda_words = false;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    // The agent's appspecs are the only ones with `os`, always a top-level key.
    if (line.rfind("os:", 0) == 0) return Platform::server;
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    if (!named && contains_ignoring_case(line, "AWS::Lambda::Function")) named = Platform::lambda;
    if (!named && contains_ignoring_case(line, "AWS::ECS::Service")) named = Platform::ecs;
    ecs_words = ecs_words || contains_any(line, {"TaskDefinition", "TargetService", "LoadBalancerInfo"});
    lambda_words = lambda_words || contains_any(line, {"CurrentVersion", "TargetVersion"});
  }
  if (named) return *named;
  if (ecs_words) return Platform::ecs;
  return lambda_words ? Platform::lambda : Platform::server;
}

Platform detect_platform(const yaml::Node* root) {
  if (root == nullptr || !root->is_mapping()) return Platform::server;
  const yaml::Node* resources = nullptr;
  for (const auto& [key, value] : root->pairs) {
    // Only EC2/on-premises appspecs have `os`; the agent ignores a stray resources key there.
    if (key.is_scalar() && key.value == "os") return Platform::server;
    if (key_is(key, "Resources")) resources = &value;
  }
  if (resources == nullptr) return Platform::server;
  if (auto named = platform_from_type(*resources, 0)) return *named;
  return mentions_task_definition(*resources, 0) ? Platform::ecs : Platform::lambda;
}

namespace ecs_lambda {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Control characters would break the one-line message; long values would drown it.
std::string shown_text(const std::string& text) {
  constexpr std::size_t kMaxShown = 60;
  std::string out;
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    // Cut only between characters, so the message stays valid UTF-8.
    if (out.size() >= kMaxShown && (c & 0xC0) != 0x80) break;
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      out += '?';
    } else {
      out += static_cast<char>(c);
    }
  }
  if (i < text.size()) out += "...";
  return out;
}

std::string quoted_text(const std::string& text) { return "'" + shown_text(text) + "'"; }

std::string describe(const yaml::Node& node) {
  switch (node.kind) {
    case yaml::NodeKind::mapping: return "a mapping";
    case yaml::NodeKind::sequence: return "a list";
    case yaml::NodeKind::alias: return "an alias (*" + shown_text(node.anchor) + ")";
    case yaml::NodeKind::scalar: break;
  }
  if (is_null(node)) return node.value.empty() ? "empty" : "null (" + shown_text(node.value) + ")";
  if (node.style == yaml::ScalarStyle::plain) return shown_text(node.value);
  return "\"" + shown_text(node.value) + "\"";
}

}  // namespace ecs_lambda
}  // namespace cdrun
