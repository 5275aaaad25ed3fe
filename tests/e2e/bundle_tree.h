// A sample bundle directory for the `cdrun bundle` end-to-end tests: files of several modes, a hook
// script, a hard link, symlinks inside the tree, and what the archive must leave out.
#pragma once

#include <sys/types.h>

#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "run_cdrun.h"

namespace cdrun::e2e {

// Writes the sample tree into `root` (created) with the process umask set to `mask` while the
// files are created, then sets every mode explicitly and every mtime (symlinks too) to `mtime`.
// The appspec installs the whole bundle into `destination`.
void write_sample_tree(const std::string& root, mode_t mask, std::time_t mtime, const std::string& destination);

// The members the archive of the sample tree holds, in archive order, each with the mode column
// `ls -l`, zipinfo and tar -tv print for it (a directory without its trailing "/").
const std::vector<std::pair<std::string, std::string>>& sample_tree_members();

// Lists an archive with a tool: member name (no trailing "/") -> its line's tokens.
std::map<std::string, std::vector<std::string>> list_with(const std::string& program, const std::vector<std::string>& args,
                                                          size_t name_column);

}  // namespace cdrun::e2e
