// files rules for EC2/on-premises appspecs (CD206, CD222, CD232): destinations must be absolute
// for the declared os; unknown keys in an entry are silently ignored by the agent.
#include <algorithm>
#include <cctype>

#include "appspec/server/server_rules.h"

namespace cdrun {
namespace {

bool absolute_for(const std::string& path, const std::string& os) {
  if (os == "windows") {
    const bool drive = path.size() >= 3 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':' &&
                       (path[2] == '\\' || path[2] == '/');
    return drive || path.rfind("\\\\", 0) == 0;
  }
  return !path.empty() && path[0] == '/';
}

}  // namespace

Diagnostics check_server_files(const Ec2AppSpec& spec, const yaml::Node& root, const std::string& file) {
  Diagnostics out;
  for (const FileSpec& entry : spec.files) {
    const Position where = entry.raw_destination ? entry.raw_destination->position : entry.position;
    if (!absolute_for(entry.destination, spec.os)) {
      const std::string example = spec.os == "windows" ? "C:\\inetpub\\app" : "/var/www/app";
      // Both agents expand it against their working directory and install there: the deployment
      // succeeds, with the files somewhere the author did not mean. A warning, not an error.
      out.push_back(make_diagnostic(Severity::warning, "CD206", "destination '" + entry.destination + "' is not an absolute path",
                                    file, where,
                                    "the agent installs it under its own working directory; write a full path such as " + example));
    }
    if (entry.source.empty()) {
      out.push_back(make_diagnostic(Severity::warning, "CD232", "source is empty, which the agent reads as the whole bundle",
                                    file, entry.raw_source ? entry.raw_source->position : entry.position,
                                    "write source: / to install the whole bundle, or name a file or directory"));
    }
  }
  static const std::vector<std::string> keys{"source", "destination"};
  if (const yaml::Node* files = root.find("files"); files && files->is_sequence()) {
    for (const yaml::Node& item : files->items) {
      if (!item.is_mapping()) continue;
      for (const auto& [key, value] : item.pairs) {
        if (!key.is_scalar() || key.value == "source" || key.value == "destination" || key.value == "file_exists_behavior") continue;
        std::string suggestion = did_you_mean(key.value, keys);
        out.push_back(make_diagnostic(Severity::warning, "CD222", "unknown files key '" + key.value + "' is ignored by the agent",
                                      file, key.position,
                                      suggestion.empty() ? "a files entry takes source and destination; set file_exists_behavior at the top level"
                                                         : "did you mean '" + suggestion + "'?"));
      }
    }
  }
  return out;
}

}  // namespace cdrun
