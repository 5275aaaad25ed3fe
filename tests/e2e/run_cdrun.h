// Runs the built cdrun binary as a user would and captures what it prints.
#pragma once

#include <string>
#include <vector>

namespace cdrun::e2e {

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs CDRUN_BINARY with `args` (no shell), stdin closed, optional extra environment entries.
Outcome run_cdrun(const std::vector<std::string>& args, const std::vector<std::string>& env = {});
// The same for another program (argv[0] is `path`).
Outcome run_program(const std::string& path, const std::vector<std::string>& args, const std::vector<std::string>& env = {});

// `program args...` run through env(1) with `env` (NAME=VALUE, or "-u", NAME to remove one) as an
// unprivileged user: nobody through setpriv when the tests run as root, else the test's own user.
Outcome run_unprivileged(const std::string& program, const std::vector<std::string>& args,
                         const std::vector<std::string>& env = {});
// Whether run_unprivileged can run the built cdrun (as root: setpriv exists and nobody may run it).
bool unprivileged_runs_possible();

// A fresh temporary directory, removed with everything in it when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // Writes `content` to path()/relative (creating directories), with `mode`.
  std::string write(const std::string& relative, const std::string& content, unsigned mode = 0644) const;

 private:
  std::string path_;
};

}  // namespace cdrun::e2e
