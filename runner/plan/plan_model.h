// What `cdrun plan` predicts for a deployment, without running it: each event in codedeploy-local's
// order with the revision it would read and the scripts it would run, the Install step's files, and
// the problems that would make the deployment fail (agent-behavior.md §1, §4).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "appspec/core/diagnostic.h"

namespace cdrun {

struct PlanScript {
  std::string location;              // as written in the appspec
  long long timeout = 3600;
  std::optional<std::string> runas;
  bool sudo = false;
  bool present = true;               // the script exists in the revision it is read from
};

// Where an event's appspec and scripts come from.
enum class PlanSource {
  none,                // DownloadBundle / Install: no hook scripts
  new_revision,        // the bundle being deployed
  previous_revision,   // the last successful deployment of the group
  first_deployment,    // a previous-revision event with no previous revision: skipped
  not_downloaded,      // a new-revision event ordered before DownloadBundle: fails
};
const char* plan_source_name(PlanSource source);

struct PlanEvent {
  std::string name;
  PlanSource source = PlanSource::none;
  std::string revision_dir;          // previous_revision: the deployment dir
  std::string revision_id;           // previous_revision: its deployment id
  std::string appspec_path;          // the appspec file the event reads ("" when none)
  bool has_hook = false;             // the appspec lists this event with scripts
  std::string failure;               // why the event would fail, in short ("" when it would not)
  std::vector<PlanScript> scripts;
};

// One `files` entry of the new appspec and the files it would install.
struct PlanFileMapping {
  std::string source;
  std::string destination;
  bool source_is_directory = false;
  bool source_missing = false;
  std::vector<std::string> targets;  // every file it copies, as the agent names them
};

struct PlanReport {
  std::string root_dir;
  std::string group;
  std::string bundle_path;
  std::string bundle_type;
  std::string appspec_filename;      // what the hook events read
  std::string install_appspec;       // what Install reads (the .yaml fallback applies)
  std::string bundle_root;           // "" or "wrapper/" when the agent strips a top directory
  std::string file_exists_behavior;  // effective: the appspec's, else -b
  std::optional<std::string> previous_dir;  // the last successful deployment dir, when recorded
  std::string previous_id;
  bool previous_exists = false;
  std::vector<PlanEvent> events;
  std::vector<PlanFileMapping> files;
  std::size_t file_count = 0;
  std::vector<std::string> conflicts;  // files DISALLOW would refuse
  Diagnostics warnings;                // errors predict a failure; warnings do not

  bool predicts_failure() const { return has_errors(warnings); }
};

}  // namespace cdrun
