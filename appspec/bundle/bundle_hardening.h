// What agent 2.x's opt-in hardening settings refuse in a bundle (agent2-behavior.md §5.4): the
// scans it runs around extraction, judged on the bundle as it is stored. Each finding is an error
// (the agent deletes the extracted archive and fails DownloadBundle), save where the host's own
// tools decide (a zip's SUID bits, which unzip strips).
#pragma once

#include "appspec/agent2/agent2_settings.h"
#include "appspec/bundle/bundle.h"

namespace cdrun {

// CD361 a symbolic or hard link (reject_symlinks_in_bundle), CD362 an archive member with a ".."
// or "/" component (reject_path_traversal_in_bundle), CD363 a SUID/SGID file
// (reject_unsafe_permissions_in_bundle), CD364 an archive declaring more bytes than
// archive_max_extraction_size.
Diagnostics check_agent2_hardened_bundle(const Bundle& bundle, const AppSpecLocation& location, const Agent2Settings& settings);

}  // namespace cdrun
