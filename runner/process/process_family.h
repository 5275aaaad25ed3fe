// Which processes belong to the hook being run. We are a child subreaper, so a hook's daemonised
// grandchildren (double fork, setsid) become *our* children instead of init's: those that appear
// while a hook runs are its family and die with it if it fails; those adopted during earlier,
// successful hooks are detached daemons and are left alone. Adopted processes are reaped once
// they exit; the script itself never is here (its status belongs to the runner). Children that
// appear between runs are not ours to judge (other code may have started them): never touched.
#pragma once

#include <sys/types.h>

#include <set>
#include <utility>
#include <vector>

#include "runner/process/process_tree.h"

namespace cdrun {

class ProcessFamily {
 public:
  // Before the hook starts: every process then descending from us is not the hook's.
  void begin_run();
  // The hook's script has been started as `script` (also its process-group id).
  void started(pid_t script);
  // Reads /proc, notes the children adopted since begin_run() (other than the script), reaps
  // adopted zombies, and returns the hook's living processes: the script and its descendants
  // (parent links survive setsid), and what was adopted during this run with its descendants.
  // Never us, nothing that existed before the run.
  std::vector<ProcessInfo> scan();
  // A process we could not reap now (e.g. stuck in the kernel after SIGKILL): reap it later.
  void reap_later(pid_t pid);

 private:
  using Key = std::pair<pid_t, unsigned long long>;  // pid and start time: a pid may be reused
  static Key key(const ProcessInfo& info) { return {info.pid, info.start_time}; }
  void observe(const std::vector<ProcessInfo>& table, bool note_adoptions);
  std::vector<ProcessInfo> members(const std::vector<ProcessInfo>& table) const;

  pid_t self_ = 0;
  pid_t script_ = 0;
  unsigned long long script_start_ = 0;
  std::set<Key> before_run_;
  std::set<Key> adopted_this_run_;
  std::set<Key> adopted_earlier_;  // still to be reaped when they exit
};

}  // namespace cdrun
