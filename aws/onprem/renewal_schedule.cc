#include "aws/onprem/renewal_schedule.h"

#include <algorithm>

#include "aws/core/utc_time.h"

namespace cdrun::aws {

std::time_t renewal_due_at(std::time_t issued_at, std::time_t expiration, const RenewalPolicy& policy) {
  if (policy.renew_after_seconds) return issued_at + static_cast<std::time_t>(*policy.renew_after_seconds);
  const long long lifetime = static_cast<long long>(expiration) - static_cast<long long>(issued_at);
  const long long half = lifetime / 2;
  const long long latest = lifetime - (policy.agent_cache_seconds + policy.interval_seconds + policy.safety_seconds);
  return issued_at + static_cast<std::time_t>(std::max(0LL, std::min(half, latest)));
}

long long shortest_useful_session(const RenewalPolicy& policy) {
  return policy.agent_cache_seconds + policy.interval_seconds + policy.safety_seconds;
}

RenewalDecision decide_renewal(std::time_t now, std::time_t issued_at, std::time_t expiration,
                               const RenewalPolicy& policy, bool force, bool credentials_file_present) {
  RenewalDecision decision;
  decision.due_at = renewal_due_at(issued_at, expiration, policy);
  if (force) {
    decision.due = true;
    decision.reason = "forced";
  } else if (!credentials_file_present) {
    decision.due = true;
    decision.reason = "the credentials file is missing";
  } else if (now >= expiration) {
    decision.due = true;
    decision.reason = "the credentials expired at " + format_utc_timestamp(expiration);
  } else if (now >= decision.due_at) {
    decision.due = true;
    decision.reason = "due since " + format_utc_timestamp(decision.due_at);
  } else {
    decision.reason = "due at " + format_utc_timestamp(decision.due_at) + " (in " +
                      format_duration(static_cast<long long>(decision.due_at - now)) + ")";
  }
  return decision;
}

long long backoff_seconds(int consecutive_failures, long long base_seconds, long long cap_seconds) {
  long long delay = std::max(1LL, base_seconds);
  for (int i = 1; i < consecutive_failures && delay < cap_seconds; ++i) delay *= 2;
  return std::min(delay, cap_seconds);
}

}  // namespace cdrun::aws
