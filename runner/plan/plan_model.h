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

// Whose rules the plan follows: codedeploy-local 1.8's, agent 2.x's deploy-local's, or 1.8's with
// what 2.x does differently beside it (agent2-behavior.md).
enum class PlanAgents { v1_8, v2, all };
const char* plan_agents_name(PlanAgents agents);  // "1.8", "2", "all"

// Where an event's appspec and scripts come from.
enum class PlanSource {
  none,                // DownloadBundle / Install: no hook scripts
  new_revision,        // the bundle being deployed
  previous_revision,   // the last successful deployment of the group
  first_deployment,    // a previous-revision event with no previous revision: skipped
  not_downloaded,      // a new-revision event ordered before DownloadBundle: fails under 1.8
  // Agent 2.x only: the selected revision has no deployment-archive, so the event is a silent
  // no-op (agent2-behavior.md §3.2).
  archive_gone,        // a previous-revision event whose previous archive was deleted
  skipped_before_download,  // a new-revision event ordered before DownloadBundle
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
  // Agent 2.x accepts an appspec agent 1.8's parser refuses: the scripts (or, for Install, the
  // files) are not known, since plan reads them with 1.8's parser.
  bool unmodelled = false;
  std::vector<PlanScript> scripts;
  // In an "all" plan, what agent 2.x does with this event when that differs from 1.8.
  struct Agent2 {
    PlanSource source = PlanSource::none;
    std::string appspec_path;
    std::string failure;
    bool unmodelled = false;
  };
  std::optional<Agent2> agent2;
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
  PlanAgents agents = PlanAgents::v1_8;
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
  // Agent 2.x's plan only: what it does instead of a 1.8 failure or finding, shown in an "all" plan.
  Diagnostics agent2_differences;

  bool predicts_failure() const { return has_errors(warnings); }
};

}  // namespace cdrun
