// The shared supervision loop (ChildWatch) against a scripted system: a clock that moves only when
// the loop waits, a child that exits at a chosen time, and processes that die on chosen signals.
// The expected times and signal orders come from the loop's contract in child_watch.h (ticks,
// scan interval, SIGTERM + SIGCONT, grace, SIGKILL every 20 ms for at most 450 ms).
#include <gtest/gtest.h>
#include <signal.h>

#include <map>
#include <ostream>
#include <set>
#include <vector>

#include "runner/process/child_watch.h"

namespace cdrun {
namespace {

using std::chrono::milliseconds;

constexpr pid_t kChild = 100;

struct FakeProcess {
  pid_t pgid = kChild;
  std::set<int> fatal;  // signals that end it at once
  bool family = true;   // found by scan_family(); else only through living()
};

struct Wait {
  long long at_ms;
  long long timeout_ms;
  int wake_fd;
};

struct Sent {
  long long at_ms;
  pid_t target;
  int signal;
  bool operator==(const Sent& o) const { return at_ms == o.at_ms && target == o.target && signal == o.signal; }
};

std::ostream& operator<<(std::ostream& out, const Sent& s) {
  return out << "{" << s.at_ms << " ms, kill(" << s.target << ", " << s.signal << ")}";
}

class ScriptedOs : public ChildOs {
 public:
  WatchClock::time_point now() override { return start_ + milliseconds(now_ms); }
  void wait(milliseconds timeout, int wake_fd) override {
    waits.push_back({now_ms, timeout.count(), wake_fd});
    now_ms += timeout.count();
  }
  bool reap(pid_t pid, int& status) override {
    if (pid != kChild || processes.count(kChild) || now_ms < exit_at_ms) return false;
    status = exit_status;
    return true;
  }
  std::vector<ProcessInfo> scan_family() override {
    scans.push_back(now_ms);
    std::vector<ProcessInfo> found;
    for (const auto& [pid, process] : processes) {
      if (process.family) found.push_back(info(pid, process));
    }
    return found;
  }
  std::optional<ProcessInfo> living(pid_t pid) override {
    const auto it = processes.find(pid);
    if (it == processes.end()) return std::nullopt;
    return info(pid, it->second);
  }
  void send(pid_t target, int signal) override {
    sent.push_back({now_ms, target, signal});
    for (auto it = processes.begin(); it != processes.end();) {
      const bool hit = target == it->first || (target < 0 && it->second.pgid == -target);
      it = hit && it->second.fatal.count(signal) ? processes.erase(it) : std::next(it);
    }
  }
  void reap_later(pid_t pid) override { left_to_reap.push_back(pid); }

  long long now_ms = 0;
  // The child's status can be had once it is gone from `processes` and this time has come.
  long long exit_at_ms = 0;
  int exit_status = 0;
  std::map<pid_t, FakeProcess> processes;
  std::vector<Wait> waits;
  std::vector<long long> scans;
  std::vector<Sent> sent;
  std::vector<pid_t> left_to_reap;

