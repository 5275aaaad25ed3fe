#include "runner/watch/watch_engine.h"

#include <algorithm>
#include <map>
#include <set>

namespace cdrun::watch {
namespace {

// One poll's answers, or the failure that cut it short.
struct Poll {
  aws::DeploymentInfo deployment;
  std::vector<aws::DeploymentTarget> targets;
  bool ok = false;
  aws::AwsFailure failure;
  std::string operation;
};

Poll poll_once(DeploymentSource& source) {
  Poll poll;
  aws::AwsResult<aws::DeploymentInfo> deployment = source.deployment();
  if (!deployment.ok()) {
    poll.failure = deployment.failure;
    poll.operation = "GetDeployment";
    return poll;
  }
  poll.deployment = *deployment.value;
  aws::AwsResult<std::vector<std::string>> ids = source.target_ids();
  if (!ids.ok()) {
    poll.failure = ids.failure;
    poll.operation = "ListDeploymentTargets";
    return poll;
  }
  if (!ids.value->empty()) {
    aws::AwsResult<std::vector<aws::DeploymentTarget>> targets = source.targets(*ids.value);
    if (!targets.ok()) {
      poll.failure = targets.failure;
      poll.operation = "BatchGetDeploymentTargets";
      return poll;
    }
    poll.targets = std::move(*targets.value);
  }
  poll.ok = true;
  return poll;
}

std::string failure_label(const aws::AwsFailure& failure) {
  if (!failure.code.empty()) return failure.code;
  if (failure.kind == aws::FailureKind::kNetwork) return "network";
  return "HTTP " + std::to_string(failure.http_status);
}

// What the engine has already reported, so each change is reported once.
class Reporter {
 public:
  Reporter(WatchObserver& observer, double start) : observer_(observer), start_(start) {}

  void report_poll(const Poll& poll, double now) {
    const bool ended = aws::deployment_ended(poll.deployment.status);
    if (!ended) report_deployment(poll.deployment, now);
    for (const aws::DeploymentTarget& target : poll.targets) report_target(poll.deployment, target, now);
    if (ended) report_deployment(poll.deployment, now);
    if (!poll.deployment.rollback_deployment_id.empty() && !rollback_reported_) {
      rollback_reported_ = true;
      emit(WatchEventKind::kRollbackStarted, poll.deployment, now);
    }
  }

  void emit(WatchEventKind kind, const aws::DeploymentInfo& deployment, double now) {
    WatchEvent event;
    event.kind = kind;
    event.deployment = deployment;
    event.elapsed_seconds = now - start_;
    observer_.on_event(event);
  }

  void backing_off(const aws::DeploymentInfo& deployment, const aws::AwsFailure& failure, double delay,
                   double now) {
    WatchEvent event;
    event.kind = WatchEventKind::kBackingOff;
    event.deployment = deployment;
    event.failure_code = failure_label(failure);
    event.delay_seconds = delay;
    event.elapsed_seconds = now - start_;
    observer_.on_event(event);
  }

 private:
  void report_deployment(const aws::DeploymentInfo& deployment, double now) {
    if (seen_deployment_ && deployment.status == last_status_ && deployment.overview == last_overview_) return;
    seen_deployment_ = true;
    last_status_ = deployment.status;
    last_overview_ = deployment.overview;
    emit(WatchEventKind::kDeploymentChanged, deployment, now);
  }

  void report_target(const aws::DeploymentInfo& deployment, const aws::DeploymentTarget& target, double now) {
    std::set<std::string>& done = finished_events_[target.target_id];
    for (const aws::LifecycleEvent& lifecycle : target.lifecycle_events) {
      if (!aws::lifecycle_status_final(lifecycle.status) || !done.insert(lifecycle.name).second) continue;
      WatchEvent event;
      event.kind = WatchEventKind::kLifecycleEventFinished;
      event.deployment = deployment;
      event.target = target;
      event.event = lifecycle;
      event.elapsed_seconds = now - start_;
      observer_.on_event(event);
    }
    if (aws::lifecycle_status_final(target.status) && finished_targets_.insert(target.target_id).second) {
      WatchEvent event;
      event.kind = WatchEventKind::kTargetFinished;
      event.deployment = deployment;
      event.target = target;
      event.elapsed_seconds = now - start_;
      observer_.on_event(event);
    }
  }

  WatchObserver& observer_;
  double start_;
  bool seen_deployment_ = false;
  std::string last_status_;
  aws::DeploymentOverview last_overview_;
  bool rollback_reported_ = false;
  std::map<std::string, std::set<std::string>> finished_events_;
  std::set<std::string> finished_targets_;
};

WatchEnd end_of(const std::string& status) {
  if (status == "Succeeded") return WatchEnd::kSucceeded;
  if (status == "Stopped") return WatchEnd::kStopped;
  return WatchEnd::kFailed;
}

}  // namespace

int watch_exit_status(WatchEnd end) {
  switch (end) {
    case WatchEnd::kSucceeded: return 0;
    case WatchEnd::kFailed: return 1;
    case WatchEnd::kCannotWatch: return 2;
    case WatchEnd::kStopped: return 3;
    case WatchEnd::kTimedOut: return 4;
  }
  return 2;
}

const char* watch_end_name(WatchEnd end) {
  switch (end) {
    case WatchEnd::kSucceeded: return "Succeeded";
    case WatchEnd::kFailed: return "Failed";
    case WatchEnd::kStopped: return "Stopped";
    case WatchEnd::kTimedOut: return "TimedOut";
    case WatchEnd::kCannotWatch: return "CannotWatch";
  }
  return "CannotWatch";
}

bool worth_retrying(const aws::AwsFailure& failure) {
  if (failure.kind == aws::FailureKind::kNetwork) return true;
  if (failure.http_status == 429 || failure.http_status >= 500) return true;
  return failure.code == "ThrottlingException" || aws::is_transient(failure);
}

WatchResult run_watch(DeploymentSource& source, WatchClock& clock, WatchObserver& observer,
                      const WatchOptions& options) {
  WatchResult result;
  const double start = clock.now_seconds();
  Reporter reporter(observer, start);
  double delay = options.interval_seconds;
  for (;;) {
    Poll poll = poll_once(source);
    double now = clock.now_seconds();
    result.elapsed_seconds = now - start;
    if (poll.ok) {
      result.deployment = poll.deployment;
      result.targets = poll.targets;
      reporter.report_poll(poll, now);
      delay = options.interval_seconds;
      if (aws::deployment_ended(poll.deployment.status)) {
        result.end = end_of(poll.deployment.status);
        return result;
      }
    } else if (worth_retrying(poll.failure)) {
      delay = std::min(std::max(delay * 2, options.interval_seconds), options.max_backoff_seconds);
      reporter.backing_off(result.deployment, poll.failure, delay, now);
    } else {
      result.end = WatchEnd::kCannotWatch;
      result.failure = poll.failure;
      result.failed_operation = poll.operation;
      return result;
    }
    if (options.timeout_seconds) {
      const double remaining = *options.timeout_seconds - (now - start);
      if (remaining <= 0) {
        result.end = WatchEnd::kTimedOut;
        reporter.emit(WatchEventKind::kTimedOut, result.deployment, now);
        return result;
      }
      clock.sleep_seconds(std::min(delay, remaining));
    } else {
      clock.sleep_seconds(delay);
    }
  }
}

}  // namespace cdrun::watch
