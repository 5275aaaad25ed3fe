// What the watch engine talks to: CodeDeploy (DeploymentSource) and time (WatchClock). Narrow on
// purpose, so unit tests drive the engine with scripted answers and a clock that never sleeps.
#pragma once

#include <string>
#include <vector>

#include "aws/codedeploy/deployment_info.h"
#include "aws/codedeploy/deployment_target.h"

namespace cdrun::watch {

class DeploymentSource {
 public:
  virtual ~DeploymentSource() = default;
  virtual aws::AwsResult<aws::DeploymentInfo> deployment() = 0;
  virtual aws::AwsResult<std::vector<std::string>> target_ids() = 0;
  virtual aws::AwsResult<std::vector<aws::DeploymentTarget>> targets(const std::vector<std::string>& ids) = 0;
};

class WatchClock {
 public:
  virtual ~WatchClock() = default;
  virtual double now_seconds() = 0;  // monotonic, any origin
  virtual void sleep_seconds(double seconds) = 0;
};

// The real clock: std::chrono::steady_clock and std::this_thread::sleep_for.
class SystemClock : public WatchClock {
 public:
  double now_seconds() override;
  void sleep_seconds(double seconds) override;
};

}  // namespace cdrun::watch
