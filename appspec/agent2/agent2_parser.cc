// AppSpec::from_file's steps: read as UTF-8, refuse a blank text, let serde_yaml type it (its
// first error wins, a syntax error only once the events before it typed cleanly, a second
// document only after the first typed), then RawAppSpec::validate.
#include "appspec/agent2/agent2_parser.h"

#include "appspec/agent2/agent2_events.h"
#include "appspec/agent2/agent2_messages.h"
#include "appspec/agent2/agent2_raw.h"
#include "appspec/agent2/agent2_rules.h"
#include "appspec/agent2/agent2_scalars.h"

namespace cdrun {

const char* agent2_error_kind_name(Agent2ErrorKind kind) {
  switch (kind) {
    case Agent2ErrorKind::none: return "";
    case Agent2ErrorKind::IoError: return "IoError";
    case Agent2ErrorKind::EmptyFile: return "EmptyFile";
    case Agent2ErrorKind::yaml: return "yaml";
    case Agent2ErrorKind::InvalidVersion: return "InvalidVersion";
    case Agent2ErrorKind::UnsupportedOs: return "UnsupportedOs";
    case Agent2ErrorKind::InvalidFileExistsBehavior: return "InvalidFileExistsBehavior";
    case Agent2ErrorKind::EmptyScriptLocation: return "EmptyScriptLocation";
    case Agent2ErrorKind::InvalidTimeout: return "InvalidTimeout";
    case Agent2ErrorKind::MissingSource: return "MissingSource";
    case Agent2ErrorKind::MissingDestination: return "MissingDestination";
    case Agent2ErrorKind::PermissionsOnWindows: return "PermissionsOnWindows";
    case Agent2ErrorKind::MissingPermissionObject: return "MissingPermissionObject";
    case Agent2ErrorKind::InvalidObjectType: return "InvalidObjectType";
    case Agent2ErrorKind::InvalidModeLength: return "InvalidModeLength";
    case Agent2ErrorKind::InvalidModeCharacter: return "InvalidModeCharacter";
    case Agent2ErrorKind::InvalidAclEntry: return "InvalidAclEntry";
    case Agent2ErrorKind::BaseAclNeedsName: return "BaseAclNeedsName";
    case Agent2ErrorKind::InvalidAclCharacter: return "InvalidAclCharacter";
    case Agent2ErrorKind::InvalidContextType: return "InvalidContextType";
    case Agent2ErrorKind::InvalidSeLinuxRange: return "InvalidSeLinuxRange";
  }
  return "";
}

namespace {

Agent2Verdict rejected(Agent2ErrorKind kind, std::string message, Position position, std::string field) {
  Agent2Verdict verdict;
  verdict.error_kind = kind;
  verdict.message = std::move(message);
  verdict.position = position;
  verdict.field = std::move(field);
  return verdict;
}

}  // namespace

Agent2Verdict parse_agent2_appspec(std::string_view text) {
  using namespace agent2;
  if (!is_valid_utf8(text))
    return rejected(Agent2ErrorKind::IoError, message::io_error("stream did not contain valid UTF-8"), {}, "");
  if (rust_trim(text).empty()) return rejected(Agent2ErrorKind::EmptyFile, message::empty_file, {}, "");
  const LoadedDocument document = load_first_document(text);
  EventReader reader(document);
  std::optional<RawAppSpec> spec = read_raw_appspec(reader);
  if (!spec) {
    const ReadFailure& failure = *reader.failure();
    Agent2Verdict verdict = rejected(Agent2ErrorKind::yaml, message::yaml_error(failure.message), failure.position, failure.path);
    verdict.value = failure.value;
    return verdict;
  }
  if (document.error)
    return rejected(Agent2ErrorKind::yaml, message::yaml_error(document.error->message), document.error->position, "");
  if (document.more_documents)
    return rejected(Agent2ErrorKind::yaml,
                    message::yaml_error("deserializing from YAML containing more than one document is not supported"),
                    document.second_document, "");
  if (std::optional<RuleFailure> failure = check_raw_appspec(*spec))
    return rejected(failure->kind, failure->message, failure->position, failure->field);
  Agent2Verdict verdict;
  verdict.accepts = true;
  return verdict;
}

}  // namespace cdrun
