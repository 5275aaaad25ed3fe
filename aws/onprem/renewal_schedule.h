// When session credentials must be replaced, and how long to wait after a failed attempt. Pure
// arithmetic on times handed in, so it can be tested with any clock.
//
// Why not simply "before they expire": the agent reads the credentials file lazily and then trusts
// what it read for 30 minutes without looking again. Credentials read just before a renewal must
// therefore still be valid 30 minutes later. With renew running every `interval` seconds, a renewal
// that becomes due at T happens by T + interval, so T must be at least
//   agent cache (1800 s) + interval + safety margin
// before expiry. Within that bound cdrun renews at half the lifetime, which leaves half a session of
// room for failed attempts: for a 2-hour session, every hour; for the default 1-hour session and a
// 15-minute timer, 50 minutes before expiry (10 minutes after issue).
#pragma once

#include <ctime>
#include <optional>
#include <string>

namespace cdrun::aws {

struct RenewalPolicy {
  long long agent_cache_seconds = 1800;  // the agent's FileCredentials trusts a read for this long
  long long interval_seconds = 900;      // how often renew runs (the timer/cron period)
  long long safety_seconds = 300;
  std::optional<long long> renew_after_seconds;  // override: due once the credentials are this old
};

// The latest moment a renewal can start and still keep the agent safe (never before `issued_at`).
std::time_t renewal_due_at(std::time_t issued_at, std::time_t expiration, const RenewalPolicy& policy);

// Shortest session (seconds) that leaves any room at all under `policy`; shorter ones are due at once.
long long shortest_useful_session(const RenewalPolicy& policy);

struct RenewalDecision {
  bool due = false;
  std::time_t due_at = 0;
  std::string reason;  // "forced", "the credentials file is missing", "due since ...", "due at ..."
};

RenewalDecision decide_renewal(std::time_t now, std::time_t issued_at, std::time_t expiration,
                               const RenewalPolicy& policy, bool force, bool credentials_file_present);

// Seconds to wait after `consecutive_failures` (≥ 1) failed attempts: base, 2·base, 4·base, ... up to cap.
long long backoff_seconds(int consecutive_failures, long long base_seconds, long long cap_seconds);

}  // namespace cdrun::aws
