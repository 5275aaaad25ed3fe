// Runs the built `cdrun exec` as a hook script would, with every wait bounded, and sweeps up every
// process a test started (commands, their daemons, log pumps) even when the test fails.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/e2e/run_cdrun.h"

namespace cdrun::exec_test {

struct WrapperRun {
  int exit_code = -1;            // -1: still running at the limit (then killed)
  std::string out;
  std::string err;
  double seconds = 0;            // until the wrapper exited
  double first_err_seconds = -1; // when its first stderr bytes arrived (-1: none)
  bool output_closed = false;    // its stdout and stderr reached EOF soon after it exited
};

struct WrapperOptions {
  std::vector<std::string> env;            // extra "NAME=value" entries
  std::chrono::seconds limit{40};          // the wrapper must have exited by then
  bool stdin_open_pipe = false;            // stdin: a pipe nobody closes (instead of /dev/null)
  std::chrono::milliseconds close_wait{3000};  // how long EOF may lag behind the exit
};

// Runs `program` (argv[0] "cdrun" when it is the built cdrun) with `args`, own process group.
WrapperRun run_wrapper(const std::string& program, const std::vector<std::string>& args,
                       const WrapperOptions& options);

// Kills, on destruction, every process whose environment carries this sweeper's tag: whatever
// a test started through run_wrapper with env_entry() inherits it.
class ProcessSweeper {
 public:
  ProcessSweeper();
  ~ProcessSweeper();
  ProcessSweeper(const ProcessSweeper&) = delete;
  ProcessSweeper& operator=(const ProcessSweeper&) = delete;
  const std::string& env_entry() const { return entry_; }
  void sweep() const;

 private:
  std::string entry_;
};

// Exists and is not a zombie (PID 1 in a container may never reap what it inherits).
bool process_alive(int pid);
// Polls `condition` every 20 ms until it holds or `limit` passes; returns its last value.
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds limit);
std::string read_text(const std::string& path);
// The pid a command wrote to `path`, waiting a bounded while for it to appear; 0 if it did not.
int wait_for_pid(const std::string& path);
// A loopback TCP port that was free a moment ago.
int free_port();

// A temporary directory, a sweeper, and `cdrun exec` runs carrying the sweeper's tag.
class ExecTest : public ::testing::Test {
 protected:
  WrapperRun exec(const std::vector<std::string>& args, WrapperOptions options = {});
  // A hook script run directly (not through cdrun exec).
  WrapperRun script(const std::string& path, WrapperOptions options = {});
  std::string path(const std::string& relative) const { return dir_.path() + "/" + relative; }

  e2e::TempDir dir_;
  ProcessSweeper sweeper_;
};

}  // namespace cdrun::exec_test
