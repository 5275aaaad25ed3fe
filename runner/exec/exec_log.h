// The --log file of `cdrun exec`: entries in the agent's scripts.log format ("YYYY-MM-DD HH:MM:SS "
// in local time, then "LifecycleEvent - X", "Script - X", "[stdout]line" or "[stderr]line";
// agent-behavior.md §5.6), appended and never truncated, so one file can collect every hook.
//
// Not ScriptsLog/BufferedLogFile: those truncate (as the agent does per deployment) and flush a
// 64 KiB buffer at arbitrary byte boundaries. Here two processes may append to the same file at
// once (the log pump of a detached background process, and the next hook's cdrun exec), so every
// entry goes out in one write(2) on an O_APPEND descriptor: entries never tear or overwrite.
#pragma once

#include <string>

#include "runner/fs/second_stamp.h"
#include "runner/process/process_fd.h"

namespace cdrun {

class ExecLog {
 public:
  // Creates missing parent directories (a first deployment has no /var/log/myapp yet) and the
  // file (mode 0666 & ~umask, as the agent creates scripts.log). `error` names path and reason.
  bool open(const std::string& path, std::string* error);
  bool is_open() const { return fd_.valid(); }
  const std::string& path() const { return path_; }
  int fd() const { return fd_.get(); }

  // One entry. Unlike the agent, an entry without a trailing newline (a last line the command
  // left unterminated) gets one, so the next entry, possibly of a later run, starts its own line.
  void entry(const std::string& text);
  // The first write error, if any ("" when every entry was written).
  const std::string& write_error() const { return write_error_; }

 private:
  std::string path_;
  UniqueFd fd_;
  SecondStamp stamp_;
  std::string line_;  // reused for each entry
  std::string write_error_;
};

}  // namespace cdrun
