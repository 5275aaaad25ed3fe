// codedeploy-local's --events (agent-behavior.md §1.8): its own order checks, verbatim, and the
// orders it accepts that do something else than the user expects (CD240-CD244).
#include <algorithm>

#include "appspec/server_rules.h"

namespace cdrun {
namespace {

const std::vector<std::string>& default_events() {
  static const std::vector<std::string> events{"BeforeBlockTraffic", "AfterBlockTraffic", "ApplicationStop", "DownloadBundle",
                                               "BeforeInstall",      "Install",           "AfterInstall",    "ApplicationStart",
                                               "ValidateService",    "BeforeAllowTraffic", "AfterAllowTraffic"};
  return events;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ',') {
      out.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

// The CLI validator's rule: none of `later` may come before `anchor` when `anchor` is listed.
bool listed_before(const std::vector<std::string>& events, const std::string& anchor, const std::vector<std::string>& later) {
  auto at = std::find(events.begin(), events.end(), anchor);
  if (at == events.end()) return false;
  return std::any_of(events.begin(), at, [&](const std::string& e) { return contains(later, e); });
}

// add_download_bundle_and_install_events: missing ones are prepended; Install never precedes DownloadBundle.
std::vector<std::string> effective_order(std::vector<std::string> events) {
  for (const char* required : {"Install", "DownloadBundle"}) {
    if (!contains(events, required)) events.insert(events.begin(), required);
  }
  auto download = std::find(events.begin(), events.end(), "DownloadBundle");
  auto install = std::find(events.begin(), events.end(), "Install");
  if (install < download) std::iter_swap(install, download);
  return events;
}

std::string joined(const std::vector<std::string>& events) {
  std::string out;
  for (const std::string& e : events) out += (out.empty() ? "" : ", ") + e;
  return out;
}

}  // namespace

Diagnostics check_events_option(const std::string& events_text, const Ec2AppSpec* spec, const std::string& file) {
  (void)file;
  Diagnostics out;
  const std::string where = "--events";
  const std::vector<std::string> events = split_commas(events_text);
  for (const std::string& e : events) {
    if (!e.empty() && (e.front() == ' ' || e.back() == ' ')) {
      out.push_back(make_diagnostic(Severity::warning, "CD240", "event '" + e + "' has spaces around it", where, {},
                                    "codedeploy-local does not trim --events entries, so this is a different event; remove the spaces"));
    }
  }
  if (listed_before(events, "DownloadBundle", {"AfterInstall", "ApplicationStart", "BeforeAllowTraffic", "AfterAllowTraffic", "ValidateService", "Install"})) {
    out.push_back(make_diagnostic(Severity::error, "CD241",
                                  "The only events that can be specified before DownloadBundle are BeforeBlockTraffic,AfterBlockTraffic,"
                                  "ApplicationStop. Please fix the order of your specified events: " + events_text,
                                  where, {}, "codedeploy-local refuses this order"));
  } else if (listed_before(events, "Install", {"AfterInstall", "ApplicationStart", "BeforeAllowTraffic", "AfterAllowTraffic", "ValidateService"})) {
    out.push_back(make_diagnostic(Severity::error, "CD241",
                                  "The only events that can be specified before Install are BeforeBlockTraffic,AfterBlockTraffic,"
                                  "ApplicationStop,DownloadBundle,BeforeInstall. Please fix the order of your specified events: " + events_text,
                                  where, {}, "codedeploy-local refuses this order"));
  }
  const std::vector<std::string> order = effective_order(events);
  const auto download = std::find(order.begin(), order.end(), "DownloadBundle");
  const auto install = std::find(order.begin(), order.end(), "Install");
  for (auto it = order.begin(); it != order.end(); ++it) {
    const std::string& e = *it;
    const bool previous_revision_event = e == "ApplicationStop" || e == "BeforeBlockTraffic" || e == "AfterBlockTraffic";
    if (previous_revision_event && it > download) {
      out.push_back(make_diagnostic(Severity::warning, "CD242", e + " runs after DownloadBundle in this order (" + joined(order) +
                                    "), so it runs the new revision's script, not the previous one's", where, {},
                                    "put " + e + " first and list DownloadBundle after it, e.g. --events " + e + ",DownloadBundle,Install"));
    } else if (e == "BeforeInstall" && it > install) {
      out.push_back(make_diagnostic(Severity::warning, "CD242", "BeforeInstall runs after Install in this order (" + joined(order) + ")",
                                    where, {}, "list BeforeInstall between DownloadBundle and Install"));
    } else if (!previous_revision_event && e != "DownloadBundle" && it < download) {
      out.push_back(make_diagnostic(Severity::error, "CD243", e + " runs before DownloadBundle, when no appspec has been downloaded yet",
                                    where, {}, "codedeploy-local accepts this order but the event fails with \"did not find an AppSpec file\""));
    }
  }
  if (spec) {
    std::vector<std::string> missing;
    for (const std::string& e : events) {
      if (contains(default_events(), e)) continue;
      const bool in_appspec = std::any_of(spec->hooks.begin(), spec->hooks.end(), [&](const HookSpec& h) { return h.name == e; });
      if (!in_appspec && !contains(missing, e)) missing.push_back(e);
    }
    if (!missing.empty()) {
      std::string names;
      for (const std::string& m : missing) names += (names.empty() ? "" : ",") + m;
      out.push_back(make_diagnostic(Severity::error, "CD244",
                                    "You specified a lifecycle event which is not a default one and doesn't exist in your appspec.yml file: " + names,
                                    where, {}, "codedeploy-local fails at Install with this message"));
    }
  }
  return out;
}

}  // namespace cdrun
