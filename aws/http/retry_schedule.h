// How a download retries a transient failure: a few attempts with a doubling wait between them, behind
// an injectable sleeper so that tests never wait. Shared by the S3 and GitHub bundle downloads.
#pragma once

#include <functional>

#include "aws/http/transport_failure.h"

namespace cdrun::aws::http {

struct RetrySchedule {
  int attempts = 3;             // in all, the first included
  int first_delay_seconds = 1;  // before the second attempt; twice as long before each next one
  std::function<void(int seconds)> sleep;  // empty = really sleep
};

// What one attempt came to: done (a success, or a failure the same next time) or worth another try.
enum class AttemptOutcome { kDone, kTransient };

// No answer, but maybe one next time: the name did not resolve, the connection was refused or broke,
// TLS failed in the handshake, or time ran out. A bad URL, a proxy or CA setting or an untrusted
// certificate would fail the same way again.
bool transport_transient(TransportError error);

// Calls `attempt` with 1, 2, ... until it is done or `schedule.attempts` were made, waiting between.
void run_with_retries(const RetrySchedule& schedule, const std::function<AttemptOutcome(int attempt)>& attempt);

}  // namespace cdrun::aws::http
