// codedeploy-local's lifecycle event list (agent-behavior.md §1.2, §1.8), shared by
// `cdrun validate --events` and `cdrun deploy`.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cdrun {

// DEFAULT_ORDERED_LIFECYCLE_EVENTS.
const std::vector<std::string>& default_lifecycle_events();

// --events split on "," with no trimming (" X" is another event).
std::vector<std::string> split_events(const std::string& text);

// The CLI validator's order check (CLIV:52-61): its exact message, or nullopt.
std::optional<std::string> events_order_error(const std::vector<std::string>& events, const std::string& raw);

// ordered_lifecycle_events + add_download_bundle_and_install_events: the default list when none is
// given; each of DownloadBundle, Install that is missing is prepended, then the two are swapped if
// Install comes first. So a listed DownloadBundle without Install moves to the front and Install
// takes its place: ApplicationStop,DownloadBundle runs DownloadBundle, ApplicationStop, Install.
std::vector<std::string> effective_event_order(const std::optional<std::vector<std::string>>& events);

// AllPossibleLifecycleEvents: the default list, then new names from the user's list in order.
std::vector<std::string> all_possible_events(const std::optional<std::vector<std::string>>& events);

// The command name check of the agent (CE:50-57): PascalCase or the agent refuses the command.
bool is_pascal_case(const std::string& name);

}  // namespace cdrun
