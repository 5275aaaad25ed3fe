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
