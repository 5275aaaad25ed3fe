#include "appspec/agent2/agent2_events.h"

#include <yaml.h>

#include <map>

namespace cdrun::agent2 {
namespace {

Position position_of(const yaml_mark_t& mark) {
  return {static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1};
}

// libyaml's error as serde_yaml words it: "problem at line L column C[, context at line L column C]".
YamlFailure failure_of(const yaml_parser_t& parser) {
  YamlFailure failure;
  failure.position = position_of(parser.problem_mark);
  failure.message = parser.problem ? parser.problem : "unknown error";
  failure.message += " at line " + std::to_string(failure.position.line) + " column " + std::to_string(failure.position.column);
  if (parser.context) {
    const Position context = position_of(parser.context_mark);
    failure.message += std::string(", ") + parser.context + " at line " + std::to_string(context.line) + " column " +
                       std::to_string(context.column);
  }
  return failure;
}

struct Parser {
  yaml_parser_t parser;
  explicit Parser(std::string_view text) {
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    // unsafe-libyaml is handed a &str: UTF-8 is set, so a byte order mark is a character, not a marker.
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
  }
  ~Parser() { yaml_parser_delete(&parser); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
};

struct OwnedEvent {
  yaml_event_t event;
  bool ok = false;
  explicit OwnedEvent(yaml_parser_t* parser) { ok = yaml_parser_parse(parser, &event) != 0; }
  ~OwnedEvent() {
    if (ok) yaml_event_delete(&event);
  }
  OwnedEvent(const OwnedEvent&) = delete;
  OwnedEvent& operator=(const OwnedEvent&) = delete;
};

std::string text_of(const yaml_char_t* chars) { return chars ? reinterpret_cast<const char*>(chars) : ""; }

std::string text_of(const yaml_char_t* chars, size_t length) {
  return chars ? std::string(reinterpret_cast<const char*>(chars), length) : "";
}

// Reads events into `document` until the first document ends; false when the stream ended first.
bool read_document(yaml_parser_t* parser, LoadedDocument* document) {
  std::map<std::string, size_t> anchors;
  for (;;) {
    OwnedEvent owned(parser);
    if (!owned.ok) {
      document->error = failure_of(*parser);
      return true;
    }
    const yaml_event_t& e = owned.event;
    Event event;
    event.position = position_of(e.start_mark);
    std::string anchor;
    switch (e.type) {
      case YAML_DOCUMENT_START_EVENT:
        document->start = event.position;
        continue;
      case YAML_STREAM_START_EVENT:
      case YAML_NO_EVENT:
        continue;
      case YAML_STREAM_END_EVENT:
        return false;
      case YAML_DOCUMENT_END_EVENT:
        return true;
      case YAML_ALIAS_EVENT: {
        auto found = anchors.find(text_of(e.data.alias.anchor));
        if (found == anchors.end()) {
          document->error = YamlFailure{"unknown anchor at line " + std::to_string(event.position.line) + " column " +
                                            std::to_string(event.position.column),
                                        event.position};
          return true;
        }
        event.kind = EventKind::alias;
        event.target = found->second;
        break;
      }
      case YAML_SCALAR_EVENT:
        event.kind = EventKind::scalar;
        event.value = text_of(e.data.scalar.value, e.data.scalar.length);
        event.plain = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        event.tag = text_of(e.data.scalar.tag);
        anchor = text_of(e.data.scalar.anchor);
        break;
      case YAML_SEQUENCE_START_EVENT:
        event.kind = EventKind::sequence_start;
        anchor = text_of(e.data.sequence_start.anchor);
        break;
      case YAML_MAPPING_START_EVENT:
        event.kind = EventKind::mapping_start;
        anchor = text_of(e.data.mapping_start.anchor);
        break;
      case YAML_SEQUENCE_END_EVENT:
        event.kind = EventKind::sequence_end;
        break;
      case YAML_MAPPING_END_EVENT:
        event.kind = EventKind::mapping_end;
        break;
    }
    if (!anchor.empty()) anchors[anchor] = document->events.size();
    document->events.push_back(std::move(event));
  }
}

}  // namespace

LoadedDocument load_first_document(std::string_view text) {
  LoadedDocument document;
  Parser handle(text);
  const bool ended_with_document = read_document(&handle.parser, &document);
  if (ended_with_document && !document.error) {
    // serde_yaml asks the loader for a second document; a syntax error there counts as one too.
    LoadedDocument rest;
    document.more_documents = read_document(&handle.parser, &rest);
    document.second_document = rest.start.line > 0 ? rest.start : rest.error ? rest.error->position : Position{};
  }
  if (!ended_with_document && document.events.empty() && !document.error) {
    // No document at all (only comments): serde_yaml deserializes an empty value.
    Event empty;
    empty.kind = EventKind::empty;
    document.events.push_back(empty);
  }
  return document;
}

}  // namespace cdrun::agent2
