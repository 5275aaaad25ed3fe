#include "appspec/core/lifecycle_events.h"

#include <algorithm>

#include "appspec/core/text_fields.h"

namespace cdrun {

const std::vector<std::string>& default_lifecycle_events() {
  static const std::vector<std::string> events{"BeforeBlockTraffic", "AfterBlockTraffic", "ApplicationStop", "DownloadBundle",
                                               "BeforeInstall",      "Install",           "AfterInstall",    "ApplicationStart",
                                               "ValidateService",    "BeforeAllowTraffic", "AfterAllowTraffic"};
  return events;
}

std::vector<std::string> split_events(const std::string& text) { return split_fields(text, ','); }

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

bool listed_before(const std::vector<std::string>& events, const std::string& anchor, const std::vector<std::string>& later) {
  auto at = std::find(events.begin(), events.end(), anchor);
  if (at == events.end()) return false;
  return std::any_of(events.begin(), at, [&](const std::string& e) { return contains(later, e); });
}

}  // namespace

std::optional<std::string> events_order_error(const std::vector<std::string>& events, const std::string& raw) {
  if (listed_before(events, "DownloadBundle",
                    {"AfterInstall", "ApplicationStart", "BeforeAllowTraffic", "AfterAllowTraffic", "ValidateService", "Install"}))
    return "The only events that can be specified before DownloadBundle are BeforeBlockTraffic,AfterBlockTraffic,"
           "ApplicationStop. Please fix the order of your specified events: " + raw;
  if (listed_before(events, "Install", {"AfterInstall", "ApplicationStart", "BeforeAllowTraffic", "AfterAllowTraffic", "ValidateService"}))
    return "The only events that can be specified before Install are BeforeBlockTraffic,AfterBlockTraffic,"
           "ApplicationStop,DownloadBundle,BeforeInstall. Please fix the order of your specified events: " + raw;
  return std::nullopt;
}

std::vector<std::string> effective_event_order(const std::optional<std::vector<std::string>>& events) {
  std::vector<std::string> order = events && !events->empty() ? *events : default_lifecycle_events();
  for (const char* required : {"Install", "DownloadBundle"}) {
    if (!contains(order, required)) order.insert(order.begin(), required);
  }
  auto download = std::find(order.begin(), order.end(), "DownloadBundle");
  auto install = std::find(order.begin(), order.end(), "Install");
  if (install < download) std::iter_swap(install, download);
  return order;
}

std::vector<std::string> all_possible_events(const std::optional<std::vector<std::string>>& events) {
  std::vector<std::string> all = default_lifecycle_events();
  if (events) {
    for (const std::string& e : *events) {
      if (!contains(all, e)) all.push_back(e);
    }
  }
  return all;
}

bool is_pascal_case(const std::string& name) {
  // The agent derives a method name from the command: [A-Z][a-z0-9]* words, nothing else.
  if (name.empty() || !(name[0] >= 'A' && name[0] <= 'Z')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

}  // namespace cdrun
