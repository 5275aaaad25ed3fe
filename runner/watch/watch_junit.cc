#include <sstream>

#include "aws/core/utc_time.h"
#include "runner/report/report.h"
#include "runner/watch/watch_documents.h"

namespace cdrun::watch {
namespace {

std::string attr(const std::string& text) { return report_detail::xml_escape(text, true); }
std::string body(const std::string& text) { return report_detail::xml_escape(text, false); }

long event_seconds(const aws::LifecycleEvent& event) {
  const auto start = aws::parse_utc_timestamp(event.start_time);
  const auto end = aws::parse_utc_timestamp(event.end_time);
  return start && end && *end >= *start ? static_cast<long>(*end - *start) : 0;
}

// The failure's text: what the text format prints for a failed event.
std::string failure_text(const aws::LifecycleDiagnostics& diagnostics) {
  std::ostringstream text;
  text << "error code: " << diagnostics.error_code << "\n"
       << "script: " << diagnostics.script_name << "\n"
       << "message: " << diagnostics.message << "\n";
  if (!diagnostics.log_tail.empty()) text << "log tail:\n" << diagnostics.log_tail << "\n";
  return text.str();
}

void write_testcase(std::ostream& out, const aws::DeploymentTarget& target, const aws::LifecycleEvent& event) {
  out << "    <testcase classname=\"" << attr(target.target_id) << "\" name=\"" << attr(event.name) << "\" time=\""
      << event_seconds(event) << "\"";
  if (event.status == "Succeeded") {
    out << "/>\n";
    return;
  }
  out << ">\n";
  if (event.status == "Failed") {
    const aws::LifecycleDiagnostics& diagnostics = event.diagnostics;
    std::string message = diagnostics.error_code;
    if (!diagnostics.message.empty()) message += (message.empty() ? "" : ": ") + diagnostics.message;
    out << "      <failure type=\"" << attr(diagnostics.error_code) << "\" message=\"" << attr(message) << "\">"
        << body(failure_text(diagnostics)) << "</failure>\n";
  } else {
    out << "      <skipped message=\"" << attr(event.status.empty() ? "no status" : event.status) << "\"/>\n";
  }
  out << "    </testcase>\n";
}

}  // namespace

void write_watch_junit(std::ostream& out, const WatchResult& result) {
  int tests = 0;
  int failures = 0;
  int skipped = 0;
  for (const aws::DeploymentTarget& target : result.targets) {
    for (const aws::LifecycleEvent& event : target.lifecycle_events) {
      ++tests;
      if (event.status == "Failed") {
        ++failures;
      } else if (event.status != "Succeeded") {
        ++skipped;
      }
    }
  }
  const aws::DeploymentInfo& deployment = result.deployment;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites>\n"
      << "  <testsuite name=\"cdrun watch " << attr(deployment.deployment_id) << "\" tests=\"" << tests
      << "\" failures=\"" << failures << "\" errors=\"0\" skipped=\"" << skipped << "\" time=\""
      << static_cast<long>(result.elapsed_seconds) << "\">\n"
      << "    <properties>\n"
      << "      <property name=\"status\" value=\"" << attr(deployment.status) << "\"/>\n"
      << "      <property name=\"result\" value=\"" << watch_end_name(result.end) << "\"/>\n";
  if (!deployment.rollback_deployment_id.empty())
    out << "      <property name=\"rollbackDeploymentId\" value=\"" << attr(deployment.rollback_deployment_id)
        << "\"/>\n";
  out << "    </properties>\n";
  for (const aws::DeploymentTarget& target : result.targets) {
    for (const aws::LifecycleEvent& event : target.lifecycle_events) write_testcase(out, target, event);
  }
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace cdrun::watch
