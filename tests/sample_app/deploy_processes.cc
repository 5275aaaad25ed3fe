// Finding and stopping what a test's deployments started. The hooks daemonise the app and the
// proxy (their own sessions, reparented away from cdrun), so the test cannot wait for them as
// children: it finds them in /proc by the install's unique prefix and signals them by pid.
#include <dirent.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "deploy_support.h"

namespace cdrun::sample_app_e2e {
namespace {

std::vector<pid_t> all_pids() {
  std::vector<pid_t> pids;
  DIR* proc = opendir("/proc");
  if (!proc) return pids;
  while (const dirent* entry = readdir(proc)) {
    const std::string name = entry->d_name;
    if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos) pids.push_back(std::atoi(name.c_str()));
  }
  closedir(proc);
  return pids;
}

// State letter and parent from /proc/PID/stat ("pid (comm) S ppid ..."; comm may hold spaces).
bool process_state(pid_t pid, char* state, pid_t* parent) {
  const std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  const size_t close = stat.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream rest(stat.substr(close + 1));
  rest >> *state >> *parent;
  return static_cast<bool>(rest);
}

// Zombies count as gone: nothing may reap the reparented daemons in a container without init.
bool alive(pid_t pid) {
  char state = 0;
  pid_t parent = 0;
  return process_state(pid, &state, &parent) && state != 'Z';
}

std::vector<pid_t> pid_file(const std::string& path) {
  const int pid = std::atoi(read_file(path).c_str());
  if (pid > 1 && alive(pid)) return {pid};
  return {};
}

void signal_all(const std::vector<pid_t>& pids, int signal) {
  for (pid_t pid : pids) kill(pid, signal);
}

std::vector<pid_t> still_alive(const std::vector<pid_t>& pids) {
  std::vector<pid_t> left;
  for (pid_t pid : pids) {
    if (alive(pid)) left.push_back(pid);
  }
  return left;
}

std::vector<pid_t> wait_until_gone(const std::vector<pid_t>& pids, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  std::vector<pid_t> left = still_alive(pids);
  while (!left.empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    left = still_alive(left);
  }
  return left;
}

}  // namespace

std::string command_line(pid_t pid) {
  std::string text = read_file("/proc/" + std::to_string(pid) + "/cmdline");
  std::replace(text.begin(), text.end(), '\0', ' ');
  return text;
}

std::vector<pid_t> SampleInstall::running_processes() const {
  std::set<pid_t> found;
  const std::vector<pid_t> pids = all_pids();
  for (pid_t pid : pids) {
    if (alive(pid) && command_line(pid).find(prefix_) != std::string::npos) found.insert(pid);
  }
  // nginx renames its workers ("nginx: worker process"): take the children of what was found.
  for (pid_t pid : pids) {
    char state = 0;
    pid_t parent = 0;
    if (process_state(pid, &state, &parent) && state != 'Z' && found.count(parent)) found.insert(pid);
  }
  return {found.begin(), found.end()};
}

std::vector<pid_t> SampleInstall::stop_everything() const {
  std::vector<pid_t> targets = pid_file(prefix_ + "/run/app.pid");
  for (pid_t pid : pid_file(prefix_ + "/proxy/run/proxy.pid")) targets.push_back(pid);
  for (pid_t pid : running_processes()) targets.push_back(pid);
  if (targets.empty()) return {};
  // Masters first get a moment to stop their own workers (nginx's do not notice a killed master).
  signal_all(targets, SIGTERM);
  std::vector<pid_t> left = wait_until_gone(targets, std::chrono::seconds(10));
  for (pid_t pid : running_processes()) left.push_back(pid);
  if (left.empty()) return {};
  signal_all(left, SIGKILL);
  return wait_until_gone(left, std::chrono::seconds(5));
}

}  // namespace cdrun::sample_app_e2e
