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

// The orders codedeploy-local accepts but that do not do what the list says (CD242, CD243).
// `download_moved`: the user listed DownloadBundle after other events but not Install, and
// codedeploy-local's swap put DownloadBundle first (Install takes its place).
template <typename Add>
void check_accepted_order(const std::vector<std::string>& order, bool download_moved, const Add& add) {
  const auto download = std::find(order.begin(), order.end(), "DownloadBundle");
  const auto install = std::find(order.begin(), order.end(), "Install");
  for (auto it = order.begin(); it != order.end(); ++it) {
    const std::string& e = *it;
    const bool previous_revision_event = e == "ApplicationStop" || e == "BeforeBlockTraffic" || e == "AfterBlockTraffic";
    if (previous_revision_event && it > download) {
      add(Severity::warning, "CD242", e + " runs after DownloadBundle in this order (" + joined(order) + "), so it runs the new revision's script, not the previous one's",
          std::string(download_moved ? "without Install in the list, codedeploy-local moves DownloadBundle to the front; " : "") +
              "put " + e + " first and list DownloadBundle and Install after it, e.g. --events " + e + ",DownloadBundle,Install");
    } else if (e == "BeforeInstall" && it > install) {
      add(Severity::warning, "CD242", "BeforeInstall runs after Install in this order (" + joined(order) + ")",
          "list BeforeInstall between DownloadBundle and Install");
    } else if (!previous_revision_event && e != "DownloadBundle" && it < download) {
      add(Severity::error, "CD243", e + " runs before DownloadBundle, when no appspec has been downloaded yet",
          "codedeploy-local accepts this order but the event fails with \"did not find an AppSpec file\"");
    }
  }
}

}  // namespace

Diagnostics check_events_option(const std::string& events_text, const Ec2AppSpec* spec, const std::string& file) {
  Diagnostics out;
  // The finding is about the option; the appspec it was checked against is its file (no position).
  const auto add = [&](Severity severity, const char* code, std::string message, std::string hint) {
    Diagnostic d = make_diagnostic(severity, code, std::move(message), file, {}, std::move(hint));
    d.option = "--events";
    out.push_back(std::move(d));
  };
  const std::vector<std::string> events = split_events(events_text);
  for (const std::string& e : events) {
    if (!e.empty() && (e.front() == ' ' || e.back() == ' ')) {
      add(Severity::warning, "CD240", "event '" + e + "' has spaces around it",
          "codedeploy-local does not trim --events entries, so this is a different event; remove the spaces");
    }
  }
  if (std::optional<std::string> refused = events_order_error(events, events_text)) {
    // codedeploy-local stops at its argument check and runs nothing, so what the order would run
    // (CD242, CD243) does not apply.
    add(Severity::error, "CD241", *refused, "codedeploy-local refuses this order and runs no event");
  } else {
    const bool download_moved = !contains(events, "Install") && contains(events, "DownloadBundle") &&
                                !events.empty() && events.front() != "DownloadBundle";
    check_accepted_order(effective_event_order(events), download_moved, add);
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
      add(Severity::error, "CD244", "You specified a lifecycle event which is not a default one and doesn't exist in your appspec.yml file: " + names,
          "codedeploy-local fails at Install with this message");
    }
  }
  return out;
}

}  // namespace cdrun
