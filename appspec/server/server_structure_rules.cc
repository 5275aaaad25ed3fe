// Top-level shape of an EC2/on-premises appspec: unknown and duplicate keys, version forms,
// empty sections, file_exists_behavior traps (CD210-CD225).
#include <cctype>

#include "appspec/server/server_rules.h"

namespace cdrun {
namespace {

const std::vector<std::string>& top_level_keys() {
  static const std::vector<std::string> keys{"version", "os", "files", "permissions", "hooks", "file_exists_behavior"};
  return keys;
}

bool known(const std::vector<std::string>& keys, const std::string& key) {
  for (const std::string& k : keys) {
    if (k == key) return true;
  }
  return false;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Duplicate keys anywhere: YAML keeps the last one, which users rarely mean.
void find_duplicate_keys(const yaml::Node& node, const std::string& file, Diagnostics* out) {
  if (node.is_mapping()) {
    for (size_t i = 0; i < node.pairs.size(); ++i) {
      const yaml::Node& key = node.pairs[i].first;
      if (!key.is_scalar()) continue;
      for (size_t j = 0; j < i; ++j) {
        const yaml::Node& earlier = node.pairs[j].first;
        if (earlier.is_scalar() && earlier.value == key.value) {
          out->push_back(make_diagnostic(
              Severity::warning, "CD229", "duplicate key '" + key.value + "': this value replaces the one at line " +
                                              std::to_string(earlier.position.line),
              file, key.position, "YAML keeps only the last of duplicate keys; merge the two entries"));
          break;
        }
      }
    }
    for (const auto& [k, v] : node.pairs) find_duplicate_keys(v, file, out);
  } else if (node.is_sequence()) {
    for (const yaml::Node& item : node.items) find_duplicate_keys(item, file, out);
  }
}

void check_version(const yaml::Node& version, const std::string& file, Diagnostics* out) {
  if (!version.is_scalar()) return;
  if (version.quoted_implicit && version.value == "0.0") {
    out->push_back(make_diagnostic(Severity::error, "CD211", "quoted version \"0.0\" is a string; the agent compares version with the number 0.0",
                                   file, version.position,
                                   "write version: 0.0 without quotes (the docs call it a string, the agent's parser does not)"));
    return;
  }
  if (!version.quoted_implicit && version.tag.empty() && version.value != "0.0") {
    const bool zero_int = version.value.find_first_not_of("0") == std::string::npos ||
                          version.value == "0x0" || version.value == "-0" || version.value == "+0";
    if (zero_int) {
      out->push_back(make_diagnostic(Severity::warning, "CD210", "version " + version.value +
                                     " is accepted by the agent only because 0 == 0.0 in Ruby",
                                     file, version.position, "write the documented form: version: 0.0"));
    }
  }
}

void check_section_present_but_empty(const yaml::Node& root, const char* key, const std::string& file, Diagnostics* out) {
  for (const auto& [k, v] : root.pairs) {
    if (k.is_scalar() && k.value == key && v.is_scalar() && !v.quoted_implicit && (v.value.empty() || v.value == "~" || v.value == "null")) {
      out->push_back(make_diagnostic(Severity::warning, "CD223", std::string("'") + key + "' is present but empty",
                                     file, k.position,
                                     std::string("AWS warns that a blank ") + key + " section may fail deployments; remove the key or fill it in"));
    }
  }
}

void check_file_exists_behavior(const yaml::Node& root, const std::string& file, Diagnostics* out) {
  const yaml::Node* behavior = root.find("file_exists_behavior");
  if (behavior && behavior->is_scalar()) {
    const std::string wanted = upper(behavior->value);
    if (behavior->value != wanted && (wanted == "DISALLOW" || wanted == "OVERWRITE" || wanted == "RETAIN")) {
      out->push_back(make_diagnostic(Severity::note, "CD218", "did you mean " + wanted + "?", file, behavior->position,
                                     "in the appspec the value is case-sensitive; only codedeploy-local's "
                                     "--file-exists-behavior option upper-cases it"));
    }
    if (behavior->value == "OVERWRITE") {
      out->push_back(make_diagnostic(
          Severity::warning, "CD217", "OVERWRITE records files that were already on the host in the cleanup list",
          file, behavior->position,
          "the next deployment of this group deletes those original files before installing; use RETAIN to keep "
          "files that the host had before, or remove them from the destination yourself"));
    }
  }
  if (const yaml::Node* files = root.find("files"); files && files->is_sequence()) {
    for (const yaml::Node& item : files->items) {
      if (!item.is_mapping()) continue;
      for (const auto& [k, v] : item.pairs) {
        if (k.is_scalar() && k.value == "file_exists_behavior") {
          out->push_back(make_diagnostic(Severity::warning, "CD219", "file_exists_behavior inside a files entry is ignored",
                                         file, k.position, "move it to the top level of the appspec, beside files"));
        }
      }
    }
  }
}

}  // namespace

Diagnostics check_server_structure(const yaml::Node& root, const std::string& file) {
  Diagnostics out;
  find_duplicate_keys(root, file, &out);
  if (!root.is_mapping()) return out;
  for (const auto& [key, value] : root.pairs) {
    if (!key.is_scalar() || known(top_level_keys(), key.value)) continue;
    std::string suggestion = did_you_mean(key.value, top_level_keys());
    std::string hint = suggestion.empty() ? "the agent ignores keys it does not know; remove it if it is a mistake"
                                          : "did you mean '" + suggestion + "'? the agent reads keys case-sensitively";
    out.push_back(make_diagnostic(Severity::warning, "CD221", "unknown top-level key '" + key.value + "' is ignored by the agent",
                                  file, key.position, hint));
  }
  if (const yaml::Node* version = root.find("version")) check_version(*version, file, &out);
  if (const yaml::Node* os = root.find("os"); os && os->is_scalar() && os->value != "linux" && os->value != "windows") {
    std::string suggestion = did_you_mean(os->value, {"linux", "windows"});
    if (!suggestion.empty()) {
      out.push_back(make_diagnostic(Severity::note, "CD225", "did you mean os: " + suggestion + "?", file, os->position,
                                    "the agent compares os case-sensitively with linux or windows"));
    }
  }
  for (const char* section : {"files", "hooks", "permissions"}) check_section_present_but_empty(root, section, file, &out);
  check_file_exists_behavior(root, file, &out);
  return out;
}

}  // namespace cdrun
