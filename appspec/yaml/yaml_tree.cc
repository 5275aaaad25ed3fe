#include "appspec/yaml/yaml_tree.h"

#include <yaml.h>

namespace cdrun::yaml {

const Node* Node::find(std::string_view key) const {
  const Node* found = nullptr;
  for (const auto& [k, v] : pairs) {
    if (k.kind == NodeKind::scalar && k.value == key) found = &v;
  }
  return found;
}

namespace {

Position position_of(const yaml_mark_t& mark) {
  return Position{static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1};
}

std::string text_of(const yaml_char_t* s) { return s ? reinterpret_cast<const char*>(s) : std::string{}; }

// One open sequence or mapping while its events arrive.
struct Frame {
  Node node;
  bool key_pending = false;  // mappings: a key arrived, its value has not
  Node key;
};

class TreeBuilder {
 public:
  explicit TreeBuilder(int depth_limit) : depth_limit_(depth_limit) {}

  // Returns false when nesting goes past the limit.
  bool open(Node node) {
    if (static_cast<int>(stack_.size()) >= depth_limit_) return false;
    stack_.push_back(Frame{std::move(node), false, {}});
    if (static_cast<int>(stack_.size()) > max_depth_) max_depth_ = static_cast<int>(stack_.size());
    return true;
  }

  void close() {
    Node done = std::move(stack_.back().node);
    stack_.pop_back();
    add(std::move(done));
  }

  void add(Node node) {
    if (stack_.empty()) {
      root_ = std::make_unique<Node>(std::move(node));
      return;
    }
    Frame& top = stack_.back();
    if (top.node.kind == NodeKind::sequence) {
      top.node.items.push_back(std::move(node));
    } else if (!top.key_pending) {
      top.key = std::move(node);
      top.key_pending = true;
    } else {
      top.node.pairs.emplace_back(std::move(top.key), std::move(node));
      top.key = Node{};
      top.key_pending = false;
    }
  }

  std::unique_ptr<Node> take_root() { return std::move(root_); }
  int max_depth() const { return max_depth_; }

 private:
  int depth_limit_;
  int max_depth_ = 0;
  std::vector<Frame> stack_;
  std::unique_ptr<Node> root_;
};

ScalarStyle style_of(yaml_scalar_style_t style) {
  switch (style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return ScalarStyle::single_quoted;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return ScalarStyle::double_quoted;
    case YAML_LITERAL_SCALAR_STYLE: return ScalarStyle::literal;
    case YAML_FOLDED_SCALAR_STYLE: return ScalarStyle::folded;
    default: return ScalarStyle::plain;
  }
}

SyntaxError error_of(const yaml_parser_t& parser) {
  SyntaxError error;
  error.problem = parser.problem ? parser.problem : "unknown error";
  error.context = parser.context ? parser.context : "";
  error.problem_position = position_of(parser.problem_mark);
  error.context_position = position_of(parser.context_mark);
  // Psych::SyntaxError: "(<file>): <problem> <context> at line L column C", where L and C come from
  // libyaml's context mark (1-based); for reader errors that mark stays at the start of the text.
  std::string text = error.problem;
  if (!error.context.empty()) text += " " + error.context;
  error.psych_message = "(<unknown>): " + text + " at line " + std::to_string(error.context_position.line) +
                        " column " + std::to_string(error.context_position.column);
  if (parser.error == YAML_READER_ERROR) error.problem_position = Position{0, 0};
  return error;
}

struct ParserHandle {
  yaml_parser_t parser;
  ParserHandle() { yaml_parser_initialize(&parser); }
  ~ParserHandle() { yaml_parser_delete(&parser); }
  ParserHandle(const ParserHandle&) = delete;
  ParserHandle& operator=(const ParserHandle&) = delete;
};

struct EventHandle {
  yaml_event_t event;
  bool live = false;
  ~EventHandle() {
    if (live) yaml_event_delete(&event);
  }
};

}  // namespace

Document parse_first_document(std::string_view text, int depth_limit) {
  Document doc;
  ParserHandle handle;
  yaml_parser_t& parser = handle.parser;
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  // Psych hands libyaml a UTF-8 Ruby string with the encoding set explicitly, so libyaml never looks
  // for a byte order mark; a BOM then counts as one column of the first line.
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

  TreeBuilder builder(depth_limit);
  bool in_document = false;
  for (;;) {
    EventHandle ev;
    if (!yaml_parser_parse(&parser, &ev.event)) {
      doc.error = error_of(parser);
      return doc;
    }
    ev.live = true;
    const yaml_event_t& e = ev.event;
    switch (e.type) {
      case YAML_STREAM_END_EVENT:
        return doc;
      case YAML_DOCUMENT_START_EVENT:
        in_document = true;
        break;
      case YAML_DOCUMENT_END_EVENT: {
        doc.root = builder.take_root();
        doc.max_depth = builder.max_depth();
        // Psych returns at the end of the first document; peek whether anything follows.
        EventHandle next;
        if (yaml_parser_parse(&parser, &next.event)) {
          next.live = true;
          if (next.event.type == YAML_DOCUMENT_START_EVENT) {
            doc.has_more_documents = true;
            doc.second_document = position_of(next.event.start_mark);
          }
        } else {
          doc.has_more_documents = true;
          doc.second_document = position_of(parser.problem_mark);
        }
        return doc;
      }
      case YAML_ALIAS_EVENT: {
        Node node;
        node.kind = NodeKind::alias;
        node.position = position_of(e.start_mark);
        node.anchor = text_of(e.data.alias.anchor);
        builder.add(std::move(node));
        break;
      }
      case YAML_SCALAR_EVENT: {
        Node node;
        node.kind = NodeKind::scalar;
        node.position = position_of(e.start_mark);
        node.tag = text_of(e.data.scalar.tag);
        node.anchor = text_of(e.data.scalar.anchor);
        node.value.assign(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
        node.style = style_of(e.data.scalar.style);
        node.quoted_implicit = e.data.scalar.quoted_implicit != 0;
        builder.add(std::move(node));
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        Node node;
        const bool sequence = e.type == YAML_SEQUENCE_START_EVENT;
        node.kind = sequence ? NodeKind::sequence : NodeKind::mapping;
        node.position = position_of(e.start_mark);
        node.tag = text_of(sequence ? e.data.sequence_start.tag : e.data.mapping_start.tag);
        node.anchor = text_of(sequence ? e.data.sequence_start.anchor : e.data.mapping_start.anchor);
        node.flow = sequence ? e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                             : e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
        if (!builder.open(std::move(node))) {
          SyntaxError error;
          error.problem = "nesting deeper than " + std::to_string(depth_limit) + " levels";
          error.problem_position = position_of(e.start_mark);
          error.context_position = error.problem_position;
          error.psych_message = error.problem;
          doc.error = std::move(error);
          doc.max_depth = depth_limit;
          return doc;
        }
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        builder.close();
        break;
      default:
        break;
    }
  }
  (void)in_document;
}

}  // namespace cdrun::yaml
