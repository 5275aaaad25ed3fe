// Everything `cdrun bundle` leaves out of the archive of a bundle directory, as one predicate: the
// fixed names (.git/, __MACOSX/, .DS_Store), the root's .cdrunignore and what its patterns match,
// and the archive being written when it lies inside the directory (with its temporary files).
// scan_tree uses it to pick the members; bundle and push validate the directory through it, so
// their verdict is the one `cdrun validate ARCHIVE` gives.
#pragma once

#include <string>

#include "runner/pack/ignore_rules.h"

namespace cdrun::pack {

class LeftOutPaths {
 public:
  // Reads `root`'s .cdrunignore when there is one; "" or why it cannot be read. `output` is the
  // archive's path relative to root, "" when it is written elsewhere (output_inside_directory).
  std::string load(const std::string& root, const std::string& output);

  // `path` is relative to root, "/"-separated. A left-out directory's contents are left out with
  // it: callers do not look below it.
  bool operator()(const std::string& path, bool is_directory) const;

 private:
  IgnoreRules rules_;
  std::string output_;
};

// The path of `output` relative to `directory` when it lies inside it, else "".
std::string output_inside_directory(const std::string& directory, const std::string& output);

}  // namespace cdrun::pack
