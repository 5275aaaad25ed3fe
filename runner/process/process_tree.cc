#include "runner/process/process_tree.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <iterator>
#include <sstream>

namespace cdrun {
namespace {

bool numeric(const char* name) {
  if (*name == '\0') return false;
  for (const char* c = name; *c; ++c) {
    if (!std::isdigit(static_cast<unsigned char>(*c))) return false;
  }
  return true;
}

std::vector<pid_t> list_pids() {
  std::vector<pid_t> pids;
  DIR* proc = ::opendir("/proc");
  if (!proc) return pids;
  while (const dirent* entry = ::readdir(proc)) {
    if (numeric(entry->d_name)) pids.push_back(static_cast<pid_t>(std::atol(entry->d_name)));
  }
  ::closedir(proc);
  std::sort(pids.begin(), pids.end());
  return pids;
}

// Plain read(2), not an ifstream: a /proc file whose process exits between open and read fails
// with ESRCH, which libstdc++'s filebuf turns into an exception. Such a process is simply gone.
std::string read_small_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "";
  std::string content;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      content.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) content.clear();
    break;
  }
  ::close(fd);
  return content;
}

bool holds_pipe(pid_t pid, const std::vector<std::string>& links) {
  const std::string dir = "/proc/" + std::to_string(pid) + "/fd";
  DIR* fds = ::opendir(dir.c_str());
  if (!fds) return false;
  bool found = false;
  char target[64];
  while (const dirent* entry = ::readdir(fds)) {
    if (!numeric(entry->d_name)) continue;
    const std::string link = dir + "/" + entry->d_name;
    const ssize_t n = ::readlink(link.c_str(), target, sizeof target);
    if (n <= 0 || n >= static_cast<ssize_t>(sizeof target)) continue;
    if (std::find(links.begin(), links.end(), std::string(target, static_cast<std::size_t>(n))) != links.end()) {
      found = true;
      break;
    }
  }
  ::closedir(fds);
  return found;
}

}  // namespace

bool parse_proc_stat(const std::string& line, ProcessInfo& info) {
  const std::size_t open = line.find('(');
  const std::size_t close = line.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open) return false;
  info.pid = static_cast<pid_t>(std::atol(line.c_str()));
  std::istringstream rest(line.substr(close + 1));
  std::string state;
  long long ppid = 0, pgid = 0, sid = 0;
  if (!(rest >> state >> ppid >> pgid >> sid) || state.size() != 1) return false;
  // Fields 7-21 lie between the session and the start time (field 22).
  std::string skipped;
  for (int field = 7; field <= 21; ++field) {
    if (!(rest >> skipped)) return false;
  }
  unsigned long long start = 0;
  if (!(rest >> start)) return false;
  info.state = state[0];
  info.ppid = static_cast<pid_t>(ppid);
  info.pgid = static_cast<pid_t>(pgid);
  info.sid = static_cast<pid_t>(sid);
  info.start_time = start;
  return true;
}

bool read_process_info(pid_t pid, ProcessInfo& info) {
  const std::string line = read_small_file("/proc/" + std::to_string(pid) + "/stat");
  return !line.empty() && parse_proc_stat(line, info) && info.pid == pid;
}

std::vector<ProcessInfo> read_process_table() {
  std::vector<ProcessInfo> table;
  for (pid_t pid : list_pids()) {
    ProcessInfo info;
    if (read_process_info(pid, info)) table.push_back(info);
  }
  return table;
}

std::string process_command_line(pid_t pid) {
  std::string command = read_small_file("/proc/" + std::to_string(pid) + "/cmdline");
  while (!command.empty() && command.back() == '\0') command.pop_back();
  std::replace(command.begin(), command.end(), '\0', ' ');
  if (!command.empty()) return command;
  std::string comm = read_small_file("/proc/" + std::to_string(pid) + "/comm");
  while (!comm.empty() && comm.back() == '\n') comm.pop_back();
  return "[" + comm + "]";
}

unsigned long long pipe_inode(int fd) {
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0) return 0;
  return static_cast<unsigned long long>(st.st_ino);
}

std::vector<PipeHolder> find_pipe_holders(const std::vector<unsigned long long>& inodes, pid_t exclude) {
  std::vector<std::string> links;
  for (unsigned long long inode : inodes) {
    if (inode != 0) links.push_back("pipe:[" + std::to_string(inode) + "]");
  }
  std::vector<PipeHolder> holders;
  if (links.empty()) return holders;
  for (pid_t pid : list_pids()) {
    if (pid == exclude || !holds_pipe(pid, links)) continue;
    PipeHolder holder;
    holder.pid = pid;
    holder.command = process_command_line(pid);
    holders.push_back(holder);
  }
  return holders;
}

}  // namespace cdrun
