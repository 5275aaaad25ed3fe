// The real ChildOs: poll() on a child's output pipes, waitpid(), /proc through ProcessFamily, kill().
#pragma once

#include "runner/process/child_watch.h"
#include "runner/process/process_family.h"
#include "runner/process/process_pipes.h"

namespace cdrun {

class PosixChildOs : public ChildOs {
 public:
  PosixChildOs(OutputPipes& pipes, ProcessFamily& family) : pipes_(pipes), family_(family) {}

  WatchClock::time_point now() override;
  void wait(std::chrono::milliseconds timeout, int wake_fd) override;
  bool reap(pid_t pid, int& status) override;
  std::vector<ProcessInfo> scan_family() override;
  // Never ourselves, even when we hold the pipes being asked about.
  std::optional<ProcessInfo> living(pid_t pid) override;
  void send(pid_t target, int signal) override;
  void reap_later(pid_t pid) override;

 private:
  OutputPipes& pipes_;
  ProcessFamily& family_;
};

}  // namespace cdrun
