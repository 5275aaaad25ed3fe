// Unit tests of when renew acts (with a fake clock: plain numbers) and how the daemon backs off.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/onprem/renewal_schedule.h"

namespace cdrun::aws {
namespace {

using ::testing::HasSubstr;

constexpr std::time_t kIssued = 1'800'000'000;

TEST(OnPremSchedule, LongSessionsRenewAtHalfTheirLifetime) {
  const RenewalPolicy policy;
  EXPECT_EQ(renewal_due_at(kIssued, kIssued + 7200, policy), kIssued + 3600);
  EXPECT_EQ(renewal_due_at(kIssued, kIssued + 43200, policy), kIssued + 21600);
}

TEST(OnPremSchedule, ShortSessionsRenewEarlyEnoughForTheAgentsThirtyMinuteCache) {
  const RenewalPolicy policy;  // cache 1800 + interval 900 + safety 300 = 3000 s before expiry at the latest
  EXPECT_EQ(renewal_due_at(kIssued, kIssued + 3600, policy), kIssued + 600);
  // The bound the comment promises: credentials read just before the renewal (which happens at the
  // latest one interval after it is due) stay valid for the agent's whole cache period.
  for (long long lifetime : {3600LL, 5400LL, 7200LL, 43200LL}) {
    const std::time_t due = renewal_due_at(kIssued, kIssued + lifetime, policy);
    EXPECT_LE(due + policy.interval_seconds + policy.agent_cache_seconds, kIssued + lifetime) << lifetime;
  }
  // Too short to be safe at all: due at once, never before issue.
  EXPECT_EQ(renewal_due_at(kIssued, kIssued + 900, policy), kIssued);
  EXPECT_EQ(shortest_useful_session(policy), 3000);
}

TEST(OnPremSchedule, IntervalAndOverrideMoveTheDuePoint) {
  RenewalPolicy daemon;
  daemon.interval_seconds = 60;
  EXPECT_EQ(renewal_due_at(kIssued, kIssued + 3600, daemon), kIssued + 1440);  // 3600 - (1800 + 60 + 300)
  RenewalPolicy testing;
  testing.renew_after_seconds = 5;
  EXPECT_EQ(renewal_due_at(kIssued, kIssued + 3600, testing), kIssued + 5);
}

TEST(OnPremSchedule, DecidesFromTheClockTheFileAndForce) {
  const RenewalPolicy policy;
  const std::time_t expiration = kIssued + 7200;
  RenewalDecision d = decide_renewal(kIssued + 3599, kIssued, expiration, policy, false, true);
  EXPECT_FALSE(d.due);
  EXPECT_EQ(d.due_at, kIssued + 3600);
  EXPECT_THAT(d.reason, HasSubstr("in 1s"));
  d = decide_renewal(kIssued + 3600, kIssued, expiration, policy, false, true);
  EXPECT_TRUE(d.due);
  EXPECT_THAT(d.reason, HasSubstr("due since"));
  d = decide_renewal(kIssued + 10, kIssued, expiration, policy, true, true);
  EXPECT_TRUE(d.due);
  EXPECT_EQ(d.reason, "forced");
  d = decide_renewal(kIssued + 10, kIssued, expiration, policy, false, false);
  EXPECT_TRUE(d.due);
  EXPECT_THAT(d.reason, HasSubstr("missing"));
  d = decide_renewal(expiration + 1, kIssued, expiration, policy, false, true);
  EXPECT_TRUE(d.due);
  EXPECT_THAT(d.reason, HasSubstr("expired"));
  // A clock set back before the issue time: not due, and no negative wait in the text.
  d = decide_renewal(kIssued - 100, kIssued, expiration, policy, false, true);
  EXPECT_FALSE(d.due);
}

TEST(OnPremSchedule, BackoffDoublesUpToTheCap) {
  EXPECT_EQ(backoff_seconds(1, 30, 900), 30);
  EXPECT_EQ(backoff_seconds(2, 30, 900), 60);
  EXPECT_EQ(backoff_seconds(3, 30, 900), 120);
  EXPECT_EQ(backoff_seconds(5, 30, 900), 480);
  EXPECT_EQ(backoff_seconds(6, 30, 900), 900);
  EXPECT_EQ(backoff_seconds(1000, 30, 900), 900);  // no overflow after many failures
  EXPECT_EQ(backoff_seconds(1, 0, 900), 1);         // never a busy loop
}

}  // namespace
}  // namespace cdrun::aws
