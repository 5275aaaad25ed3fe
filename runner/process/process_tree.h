// What /proc says about the processes on the machine: parent links (which survive setsid, unlike
// process groups), zombie state, start times (to tell a pid from its reuse) and who holds a pipe.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "runner/process/process_runner.h"

namespace cdrun {

struct ProcessInfo {
  pid_t pid = 0;
  pid_t ppid = 0;
  pid_t pgid = 0;
  pid_t sid = 0;
  char state = '?';                  // 'Z' = zombie, waiting to be reaped
  unsigned long long start_time = 0;  // clock ticks after boot

  bool zombie() const { return state == 'Z' || state == 'X'; }
};

// Parses one /proc/<pid>/stat line (the command name may contain spaces and parentheses).
bool parse_proc_stat(const std::string& line, ProcessInfo& info);

bool read_process_info(pid_t pid, ProcessInfo& info);

// Every process visible in /proc; processes that vanish while being read are skipped.
std::vector<ProcessInfo> read_process_table();

// /proc/<pid>/cmdline with the arguments joined by spaces, or "[comm]" for processes without one.
std::string process_command_line(pid_t pid);

// The inode of the pipe behind `fd`, as /proc/<pid>/fd shows it: "pipe:[<inode>]".
unsigned long long pipe_inode(int fd);

// Processes other than `exclude` with a descriptor open on one of the pipes, in pid order.
std::vector<PipeHolder> find_pipe_holders(const std::vector<unsigned long long>& inodes, pid_t exclude);

}  // namespace cdrun
