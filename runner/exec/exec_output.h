// Where the command's output goes under `cdrun exec`: each line to our own stdout or stderr as it
// arrives (the agent, reading us, sees what it would have seen from the command) and to the --log
// file as a "[stdout]"/"[stderr]" entry. cdrun exec's own messages take the same way as "[stderr]"
// lines, so the log tells the whole story of the hook.
#pragma once

#include <string>

#include "runner/exec/exec_log.h"
#include "runner/process/process_runner.h"

namespace cdrun {

class ExecOutput : public ProcessObserver {
 public:
  // `log` may be null or closed (no --log). Without `pass_through` only the log is written (the
  // log pump, whose own stdout and stderr are /dev/null).
  ExecOutput(ExecLog* log, bool pass_through) : log_(log), pass_through_(pass_through) {}

  void on_output(bool is_stderr, const std::string& line) override;
  // A message of ours, one or more lines, each prefixed "cdrun exec: ".
  void note(const std::string& message);

 private:
  ExecLog* log_;
  bool pass_through_;
  std::string entry_;
};

// `text` on one line: control characters (a newline in `sh -c` script, say) become \n, \t or
// \xNN, so that a command line in a message or a log entry cannot break the log's line format.
std::string one_line(const std::string& text);

// Writes all of `data` to `fd`, waiting (a bounded while) when `fd` is non-blocking and full.
// Errors are ignored: a reader that went away must not stop the supervision of the command.
void write_fully(int fd, const char* data, std::size_t size);

}  // namespace cdrun
