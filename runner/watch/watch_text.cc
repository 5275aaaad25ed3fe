#include "runner/watch/watch_text.h"

#include <cmath>
#include <sstream>

#include "aws/core/utc_time.h"

namespace cdrun::watch {
namespace {

std::string overview_text(const aws::DeploymentOverview& counts) {
  std::ostringstream text;
  text << "succeeded " << counts.succeeded << ", failed " << counts.failed << ", in progress " << counts.in_progress
       << ", pending " << counts.pending << ", skipped " << counts.skipped;
  if (counts.ready > 0) text << ", ready " << counts.ready;
  return text.str();
}

std::string deployment_heading(const aws::DeploymentInfo& deployment) {
  std::string text = "deployment " + deployment.deployment_id;
  if (!deployment.application_name.empty())
    text += " (" + deployment.application_name + " / " + deployment.deployment_group_name + ")";
  return text;
}

// "12s" between two ISO times, "" when either is missing.
std::string event_duration(const aws::LifecycleEvent& event) {
  const auto start = aws::parse_utc_timestamp(event.start_time);
  const auto end = aws::parse_utc_timestamp(event.end_time);
  if (!start || !end) return "";
  return " (" + aws::format_duration(static_cast<long long>(*end - *start)) + ")";
}

void write_indented(std::ostream& out, const std::string& text, const std::string& indent) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) out << indent << line << "\n";
}

void write_failed_event(std::ostream& out, const WatchEvent& event) {
  const aws::LifecycleDiagnostics& diagnostics = event.event.diagnostics;
  out << "  " << event.target.target_id << " " << event.event.name << " Failed" << event_duration(event.event) << "\n";
  if (!diagnostics.error_code.empty()) out << "    error code: " << diagnostics.error_code << "\n";
  if (!diagnostics.script_name.empty()) out << "    script: " << diagnostics.script_name << "\n";
  if (!diagnostics.message.empty()) out << "    message: " << diagnostics.message << "\n";
  if (!diagnostics.log_tail.empty()) {
    out << "    log tail:\n";
    write_indented(out, diagnostics.log_tail, "      ");
  }
}

}  // namespace

void TextObserver::on_event(const WatchEvent& event) {
  switch (event.kind) {
    case WatchEventKind::kDeploymentChanged:
      out_ << deployment_heading(event.deployment) << ": " << event.deployment.status << " ("
           << overview_text(event.deployment.overview) << ")\n";
      break;
    case WatchEventKind::kLifecycleEventFinished:
      if (event.event.status == "Failed") {
        write_failed_event(out_, event);
      } else {
        out_ << "  " << event.target.target_id << " " << event.event.name << " " << event.event.status
             << event_duration(event.event) << "\n";
      }
      break;
    case WatchEventKind::kTargetFinished:
      out_ << "target " << event.target.target_id << ": " << event.target.status << "\n";
      break;
    case WatchEventKind::kRollbackStarted:
      out_ << "rollback deployment " << event.deployment.rollback_deployment_id << " started";
      if (!event.deployment.rollback_message.empty()) out_ << ": " << event.deployment.rollback_message;
      out_ << "\n";
      break;
    case WatchEventKind::kBackingOff:
      out_ << "throttled (" << event.failure_code << "); next poll in "
           << aws::format_duration(static_cast<long long>(std::ceil(event.delay_seconds))) << "\n";
      break;
    case WatchEventKind::kTimedOut:
      out_ << "timed out after " << aws::format_duration(static_cast<long long>(event.elapsed_seconds))
           << "; the deployment is still " << (event.deployment.status.empty() ? "unknown" : event.deployment.status)
           << "\n";
      break;
  }
  out_.flush();
}

void write_text_summary(std::ostream& out, const WatchResult& result) {
  const aws::DeploymentInfo& deployment = result.deployment;
  out << "result: " << watch_end_name(result.end);
  if (!deployment.error_code.empty() || !deployment.error_message.empty())
    out << " [" << deployment.error_code << "] " << deployment.error_message;
  if (!deployment.rollback_deployment_id.empty()) out << " (rollback " << deployment.rollback_deployment_id << ")";
  out << "\n";
}

}  // namespace cdrun::watch
