// Replacing a file so that a reader sees either the old or the new content, never a mix, a truncated
// file or a moment without the file: the new content goes to a temporary file in the same directory
// (created 0600 with O_EXCL, so nobody else can open it first), is flushed to disk, then renamed over
// the target; the directory is flushed too so the rename survives a crash.
#pragma once

#include <sys/types.h>

#include <string>

namespace cdrun::aws {

// Writes `content` to `path` as above, with exactly `mode` (the umask does not apply). When `path`
// exists and we may, the new file keeps its owner and group. Returns "" or what failed; on failure
// the target is untouched and no temporary file is left.
std::string write_file_atomically(const std::string& path, const std::string& content, mode_t mode);

// Creates `dir` and missing parents with `mode` (umask applies, as for mkdir -p). Returns "" or the error.
std::string make_directories(const std::string& dir, mode_t mode);

}  // namespace cdrun::aws
