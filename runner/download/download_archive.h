// zip / tar / tgz bundles for DownloadBundle: the member check that refuses a hostile archive
// before anything is written, and the extraction that stands in for `tar -xpsf`, `tar -zxpsf` and
// `unzip -qo`. Both read the archive with libarchive, accepting what the agent's tool accepts.
#pragma once

#include <archive.h>

#include <memory>
#include <string>
#include <vector>

#include "appspec/bundle/bundle.h"

namespace cdrun::download {

struct ArchiveReaderDeleter {
  void operator()(archive* reader) const { archive_read_free(reader); }
};
using ArchiveReader = std::unique_ptr<archive, ArchiveReaderDeleter>;

// A reader for the formats the agent's extractor for `kind` understands: tar auto-detects any
// compression (GNU tar does), tgz needs gzip, zip is read through its central directory. Null with
// `error` set when the file cannot be opened or is not such an archive.
ArchiveReader open_archive(const std::string& path, BundleKind kind, std::string* error);

// libarchive's last complaint about `reader`.
std::string archive_problem(archive* reader);

// Members that would leave deployment-archive or are not files, directories or links:
// absolute names, ".." climbing above the root, members stored under a symlink member, symlinks and
// hard links whose target leads outside the root, devices, FIFOs and sockets.
struct MemberCheck {
  // One per offending member: "`../evil` (\"..\" leads above the archive root)".
  std::vector<std::string> offences;
  // Set when the archive could not be read to its end (corrupt, truncated, not an archive).
  std::string read_error;
};
MemberCheck check_archive_members(const std::string& path, BundleKind kind);

// Extracts every member into `destination` (an existing, empty directory) keeping modes, mtimes
// and symlinks, plus ownership for tar when running as root (GNU tar's default there). Expects
// check_archive_members() to have found nothing. `detail` names the member and libarchive's
// reason; `disk_full` is set when the reason was ENOSPC.
bool extract_archive(const std::string& path, BundleKind kind, const std::string& destination, std::string* detail,
                     bool* disk_full);

}  // namespace cdrun::download