 private:
  static ProcessInfo info(pid_t pid, const FakeProcess& process) {
    ProcessInfo info;
    info.pid = pid;
    info.ppid = 1;
    info.pgid = process.pgid;
    info.state = 'S';
    return info;
  }
  const WatchClock::time_point start_ = WatchClock::now();
};

WatchClock::time_point at(ScriptedOs& os, long long ms) { return os.now() - milliseconds(os.now_ms) + milliseconds(ms); }

TEST(ProcessChildWatch, PollsWithTheWakeDescriptorUntilTheChildIsReapedThenWithoutIt) {
  ScriptedOs os;
  os.exit_at_ms = 1000;  // reaped by the step whose wait ends at 1000
  ChildWatch watch(kChild, os, WatchWake{7, true});
  watch.step(at(os, 10000));
  watch.step(at(os, 10000));
  EXPECT_TRUE(watch.reaped());
  watch.step(at(os, 10000));
  ASSERT_EQ(os.waits.size(), 3u);
  EXPECT_EQ(os.waits[0].wake_fd, 7);
  EXPECT_EQ(os.waits[0].timeout_ms, 500);
  EXPECT_EQ(os.waits[1].wake_fd, 7);
  EXPECT_EQ(os.waits[2].wake_fd, -1);  // a pidfd says nothing more once the child is reaped
  EXPECT_EQ(os.waits[2].timeout_ms, 500);
}

TEST(ProcessChildWatch, WithoutAWakeDescriptorTheExitIsLookedForEveryBlindTick) {
  ScriptedOs os;
  os.exit_at_ms = 120;
  ChildWatch watch(kChild, os, WatchWake{});
  while (!watch.reaped()) watch.step(at(os, 10000));
  watch.step(at(os, 10000));
  std::vector<long long> timeouts;
  for (const Wait& w : os.waits) timeouts.push_back(w.timeout_ms);
  EXPECT_EQ(timeouts, (std::vector<long long>{50, 50, 50, 500}));
}

TEST(ProcessChildWatch, SignalSelfPipeStaysInThePollAfterTheChildIsReaped) {
  ScriptedOs os;
  ChildWatch watch(kChild, os, WatchWake{9, false}, WatchTiming{milliseconds(1000), milliseconds(1000), milliseconds(1000)});
  watch.step(at(os, 10000));
  watch.step(at(os, 10000));
  EXPECT_TRUE(watch.reaped());
  EXPECT_EQ(os.waits[1].wake_fd, 9);
  EXPECT_EQ(os.waits[1].timeout_ms, 1000);
}

TEST(ProcessChildWatch, NoPollOutlastsTheDeadline) {
  ScriptedOs os;
  os.processes[kChild] = FakeProcess{};
  ChildWatch watch(kChild, os, WatchWake{7, true});
  watch.step(at(os, 130));
  watch.step(at(os, 130));
  ASSERT_EQ(os.waits.size(), 2u);
  EXPECT_EQ(os.waits[0].timeout_ms, 130);
  EXPECT_EQ(os.waits[1].timeout_ms, 0);
  EXPECT_EQ(os.now_ms, 130);
}

TEST(ProcessChildWatch, OrphansAreLookedForOncePerScanInterval) {
  ScriptedOs os;
  os.processes[kChild] = FakeProcess{};
  ChildWatch watch(kChild, os, WatchWake{7, true});
  watch.pass_time(milliseconds(3200));  // six 500 ms rounds and one of 200 ms
  EXPECT_EQ(os.scans, (std::vector<long long>{1000, 2000, 3000}));
}

TEST(ProcessChildWatch, ExitStatusIsDecoded) {
  ScriptedOs os;
  os.exit_status = 3 << 8;  // exited with 3
  ChildWatch exited(kChild, os, WatchWake{});
  exited.try_reap();
  EXPECT_TRUE(exited.reaped());
  EXPECT_FALSE(exited.signaled());
  EXPECT_EQ(exited.exit_code(), 3);

  os.exit_status = SIGKILL;  // killed by signal 9
  ChildWatch killed(kChild, os, WatchWake{});
  killed.try_reap();
  EXPECT_TRUE(killed.signaled());
  EXPECT_EQ(killed.term_signal(), SIGKILL);
  EXPECT_EQ(killed.exit_code(), 0);
}

TEST(ProcessChildWatch, ChildDyingOfSigtermGetsNoSigkill) {
  ScriptedOs os;
  os.processes[kChild] = FakeProcess{kChild, {SIGTERM}};
  ChildWatch watch(kChild, os, WatchWake{7, true});
  std::vector<int> observed;
  watch.stop({}, term_then_kill(milliseconds(2000)),
             [&observed](const StopAction& action, const std::vector<ProcessInfo>&) { observed.push_back(action.signal); });
  // The group once, no second signal to its member; SIGCONT goes to the same targets without a new look.
  EXPECT_EQ(os.sent, (std::vector<Sent>{{0, -kChild, SIGTERM}, {0, -kChild, SIGCONT}}));
  EXPECT_EQ(observed, (std::vector<int>{SIGTERM, SIGCONT}));
  EXPECT_TRUE(watch.reaped());
  EXPECT_LE(os.now_ms, 50);
  EXPECT_TRUE(os.left_to_reap.empty());
}

// A TERM trap must run once: the group's members get the group's signal only, while a family
// member that left the group (setsid) is still signalled on its own.
TEST(ProcessChildWatch, GroupMembersGetOneSignalAndRunawaysTheirOwn) {
  ScriptedOs os;
  os.processes[kChild] = FakeProcess{kChild, {SIGTERM}};
  os.processes[102] = FakeProcess{102, {SIGTERM}};  // started its own session
  ChildWatch watch(kChild, os, WatchWake{7, true});
  watch.stop({}, term_then_kill(milliseconds(2000)));
  // SIGCONT follows to the same targets, as the first action's list stands.
  EXPECT_EQ(os.sent, (std::vector<Sent>{{0, -kChild, SIGTERM}, {0, 102, SIGTERM}, {0, -kChild, SIGCONT}, {0, 102, SIGCONT}}));
  EXPECT_TRUE(os.processes.empty());
}

TEST(ProcessChildWatch, SigkillComesOnlyAfterTheGraceAndNamesWhoOutlivedIt) {
  ScriptedOs os;
  os.processes[kChild] = FakeProcess{kChild, {SIGKILL}};
  os.processes[101] = FakeProcess{kChild, {SIGTERM}};  // its child, which obeys TERM
  ChildWatch watch(kChild, os, WatchWake{7, true});
  std::vector<pid_t> outlived;
  watch.stop({}, term_then_kill(milliseconds(300)), [&outlived](const StopAction& action, const std::vector<ProcessInfo>& targets) {
    if (action.signal != SIGKILL) return;
    for (const ProcessInfo& t : targets) outlived.push_back(t.pid);
  });
  std::vector<Sent> kills;
  for (const Sent& s : os.sent) {
    if (s.signal == SIGKILL) kills.push_back(s);
  }
  EXPECT_EQ(kills, (std::vector<Sent>{{300, -kChild, SIGKILL}}));
  EXPECT_EQ(outlived, std::vector<pid_t>{kChild});
  EXPECT_TRUE(watch.reaped());
}

TEST(ProcessChildWatch, SigkillIsRepeatedEveryTwentyMillisecondsForAtMostHalfASecond) {
  ScriptedOs os;
  os.processes[kChild] = FakeProcess{kChild, {}};  // stuck in the kernel: nothing ends it
  ChildWatch watch(kChild, os, WatchWake{7, true});
  watch.stop({}, term_then_kill(milliseconds(100)));
  std::vector<long long> kill_times;
  for (const Sent& s : os.sent) {
    if (s.signal == SIGKILL && s.target == -kChild) kill_times.push_back(s.at_ms);
  }
  ASSERT_FALSE(kill_times.empty());
  EXPECT_EQ(kill_times.front(), 100);
  EXPECT_EQ(kill_times.size(), 450u / 20u + 1u);  // at 100, 120, ..., 540: one per 20 ms round before 550
  EXPECT_EQ(kill_times.back(), 540);
  EXPECT_EQ(os.now_ms, 550);
  EXPECT_FALSE(watch.reaped());
  EXPECT_EQ(os.left_to_reap, std::vector<pid_t>{kChild});
}

TEST(ProcessChildWatch, StrangersAreSignalledButNotTheirGroupAndNotOnceGone) {
  ScriptedOs os;  // the child itself is gone
  os.processes[300] = FakeProcess{300, {SIGTERM}, false};  // holds the pipes from another group
  ChildWatch watch(kChild, os, WatchWake{7, true});
  watch.try_reap();
  watch.stop({300, 301}, term_then_kill(milliseconds(2000)));  // 301 no longer lives
  EXPECT_EQ(os.sent, (std::vector<Sent>{{0, 300, SIGTERM}, {0, 300, SIGCONT}}));
  EXPECT_TRUE(os.processes.empty());
}

TEST(ProcessChildWatch, NothingIsSignalledWhenNothingIsLeft) {
  ScriptedOs os;
  ChildWatch watch(kChild, os, WatchWake{7, true});
  watch.stop({}, term_then_kill(milliseconds(2000)));
  EXPECT_TRUE(os.sent.empty());
  EXPECT_TRUE(watch.reaped());
}

}  // namespace
}  // namespace cdrun
