// Checks on an appspec's bytes rather than its YAML (CD106-CD108): a byte order mark (which makes
// the agent's parser drop every key after the first), CRLF line endings, extra documents.
#include <set>

#include "appspec/validation/validation.h"

namespace cdrun {
namespace {

bool starts_with_bom(const std::string& text) { return text.rfind("\xEF\xBB\xBF", 0) == 0; }

std::set<std::string> top_level_keys(const yaml::Document& document) {
  std::set<std::string> keys;
  if (document.root && document.root->is_mapping()) {
    for (const auto& [k, v] : document.root->pairs) {
      if (k.is_scalar()) keys.insert(k.value);
    }
  }
  return keys;
}

}  // namespace

Diagnostics appspec_text_diagnostics(const std::string& text, const yaml::Document& document, const std::string& file,
                                     Platform platform) {
  Diagnostics out;
  bool bom_split_document = false;
  if (starts_with_bom(text)) {
    // With the BOM counted as a column, the first key sits at column 2 and every later top-level key
    // at column 1 starts a second document, which the agent never reads.
    const yaml::Document without = yaml::parse_first_document(std::string_view(text).substr(3));
    std::string dropped;
    const std::set<std::string> kept = top_level_keys(document);
    for (const std::string& key : top_level_keys(without)) {
      if (!kept.count(key)) dropped += (dropped.empty() ? "" : ", ") + key;
    }
    bom_split_document = !dropped.empty();
    if (platform == Platform::server && bom_split_document) {
      out.push_back(make_diagnostic(Severity::error, "CD106", "UTF-8 byte order mark: the agent's parser drops " + dropped, file,
                                    {1, 1}, "save the file as UTF-8 without a BOM"));
    } else {
      out.push_back(make_diagnostic(Severity::warning, "CD106", "UTF-8 byte order mark at the start of the appspec", file, {1, 1},
                                    "save the file as UTF-8 without a BOM; the agent's parser counts it as a character"));
    }
  }
  const size_t crlf = text.find("\r\n");
  if (crlf != std::string::npos) {
    int line = 1;
    for (size_t i = 0; i < crlf; ++i) line += text[i] == '\n';
    // Both agents' YAML parsers and the service's read CRLF like LF, so no value changes: style only.
    // (CRLF in a hook script is another matter: CD351.)
    out.push_back(make_diagnostic(Severity::note, "CD107", "CRLF line endings", file, {line, 1},
                                  "harmless: the agents and CodeDeploy read CRLF like LF; convert with dos2unix for "
                                  "tidy diffs"));
  }
  if (document.has_more_documents && !bom_split_document && !document.error) {
    out.push_back(make_diagnostic(Severity::warning, "CD108", "text after the first YAML document is ignored", file,
                                  document.second_document, "the agent reads only the first document; remove the extra '---' part"));
  }
  return out;
}

}  // namespace cdrun
