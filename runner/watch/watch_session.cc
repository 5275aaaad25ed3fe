#include "runner/watch/watch_session.h"

#include "aws/core/aws_errors.h"
#include "runner/watch/codedeploy_source.h"
#include "runner/watch/watch_documents.h"
#include "runner/watch/watch_text.h"

namespace cdrun::watch {
namespace {

// The json and junit formats write one document at the end; events go nowhere meanwhile.
class SilentObserver : public WatchObserver {
 public:
  void on_event(const WatchEvent&) override {}
};

}  // namespace

WatchResult watch_deployment(const WatchSession& session, const std::string& who, std::ostream& out,
                             std::ostream& err) {
  CodeDeploySource source(session.codedeploy, session.credentials, session.deployment_id);
  SystemClock clock;
  TextObserver text(out);
  SilentObserver silent;
  WatchObserver& observer = session.format == "text" ? static_cast<WatchObserver&>(text) : silent;
  const WatchResult result = run_watch(source, clock, observer, session.options);
  if (result.end == WatchEnd::kCannotWatch) {
    aws::FailureContext context{
        "codedeploy:" + result.failed_operation + " on deployment " + session.deployment_id,
        session.codedeploy.endpoint,
        "access key " + aws::mask_access_key(session.credentials.access_key_id) + " (" + session.credentials_source +
            ")"};
    err << who << ": cannot watch " << session.deployment_id << ": " << aws::explain_failure(result.failure, context)
        << "\n";
  }
  return result;
}

void write_watch_report(std::ostream& out, const WatchResult& result, const std::string& format) {
  if (format == "json") {
    write_watch_json(out, result);
  } else if (format == "junit") {
    write_watch_junit(out, result);
  } else {
    write_text_summary(out, result);
  }
}

}  // namespace cdrun::watch
