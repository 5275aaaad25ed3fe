#include <nlohmann/json.hpp>

#include "runner/watch/watch_documents.h"

namespace cdrun::watch {
namespace {

nlohmann::json event_json(const aws::LifecycleEvent& event) {
  nlohmann::json json{{"name", event.name}, {"status", event.status}, {"startTime", event.start_time},
                      {"endTime", event.end_time}};
  const aws::LifecycleDiagnostics& diagnostics = event.diagnostics;
  if (!diagnostics.error_code.empty() || !diagnostics.script_name.empty() || !diagnostics.message.empty() ||
      !diagnostics.log_tail.empty()) {
    json["diagnostics"] = {{"errorCode", diagnostics.error_code},
                           {"scriptName", diagnostics.script_name},
                           {"message", diagnostics.message},
                           {"logTail", diagnostics.log_tail}};
  }
  return json;
}

}  // namespace

void write_watch_json(std::ostream& out, const WatchResult& result) {
  const aws::DeploymentInfo& deployment = result.deployment;
  const aws::DeploymentOverview& counts = deployment.overview;
  nlohmann::json targets = nlohmann::json::array();
  for (const aws::DeploymentTarget& target : result.targets) {
    nlohmann::json events = nlohmann::json::array();
    for (const aws::LifecycleEvent& event : target.lifecycle_events) events.push_back(event_json(event));
    targets.push_back({{"targetId", target.target_id},
                       {"type", target.type},
                       {"status", target.status},
                       {"lifecycleEvents", events}});
  }
  nlohmann::json document{
      {"deploymentId", deployment.deployment_id},
      {"applicationName", deployment.application_name},
      {"deploymentGroupName", deployment.deployment_group_name},
      {"computePlatform", deployment.compute_platform},
      {"status", deployment.status},
      {"result", watch_end_name(result.end)},
      {"exitStatus", watch_exit_status(result.end)},
      {"overview",
       {{"Pending", counts.pending},
        {"InProgress", counts.in_progress},
        {"Succeeded", counts.succeeded},
        {"Failed", counts.failed},
        {"Skipped", counts.skipped},
        {"Ready", counts.ready}}},
      {"errorInformation", {{"code", deployment.error_code}, {"message", deployment.error_message}}},
      {"rollbackDeploymentId", deployment.rollback_deployment_id},
      {"createTime", deployment.create_time},
      {"completeTime", deployment.complete_time},
      {"elapsedSeconds", result.elapsed_seconds},
      {"targets", targets}};
  out << document.dump(2) << "\n";
}

}  // namespace cdrun::watch
