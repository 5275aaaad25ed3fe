// Reading a bundle directory for `cdrun bundle`: every member to archive, sorted, with the refusals
// (links leading out of the directory, sockets, FIFOs, devices) decided before anything is written.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace cdrun::pack {

enum class MemberKind { file, directory, symlink };

struct PackMember {
  std::string path;         // relative to the bundle directory, "/"-separated, no "./" or trailing "/"
  std::string source;       // where to read it: the bundle directory joined with path
  MemberKind kind = MemberKind::file;
  mode_t permissions = 0;   // st_mode & 07777, exactly as on disk
  std::int64_t size = 0;    // files only
  std::string link_target;  // symlinks only, as readlink gives it
};

struct TreeScan {
  std::vector<PackMember> members;  // sorted by path, bytewise
  std::string error;                // "" or why the directory cannot be bundled
};

// Reads `root` (a directory): leaves out .git, __MACOSX, .DS_Store, the root's .cdrunignore and
// what its patterns match, and `output` (a path relative to root, "" when the archive is written
// elsewhere) along with the temporary files named output + ".tmp-...". Hard links are plain files.
TreeScan scan_tree(const std::string& root, const std::string& output);

// Why a symlink at `path` (relative to the bundle) with `target` cannot be kept, "" when it leads
// to a path inside the bundle (judged on the text: "..", ".", absolute targets).
std::string link_escape_reason(const std::string& path, const std::string& target);

// `path` with every symlink, "." and ".." resolved (realpath(3)); "" when it cannot be resolved.
std::string real_path(const std::string& path);

}  // namespace cdrun::pack
