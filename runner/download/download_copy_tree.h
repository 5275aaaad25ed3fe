// The copy of a directory bundle into deployment-archive, as the agent's FileUtils.cp_r (without
// :preserve) leaves it: regular files keep their mode (through the umask) but get a new mtime,
// symlinks are recreated with the same target and never followed, FIFOs and sockets are recreated,
// directories are made fresh with mode 0777 & ~umask, and dotfiles are copied like any entry.
//
// It is built for speed on trees of many small files: one thread walks the source by file
// descriptor using readdir's d_type (no stat per entry), creating directories and symlinks, while a
// few workers copy regular files with copy_file_range.
#pragma once

#include <string>

namespace cdrun::download {

struct CopyTreeResult {
  bool ok = false;
  std::string error;  // "<what> <path>: <strerror>" for the first failure met
  size_t files = 0;   // regular files copied
};

// Copies the directory `source` (a symlink given as `source` itself is followed, as cp_r does) to
// `destination`, which must not exist yet. `workers` file-copying threads run beside the walking
// one; 0 copies everything on the calling thread. On failure the partial copy is left for the
// caller to remove.
CopyTreeResult copy_tree(const std::string& source, const std::string& destination, int workers = 2);

}  // namespace cdrun::download
