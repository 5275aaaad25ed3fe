// The previous install's cleanup list (§4.5): parsing it, predicting what removing it will leave
// (so conflicts are found before anything is deleted), and executing it.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "runner/install/install_instructions.h"

namespace cdrun {

struct CleanupEntry {
  bool selinux = false;  // "semanage\0<path>": remove the SELinux file context rule
  std::string path;
  bool operator==(const CleanupEntry& other) const { return selinux == other.selinux && path == other.path; }
};

// InstallInstruction.parse_remove_commands: an unfinished last line (no "\n") is dropped, lines
// are stripped, and the result is reversed (children before parents).
std::vector<CleanupEntry> parse_cleanup_list(const std::string& contents);

// Reads <group>-cleanup. `present` is false when there is no such file.
InstallError read_cleanup_file(const std::string& file, bool* present, std::vector<CleanupEntry>* entries);

// The file system as it will be once the cleanup list has run: a listed file or symlink is gone,
// a listed directory is gone only if everything in it is gone by then (rmdir, never recursive).
class PredictedTree {
 public:
  PredictedTree(const std::vector<CleanupEntry>& entries, std::string cwd);
  // File.exist? / File.directory? (both follow symlinks) after the cleanup.
  bool exists(const std::string& path) const;
  bool is_directory(const std::string& path) const;
  const std::unordered_set<std::string>& removed() const { return removed_; }

 private:
  bool removed_by_cleanup(const std::string& path) const;
  std::unordered_set<std::string> removed_;
  std::string cwd_;
};

// Runs the removals in order (RemoveCommand / RemoveContextCommand). Missing paths and non-empty
// directories are skipped; any other failure stops with the agent's Errno message.
InstallError execute_cleanup(const std::vector<CleanupEntry>& entries);

}  // namespace cdrun
