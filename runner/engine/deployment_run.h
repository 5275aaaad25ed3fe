// One local deployment from start to end: the lifecycle events in codedeploy-local's order, each
// with the agent's semantics, and what to print (codedeploy-local's stdout protocol, or JSON).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "appspec/bundle/bundle.h"
#include "runner/layout/agent_log.h"
#include "runner/layout/deployment_layout.h"
#include "runner/engine/hook_executor.h"
#include "runner/process/process_runner.h"

namespace cdrun {

struct DeploymentInput {
  DeploymentLayout layout;
  std::string bundle_path;            // absolute
  BundleKind bundle_kind = BundleKind::directory;
  std::string appspec_filename = "appspec.yml";
  bool appspec_filename_given = false;
  std::string file_exists_behavior = "DISALLOW";  // upper-cased
  std::optional<std::vector<std::string>> events;  // --events, split
  HookEnvironment environment;
  int max_revisions = 5;
  bool enable_deployments_log = true;
  bool ignore_application_stop_failures = false;
  bool progress = false;              // show install progress on stderr
};

enum class DeploymentStatus { succeeded, script_failed, error_reported, error_uncaught };

struct EventReport {
  std::string event;
  std::string outcome;   // "skipped", "succeeded", "failed", "ignored-failure"
  long long duration_ms = 0;
  std::optional<HookReport> hook;  // script events
  std::string detail;    // DownloadBundle / Install summary, or the error
};

struct DeploymentOutcome {
  DeploymentStatus status = DeploymentStatus::succeeded;
  bool started = false;             // "Starting to execute deployment ..." was printed
  bool events_loop_entered = false; // "See the deployment log ..." is printed
  std::string error;                // the agent's message for error_reported / error_uncaught
  std::string failed_script_location;  // script_failed: as in the appspec
  std::vector<EventReport> events;
};

// Runs every event; writes the protocol lines to `out` as they happen (unless `quiet`), and cdrun's
// own explanations to `err`.
DeploymentOutcome run_deployment(const DeploymentInput& input, ProcessLauncher& launcher, AgentLog& agent_log,
                                 std::ostream& out, std::ostream& err, bool quiet);

}  // namespace cdrun
