// One whole watch of a deployment as `cdrun watch` and `cdrun push --wait` run it: CodeDeploy as the
// source, the system clock, text lines as events finish (or one json/junit document at the end),
// and the one-sentence reason when the deployment cannot be watched.
#pragma once

#include <ostream>
#include <string>

#include "aws/core/sigv4_client.h"
#include "runner/watch/watch_engine.h"

namespace cdrun::watch {

struct WatchSession {
  std::string deployment_id;
  aws::ServiceTarget codedeploy;
  aws::SigV4Credentials credentials;
  std::string credentials_source;  // where the keys came from, named in a refusal ("environment", ...)
  WatchOptions options;
  std::string format = "text";  // text, json or junit
};

// Follows the deployment. The report goes to `out`; "cannot watch" goes to `err` as
// "<who>: cannot watch ID: <why>". Returns the result; watch_exit_status(result.end) is the exit.
WatchResult watch_deployment(const WatchSession& session, const std::string& who, std::ostream& out,
                             std::ostream& err);

// The report of a finished watch in `format` ("text" writes only the last summary line: the event
// lines were written as they happened).
void write_watch_report(std::ostream& out, const WatchResult& result, const std::string& format);

}  // namespace cdrun::watch
