// The watch engine against a scripted CodeDeploy and a clock that records its sleeps instead of
// sleeping: event order, backoff after throttling, timeout, stopped, rollback, cannot watch.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runner/watch/watch_duration.h"
#include "runner/watch/watch_engine.h"

namespace cdrun::watch {
namespace {

using aws::AwsFailure;
using aws::AwsResult;
using aws::DeploymentInfo;
using aws::DeploymentTarget;

// One poll's answer: a failure of GetDeployment, or the deployment and its targets.
struct Step {
  std::string failure_code;  // non-empty: GetDeployment fails with this code
  long http_status = 400;
  DeploymentInfo deployment;
  std::vector<DeploymentTarget> targets;
};

class ScriptedSource : public DeploymentSource {
 public:
  explicit ScriptedSource(std::vector<Step> steps) : steps_(std::move(steps)) {}
  AwsResult<DeploymentInfo> deployment() override {
    current_ = std::min(polls_++, steps_.size() - 1);
    const Step& step = steps_[current_];
    if (!step.failure_code.empty()) {
      AwsFailure failure;
      failure.kind = aws::FailureKind::kService;
      failure.http_status = step.http_status;
      failure.code = step.failure_code;
      return AwsResult<DeploymentInfo>::fail(failure);
    }
    return AwsResult<DeploymentInfo>::success(step.deployment);
  }
  AwsResult<std::vector<std::string>> target_ids() override {
    std::vector<std::string> ids;
    for (const DeploymentTarget& target : steps_[current_].targets) ids.push_back(target.target_id);
    return AwsResult<std::vector<std::string>>::success(ids);
  }
  AwsResult<std::vector<DeploymentTarget>> targets(const std::vector<std::string>&) override {
    return AwsResult<std::vector<DeploymentTarget>>::success(steps_[current_].targets);
  }
  std::size_t polls() const { return polls_; }

 private:
  std::vector<Step> steps_;
  std::size_t polls_ = 0;
  std::size_t current_ = 0;
};

class RecordingClock : public WatchClock {
 public:
  double now_seconds() override { return now_; }
  void sleep_seconds(double seconds) override {
    sleeps.push_back(seconds);
    now_ += seconds;
  }
  std::vector<double> sleeps;

