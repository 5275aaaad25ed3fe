// codedeploy-local's --events (agent-behavior.md §1.8): its own order checks, verbatim, and the
// orders it accepts that do something else than the user expects (CD240-CD244).
#include <algorithm>

#include "appspec/core/lifecycle_events.h"
#include "appspec/server/server_rules.h"

namespace cdrun {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
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
  const std::vector<std::string> events = split_events(events_text);
  for (const std::string& e : events) {
    if (!e.empty() && (e.front() == ' ' || e.back() == ' ')) {
      out.push_back(make_diagnostic(Severity::warning, "CD240", "event '" + e + "' has spaces around it", where, {},
                                    "codedeploy-local does not trim --events entries, so this is a different event; remove the spaces"));
    }
  }
  if (std::optional<std::string> refused = events_order_error(events, events_text)) {
    out.push_back(make_diagnostic(Severity::error, "CD241", *refused, where, {}, "codedeploy-local refuses this order"));
  }
  const std::vector<std::string> order = effective_event_order(events);
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
      if (contains(default_lifecycle_events(), e)) continue;
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
