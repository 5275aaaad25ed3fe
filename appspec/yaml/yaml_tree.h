// The first YAML document of a text, as libyaml (the parser inside the agent's Ruby Psych) sees it,
// with the position of every node. Syntax errors carry Psych's exact wording.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "appspec/core/diagnostic.h"

namespace cdrun::yaml {

enum class NodeKind { scalar, sequence, mapping, alias };
enum class ScalarStyle { plain, single_quoted, double_quoted, literal, folded };

struct Node {
  NodeKind kind = NodeKind::scalar;
  Position position;          // where the node starts
  std::string tag;            // resolved tag ("tag:yaml.org,2002:str", "!foo"), "" when none was written
  std::string anchor;         // "&name" defined on this node, or the name an alias refers to
  // Scalars.
  std::string value;
  ScalarStyle style = ScalarStyle::plain;
  bool quoted_implicit = false;  // libyaml's flag: a quoted/block scalar without a tag
  bool flow = false;             // sequences and mappings written as [..] / {..}
  // Sequences.
  std::vector<Node> items;
  // Mappings, in document order (duplicates kept).
  std::vector<std::pair<Node, Node>> pairs;

  bool is_scalar() const { return kind == NodeKind::scalar; }
  bool is_mapping() const { return kind == NodeKind::mapping; }
  bool is_sequence() const { return kind == NodeKind::sequence; }
  // The value of the last pair whose key is the plain string `key` (YAML's "last one wins"), or null.
  const Node* find(std::string_view key) const;
};

struct SyntaxError {
  std::string psych_message;  // "(<unknown>): did not find expected key while parsing ... at line 4 column 3"
  std::string problem;        // libyaml's problem text, e.g. "did not find expected key"
  std::string context;        // e.g. "while parsing a block mapping" (may be empty)
  Position problem_position;  // where the problem was found (for cdrun's caret)
  Position context_position;  // what Psych reports
};

struct Document {
  // Null when the stream has no document at all (empty text, only comments).
  std::unique_ptr<Node> root;
  std::optional<SyntaxError> error;
  bool has_more_documents = false;  // text after the first document that the agent never reads
  Position second_document;         // where that text starts
  int max_depth = 0;                // deepest nesting seen (for diagnostics only)
};

// Parses the first document exactly as Psych's YAML.load does: UTF-8 encoding forced (so a BOM is
// a character at column 1, not an encoding marker), stops at the end of the first document.
// Nesting deeper than `depth_limit` is reported as a syntax error instead of recursing further.
Document parse_first_document(std::string_view text, int depth_limit = 512);

}  // namespace cdrun::yaml