 private:
  double now_ = 1000;
};

class RecordingObserver : public WatchObserver {
 public:
  void on_event(const WatchEvent& event) override {
    switch (event.kind) {
      case WatchEventKind::kDeploymentChanged: seen.push_back("deployment " + event.deployment.status); break;
      case WatchEventKind::kLifecycleEventFinished:
        seen.push_back("event " + event.target.target_id + " " + event.event.name + " " + event.event.status);
        break;
      case WatchEventKind::kTargetFinished:
        seen.push_back("target " + event.target.target_id + " " + event.target.status);
        break;
      case WatchEventKind::kRollbackStarted:
        seen.push_back("rollback " + event.deployment.rollback_deployment_id);
        break;
      case WatchEventKind::kBackingOff:
        seen.push_back("backoff " + event.failure_code + " " + std::to_string(static_cast<int>(event.delay_seconds)));
        break;
      case WatchEventKind::kTimedOut: seen.push_back("timed out"); break;
    }
  }
  std::vector<std::string> seen;
};

Step deployment_step(const std::string& status, std::vector<DeploymentTarget> targets = {}) {
  Step step;
  step.deployment.deployment_id = "d-TEST00001";
  step.deployment.status = status;
  step.targets = std::move(targets);
  return step;
}

Step throttled() {
  Step step;
  step.failure_code = "ThrottlingException";
  return step;
}

DeploymentTarget instance(const std::string& status, std::vector<std::pair<std::string, std::string>> events) {
  DeploymentTarget target;
  target.type = "InstanceTarget";
  target.target_id = "i-0abc";
  target.status = status;
  for (const auto& [name, event_status] : events) {
    aws::LifecycleEvent event;
    event.name = name;
    event.status = event_status;
    target.lifecycle_events.push_back(event);
  }
  return target;
}

WatchOptions every_five_seconds() {
  WatchOptions options;
  options.interval_seconds = 5;
  options.max_backoff_seconds = 15;
  return options;
}

TEST(WatchEngine, ReportsEachEventOnceInTheOrderTheyFinish) {
  ScriptedSource source({
      deployment_step("InProgress", {instance("InProgress", {{"ApplicationStop", "Succeeded"},
                                                             {"DownloadBundle", "InProgress"}})}),
      deployment_step("InProgress", {instance("InProgress", {{"ApplicationStop", "Succeeded"},
                                                             {"DownloadBundle", "Succeeded"}})}),
      deployment_step("Succeeded", {instance("Succeeded", {{"ApplicationStop", "Succeeded"},
                                                           {"DownloadBundle", "Succeeded"}})}),
  });
  RecordingClock clock;
  RecordingObserver observer;
  const WatchResult result = run_watch(source, clock, observer, every_five_seconds());
  EXPECT_EQ(result.end, WatchEnd::kSucceeded);
  EXPECT_EQ(watch_exit_status(result.end), 0);
  EXPECT_EQ(observer.seen, (std::vector<std::string>{"deployment InProgress", "event i-0abc ApplicationStop Succeeded",
                                                     "event i-0abc DownloadBundle Succeeded",
                                                     "target i-0abc Succeeded", "deployment Succeeded"}));
  EXPECT_EQ(clock.sleeps, (std::vector<double>{5, 5}));
}

TEST(WatchEngine, ThrottlingDoublesTheDelayUpToTheCapThenPollsResumeAtTheInterval) {
  ScriptedSource source({throttled(), throttled(), throttled(), deployment_step("InProgress"),
                         deployment_step("Succeeded")});
  RecordingClock clock;
  RecordingObserver observer;
  const WatchResult result = run_watch(source, clock, observer, every_five_seconds());
  EXPECT_EQ(result.end, WatchEnd::kSucceeded);
  EXPECT_EQ(clock.sleeps, (std::vector<double>{10, 15, 15, 5}));
  EXPECT_EQ(observer.seen, (std::vector<std::string>{"backoff ThrottlingException 10", "backoff ThrottlingException 15",
                                                     "backoff ThrottlingException 15", "deployment InProgress",
                                                     "deployment Succeeded"}));
}

TEST(WatchEngine, ServerErrorsAreRetriedLikeThrottling) {
  Step unavailable;
  unavailable.failure_code = "InternalFailure";
  unavailable.http_status = 503;
  ScriptedSource source({unavailable, deployment_step("Succeeded")});
  RecordingClock clock;
  RecordingObserver observer;
  EXPECT_EQ(run_watch(source, clock, observer, every_five_seconds()).end, WatchEnd::kSucceeded);
  EXPECT_EQ(clock.sleeps, (std::vector<double>{10}));
}

TEST(WatchEngine, TimeoutEndsWithStatusFourAfterAPollAtTheDeadline) {
  ScriptedSource source({deployment_step("InProgress")});
  RecordingClock clock;
  RecordingObserver observer;
  WatchOptions options = every_five_seconds();
  options.timeout_seconds = 12;
  const WatchResult result = run_watch(source, clock, observer, options);
  EXPECT_EQ(result.end, WatchEnd::kTimedOut);
  EXPECT_EQ(watch_exit_status(result.end), 4);
  EXPECT_EQ(clock.sleeps, (std::vector<double>{5, 5, 2}));
  EXPECT_EQ(source.polls(), 4u);
  EXPECT_EQ(observer.seen, (std::vector<std::string>{"deployment InProgress", "timed out"}));
}

TEST(WatchEngine, StoppedDeploymentExitsThree) {
  ScriptedSource source({deployment_step("Stopped")});
  RecordingClock clock;
  RecordingObserver observer;
  const WatchResult result = run_watch(source, clock, observer, every_five_seconds());
  EXPECT_EQ(result.end, WatchEnd::kStopped);
  EXPECT_EQ(watch_exit_status(result.end), 3);
  EXPECT_TRUE(clock.sleeps.empty());
}

TEST(WatchEngine, FailedDeploymentReportsTheFailedEventThenItsRollback) {
  Step failed = deployment_step(
      "Failed", {instance("Failed", {{"BeforeInstall", "Succeeded"}, {"ApplicationStart", "Failed"},
                                     {"ValidateService", "Skipped"}})});
  failed.deployment.rollback_deployment_id = "d-ROLLBACK1";
  ScriptedSource source({deployment_step("InProgress"), failed});
  RecordingClock clock;
  RecordingObserver observer;
  const WatchResult result = run_watch(source, clock, observer, every_five_seconds());
  EXPECT_EQ(result.end, WatchEnd::kFailed);
  EXPECT_EQ(watch_exit_status(result.end), 1);
  EXPECT_EQ(result.deployment.rollback_deployment_id, "d-ROLLBACK1");
  EXPECT_EQ(observer.seen,
            (std::vector<std::string>{"deployment InProgress", "event i-0abc BeforeInstall Succeeded",
                                      "event i-0abc ApplicationStart Failed", "event i-0abc ValidateService Skipped",
                                      "target i-0abc Failed", "deployment Failed", "rollback d-ROLLBACK1"}));
}

TEST(WatchEngine, AMissingDeploymentCannotBeWatched) {
  Step missing;
  missing.failure_code = "DeploymentDoesNotExistException";
  ScriptedSource source({missing});
  RecordingClock clock;
  RecordingObserver observer;
  const WatchResult result = run_watch(source, clock, observer, every_five_seconds());
  EXPECT_EQ(result.end, WatchEnd::kCannotWatch);
  EXPECT_EQ(watch_exit_status(result.end), 2);
  EXPECT_EQ(result.failed_operation, "GetDeployment");
  EXPECT_EQ(result.failure.code, "DeploymentDoesNotExistException");
  EXPECT_TRUE(clock.sleeps.empty());
  EXPECT_TRUE(observer.seen.empty());
}

TEST(WatchDuration, ReadsSecondsMinutesHoursAndTheirSums) {
  EXPECT_EQ(parse_watch_duration("90"), 90.0);
  EXPECT_EQ(parse_watch_duration("90s"), 90.0);
  EXPECT_EQ(parse_watch_duration("15m"), 900.0);
  EXPECT_EQ(parse_watch_duration("1h30m"), 5400.0);
  EXPECT_EQ(parse_watch_duration("0.5s"), 0.5);
  EXPECT_FALSE(parse_watch_duration(""));
  EXPECT_FALSE(parse_watch_duration("-5s"));
  EXPECT_FALSE(parse_watch_duration("5 minutes"));
  EXPECT_FALSE(parse_watch_duration("inf"));
}

TEST(WatchDuration, OptionsFromTheCommandLineCapTheBackoffAtAMinuteOrTheInterval) {
  std::string error;
  std::optional<WatchOptions> options = watch_options_from("", "5s", &error);
  ASSERT_TRUE(options) << error;
  EXPECT_FALSE(options->timeout_seconds);
  EXPECT_EQ(options->interval_seconds, 5.0);
  EXPECT_EQ(options->max_backoff_seconds, 60.0);
  options = watch_options_from("1h", "2m", &error);
  ASSERT_TRUE(options) << error;
  EXPECT_EQ(options->timeout_seconds, 3600.0);
  EXPECT_EQ(options->max_backoff_seconds, 120.0);
  EXPECT_FALSE(watch_options_from("5x", "5s", &error));
  EXPECT_EQ(error, "--timeout 5x is not a duration (like 90s, 15m, 2h, 1h30m)");
  EXPECT_FALSE(watch_options_from("", "0", &error));
  EXPECT_EQ(error, "--interval must be more than 0");
}

}  // namespace
}  // namespace cdrun::watch
