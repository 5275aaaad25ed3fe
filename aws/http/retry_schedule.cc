#include "aws/http/retry_schedule.h"

#include <chrono>
#include <thread>

namespace cdrun::aws::http {

bool transport_transient(TransportError error) {
  switch (error) {
    case TransportError::kResolve:
    case TransportError::kConnect:
    case TransportError::kTimeout:
    case TransportError::kIo:
    case TransportError::kTlsHandshake:
      return true;
    default:
      return false;
  }
}

void run_with_retries(const RetrySchedule& schedule, const std::function<AttemptOutcome(int attempt)>& attempt) {
  int delay = schedule.first_delay_seconds;
  for (int tried = 1;; ++tried) {
    if (attempt(tried) == AttemptOutcome::kDone || tried >= schedule.attempts) return;
    if (schedule.sleep) {
      schedule.sleep(delay);
    } else {
      std::this_thread::sleep_for(std::chrono::seconds(delay));
    }
    delay *= 2;
  }
}

}  // namespace cdrun::aws::http
