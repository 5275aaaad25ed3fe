// Replacing a file so that a reader sees either the old or the new content, never a mix, a truncated
// file or a moment without the file: the new content goes to a temporary file in the same directory
// (created 0600 with O_EXCL, so nobody else can open it first), is flushed to disk, then renamed over
// the target; the directory is flushed too so the rename survives a crash.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace cdrun::aws {

// Writes `content` to `path` as above, with exactly `mode` (the umask does not apply). When `path`
// exists and we may, the new file keeps its owner and group. Returns "" or what failed; on failure
// the target is untouched and no temporary file is left.
std::string write_file_atomically(const std::string& path, const std::string& content, mode_t mode);

// One file of a set written by write_files_atomically(): its name inside the directory, its content.
struct NamedContent {
  std::string name;
  std::string content;
};

// Writes every file of `files` into the existing directory `dir` with `mode`, all or nothing: each is
// first written (as above) under a hidden staging name, and only when all of them are on disk are they
// renamed into place. Returns "" or what failed (the path and the system's reason, then whether any
// target was replaced: "; none of the files was written" or "; the files before it were already
// replaced"); no staging file
// is left. A target that is a directory is refused before anything is written, and a failed write
// leaves every target untouched; a rename within one directory fails only when someone else changes
// that directory meanwhile, and then the files before it are already replaced.
std::string write_files_atomically(const std::string& dir, const std::vector<NamedContent>& files, mode_t mode);

// Creates `dir` and missing parents with `mode` (umask applies, as for mkdir -p). Returns "" or the error.
std::string make_directories(const std::string& dir, mode_t mode);

}  // namespace cdrun::aws
