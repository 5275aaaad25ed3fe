#include "runner/process/process_family.h"

#include <sys/wait.h>
#include <unistd.h>

#include <iterator>
#include <map>

namespace cdrun {
namespace {

// All processes whose chain of parents reaches one of `roots` (the roots included).
std::set<pid_t> descendants(const std::vector<ProcessInfo>& table, const std::set<pid_t>& roots) {
  std::multimap<pid_t, pid_t> children;
  for (const ProcessInfo& info : table) children.emplace(info.ppid, info.pid);
  std::set<pid_t> found;
  std::vector<pid_t> todo(roots.begin(), roots.end());
  while (!todo.empty()) {
    const pid_t pid = todo.back();
    todo.pop_back();
    if (!found.insert(pid).second) continue;
    auto range = children.equal_range(pid);
    for (auto it = range.first; it != range.second; ++it) todo.push_back(it->second);
  }
  return found;
}

}  // namespace

void ProcessFamily::begin_run() {
  self_ = ::getpid();
  script_ = 0;
  script_start_ = 0;
  const std::vector<ProcessInfo> table = read_process_table();
  adopted_earlier_.insert(adopted_this_run_.begin(), adopted_this_run_.end());
  adopted_this_run_.clear();
  observe(table, false);  // reaps the daemons of earlier hooks that have exited since
  before_run_.clear();
  const std::set<pid_t> ours = descendants(table, {self_});
  for (const ProcessInfo& info : table) {
    if (info.pid != self_ && ours.count(info.pid)) before_run_.insert(key(info));
  }
}

void ProcessFamily::started(pid_t script) {
  script_ = script;
  ProcessInfo info;
  script_start_ = read_process_info(script, info) ? info.start_time : 0;
}

void ProcessFamily::reap_later(pid_t pid) {
  ProcessInfo info;
  if (read_process_info(pid, info)) adopted_earlier_.insert(key(info));
  if (pid == script_) script_ = 0;
}

std::vector<ProcessInfo> ProcessFamily::scan() {
  const std::vector<ProcessInfo> table = read_process_table();
  observe(table, true);
  return members(table);
}

void ProcessFamily::observe(const std::vector<ProcessInfo>& table, bool note_adoptions) {
  std::set<Key> present;
  for (const ProcessInfo& info : table) {
    const Key k = key(info);
    present.insert(k);
    if (info.ppid != self_ || info.pid == script_ || info.pid == self_) continue;
    if (note_adoptions && !before_run_.count(k) && !adopted_earlier_.count(k)) adopted_this_run_.insert(k);
    if (!info.zombie() || (!adopted_this_run_.count(k) && !adopted_earlier_.count(k))) continue;
    int status = 0;
    if (::waitpid(info.pid, &status, WNOHANG) == info.pid) {
      // The pid is free for reuse now; forget it.
      adopted_this_run_.erase(k);
      adopted_earlier_.erase(k);
    }
  }
  // Keep the record small: forget processes that no longer exist.
  for (auto it = adopted_earlier_.begin(); it != adopted_earlier_.end();) {
    it = present.count(*it) ? std::next(it) : adopted_earlier_.erase(it);
  }
}

std::vector<ProcessInfo> ProcessFamily::members(const std::vector<ProcessInfo>& table) const {
  std::set<pid_t> roots;
  for (const ProcessInfo& info : table) {
    // Members of the script's group descend from it (or were adopted), so parent links suffice;
    // the start time tells the script from a process that reused its pid after it was reaped.
    const bool script = script_ > 0 && info.pid == script_ && info.start_time == script_start_;
    if (script || adopted_this_run_.count(key(info))) roots.insert(info.pid);
  }
  const std::set<pid_t> family = descendants(table, roots);
  std::vector<ProcessInfo> living;
  for (const ProcessInfo& info : table) {
    if (info.pid == self_ || info.zombie() || !family.count(info.pid) || before_run_.count(key(info))) continue;
    living.push_back(info);
  }
  return living;
}

}  // namespace cdrun
