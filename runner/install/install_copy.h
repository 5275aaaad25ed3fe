// One copy instruction executed as FileUtils.copy(src, dst, preserve: true) does it (mode, times
// and, as root, owner), or as a new symlink when the source is one. Fast path: one open per side,
// one fstat, copy_file_range (sendfile, then read/write as fallbacks), no fsync.
#pragma once

#include <sys/types.h>

#include <string>

#include "runner/install/install_instructions.h"

namespace cdrun {

struct CopySettings {
  bool is_root = false;
  gid_t egid = 0;
  mode_t umask = 022;
  int method = 0;  // 0 copy_file_range, 1 sendfile, 2 read/write: lowered when the kernel refuses
};

// The process's settings (umask read from /proc/self/status, so the umask is never changed).
CopySettings current_copy_settings();

// Copies `source` to `destination` (an existing file there is overwritten in place, as Ruby's
// File.open(dst, "wb") does; an existing directory receives <destination>/<basename(source)>).
InstallError copy_one_file(const std::string& source, const std::string& destination, CopySettings* settings);

}  // namespace cdrun
