// What the watch engine reports as it follows a deployment, in the order it happens.
#pragma once

#include <string>

#include "aws/codedeploy/deployment_info.h"
#include "aws/codedeploy/deployment_target.h"

namespace cdrun::watch {

enum class WatchEventKind {
  kDeploymentChanged,  // status or deploymentOverview counts differ from the last poll (and on the first)
  kLifecycleEventFinished,  // a target's event reached Succeeded, Failed or Skipped
  kTargetFinished,          // a target reached Succeeded, Failed or Skipped
  kRollbackStarted,         // rollbackInfo.rollbackDeploymentId appeared
  kBackingOff,              // a poll was throttled or failed transiently; `delay_seconds` until the next
  kTimedOut,                // --timeout passed with the deployment still running
};

struct WatchEvent {
  WatchEventKind kind = WatchEventKind::kDeploymentChanged;
  aws::DeploymentInfo deployment;  // the latest answer to GetDeployment
  aws::DeploymentTarget target;    // kLifecycleEventFinished, kTargetFinished
  aws::LifecycleEvent event;       // kLifecycleEventFinished
  std::string failure_code;        // kBackingOff: "ThrottlingException", "HTTP 503", "network"
  double delay_seconds = 0;        // kBackingOff
  double elapsed_seconds = 0;      // since the watch started
};

class WatchObserver {
 public:
  virtual ~WatchObserver() = default;
  virtual void on_event(const WatchEvent& event) = 0;
};

}  // namespace cdrun::watch
