// The follow loop of `cdrun watch`: poll the deployment and its targets until the deployment ends
// or the timeout passes, report what changed to an observer, back off when throttled.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runner/watch/watch_events.h"
#include "runner/watch/watch_ports.h"

namespace cdrun::watch {

struct WatchOptions {
  double interval_seconds = 5;            // between polls while all goes well
  std::optional<double> timeout_seconds;  // none: until the deployment ends
  double max_backoff_seconds = 60;        // cap of the doubling delay after throttling
};

enum class WatchEnd { kSucceeded, kFailed, kStopped, kTimedOut, kCannotWatch };

// 0 Succeeded, 1 Failed, 3 Stopped, 4 timed out, 2 cannot watch (no such deployment, access
// denied, no credentials: what the user must fix before watching makes sense).
int watch_exit_status(WatchEnd end);

// "Succeeded", "Failed", "Stopped", "TimedOut", "CannotWatch".
const char* watch_end_name(WatchEnd end);

struct WatchResult {
  WatchEnd end = WatchEnd::kCannotWatch;
  aws::DeploymentInfo deployment;                // the last answer to GetDeployment
  std::vector<aws::DeploymentTarget> targets;    // the last answer to BatchGetDeploymentTargets
  aws::AwsFailure failure;                       // kCannotWatch: the call that failed
  std::string failed_operation;                  // kCannotWatch: "GetDeployment", ...
  double elapsed_seconds = 0;
};

// A failure the next poll may not see (throttling, HTTP 429 and 5xx, no answer): back off and retry.
bool worth_retrying(const aws::AwsFailure& failure);

WatchResult run_watch(DeploymentSource& source, WatchClock& clock, WatchObserver& observer,
                      const WatchOptions& options);

}  // namespace cdrun::watch
