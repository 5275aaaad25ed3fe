// The Checker (findings, code range, aliases) and Fields (case-insensitive key lookup) used by the
// ECS and Lambda rules.
#include <algorithm>
#include <cctype>

#include "appspec/ecs_lambda/ecs_lambda_internal.h"

namespace cdrun::ecs_lambda {

namespace {

// A generated appspec with a million hook entries must not yield a million lines of output.
constexpr std::size_t kMaxFindings = 200;
constexpr int kAnchorDepthLimit = 1024;

bool before(Position a, Position b) { return a.line < b.line || (a.line == b.line && a.column < b.column); }

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string at_line(Position position) {
  return "line " + std::to_string(position.line) + ", column " + std::to_string(position.column);
}

}  // namespace

Checker::Checker(Platform platform, std::string file, const yaml::Node& root)
    : platform_(platform), file_(std::move(file)) {
  index_anchors(root, 0);
}

void Checker::index_anchors(const yaml::Node& node, int depth) {
  if (depth > kAnchorDepthLimit) return;
  // An alias node's `anchor` is the name it refers to, not a definition.
  if (node.kind != yaml::NodeKind::alias && !node.anchor.empty()) anchors_[node.anchor].push_back(&node);
  for (const auto& item : node.items) index_anchors(item, depth + 1);
  for (const auto& [key, value] : node.pairs) {
    index_anchors(key, depth + 1);
    index_anchors(value, depth + 1);
  }
}

const yaml::Node& Checker::resolve(const yaml::Node& node) {
  if (node.kind != yaml::NodeKind::alias) return node;
  // YAML lets an anchor be redefined; an alias means the latest definition before it.
  // Definitions were indexed in document order, so a binary search finds it even when a generated
  // file redefines one anchor thousands of times.
  const auto found = anchors_.find(node.anchor);
  if (found != anchors_.end()) {
    const auto& definitions = found->second;
    const auto after = std::upper_bound(definitions.begin(), definitions.end(), node.position,
                                        [](Position at, const yaml::Node* d) { return before(at, d->position); });
    if (after != definitions.begin() && before((*(after - 1))->position, node.position)) {
      const yaml::Node& target = **(after - 1);
      if (!target.is_scalar()) return target;
      // A scalar reached through an alias is reported where the alias is written, not at its
      // anchor; only scalars are copied, so many aliases of a big anchor stay cheap.
      alias_copies_.push_back(target);
      alias_copies_.back().position = node.position;
      return alias_copies_.back();
    }
  }
  report(Severity::error, kAliasUnresolved, node.position,
         "alias *" + node.anchor + " refers to no anchor defined before it",
         "define &" + node.anchor + " earlier in the file or write the value out; YAML loaders reject unknown aliases");
  return node;
}

void Checker::report(Severity severity, int rule, Position position, std::string message, std::string hint) {
  if (diagnostics_.size() >= kMaxFindings) {
    ++dropped_;
    return;
  }
  std::string code = platform_ == Platform::lambda ? "CD5" : "CD4";
  if (rule < 10) code += '0';
  code += std::to_string(rule);
  diagnostics_.push_back(
      make_diagnostic(severity, std::move(code), std::move(message), file_, position, std::move(hint)));
}

Diagnostics Checker::take() {
  if (dropped_ > 0) {
    std::string code = platform_ == Platform::lambda ? "CD527" : "CD427";
    diagnostics_.push_back(make_diagnostic(Severity::note, std::move(code),
                                           std::to_string(dropped_) + " further findings were not shown", file_,
                                           Position{}, "fix the findings above and run the check again"));
    dropped_ = 0;
  }
  return std::move(diagnostics_);
}

bool Entry::has_value() const { return value != nullptr && !is_null(*value); }

Position Entry::where() const {
  if (value != nullptr && !is_null(*value)) return value->position;
  return key != nullptr ? key->position : Position{};
}

Fields::Fields(Checker& checker, const yaml::Node& mapping, std::vector<KeySpec> specs, const std::string& where)
    : specs_(std::move(specs)), entries_(specs_.size()), written_(specs_.size(), false) {
  // YAML 1.1 merge keys (<<: *base) supply defaults that the mapping's own keys override.
  for (const auto& [key, value] : mapping.pairs) {
    if (key.is_scalar() && key.style == yaml::ScalarStyle::plain && key.value == "<<") merge(checker, value, 0);
  }
  for (const auto& [key, value] : mapping.pairs) {
    if (key.is_scalar() && key.style == yaml::ScalarStyle::plain && key.value == "<<") continue;
    add_pair(checker, key, value, where);
  }
}

void Fields::merge(Checker& checker, const yaml::Node& source, int depth) {
  const yaml::Node& resolved = checker.resolve(source);
  if (depth > 2) return;
  if (resolved.is_sequence()) {
    for (const auto& item : resolved.items) merge(checker, item, depth + 1);
    return;
  }
  for (const auto& [key, value] : resolved.pairs) {
    if (!key.is_scalar()) continue;
    for (std::size_t i = 0; i < specs_.size(); ++i) {
      if (equals_ignoring_case(key.value, specs_[i].canonical) && !entries_[i].exists()) {
        entries_[i] = Entry{&key, &value};
      }
    }
  }
}

void Fields::add_pair(Checker& checker, const yaml::Node& key, const yaml::Node& value, const std::string& where) {
  std::vector<std::string> names;
  for (const auto& spec : specs_) names.push_back(spec.canonical);
  if (!key.is_scalar()) {
    checker.report(Severity::warning, kUnknownKey, key.position,
                   "a key in " + where + " is " + describe(key) + ", not a name",
                   "keys here are plain names; the service does not read this entry");
    return;
  }
  const auto spec = std::find_if(specs_.begin(), specs_.end(),
                                 [&](const KeySpec& s) { return equals_ignoring_case(s.canonical, key.value); });
  if (spec == specs_.end()) {
    const std::string suggestion = did_you_mean(key.value, names);
    std::string known;
    for (const auto& name : names) known += (known.empty() ? "" : ", ") + name;
    checker.report(Severity::warning, kUnknownKey, key.position,
                   "unknown key " + quoted_text(key.value) + " in " + where,
                   suggestion.empty() ? "the service ignores or rejects it; keys allowed here: " + known
                                      : "did you mean '" + suggestion + "'?");
    return;
  }
  const std::size_t index = static_cast<std::size_t>(spec - specs_.begin());
  const bool documented =
      key.value == spec->canonical || (spec->lowercase_documented && key.value == lowercase(spec->canonical));
  if (!documented) {
    checker.report(Severity::warning, kKeyCase, key.position,
                   "key " + quoted_text(key.value) + " is not written as documented ('" + spec->canonical + "')",
                   "the service matches keys case-insensitively, but other tools reading the file may not; write '" +
                       spec->canonical + "'");
  }
  // A key merged in with <<: is overridden silently; a key written twice is a mistake worth a word.
  if (written_[index]) {
    const yaml::Node& first = *entries_[index].key;
    checker.report(
        Severity::warning, kDuplicateKey, key.position,
        "key " + quoted_text(key.value) + " repeats " + quoted_text(first.value) + " from " + at_line(first.position),
        "keep one of them; YAML loaders keep the last, case-insensitive readers may keep the first");
  }
  entries_[index] = Entry{&key, &value};
  written_[index] = true;
}

Entry Fields::get(std::string_view canonical) const {
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    if (specs_[i].canonical == canonical) return entries_[i];
  }
  return Entry{};
}

}  // namespace cdrun::ecs_lambda
