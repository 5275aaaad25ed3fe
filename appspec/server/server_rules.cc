#include "appspec/server/server_rules.h"

namespace cdrun {

const std::vector<std::string>& server_script_events() {
  static const std::vector<std::string> events{"BeforeBlockTraffic", "AfterBlockTraffic", "ApplicationStop",
                                               "BeforeInstall",      "AfterInstall",      "ApplicationStart",
                                               "ValidateService",    "BeforeAllowTraffic", "AfterAllowTraffic"};
  return events;
}

const std::vector<std::string>& server_reserved_events() {
  static const std::vector<std::string> events{"Start", "DownloadBundle", "Install", "BlockTraffic", "AllowTraffic", "End"};
  return events;
}

Diagnostics check_server_appspec(const ServerCheckInput& input) {
  Diagnostics out;
  const AgentVerdict& verdict = *input.verdict;
  const yaml::Node* root = verdict.document.root.get();
  auto append = [&out](Diagnostics more) { out.insert(out.end(), more.begin(), more.end()); };
  if (root && !verdict.document.error) append(check_server_structure(*root, input.file));
  if (verdict.appspec && root) {
    append(check_server_hooks(*verdict.appspec, *root, input.file));
    append(check_server_files(*verdict.appspec, *root, input.file));
    append(check_server_permissions(*verdict.appspec, *root, input.file));
  }
  if (input.events) append(check_events_option(*input.events, verdict.appspec ? &*verdict.appspec : nullptr, input.file));
  return out;
}

}  // namespace cdrun
