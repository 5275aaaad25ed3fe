// The deterministic archive writer of `cdrun bundle`: the same members give the same bytes on
// every machine, whatever the clock, the time zone, the umask or the user running it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runner/pack/pack_tree.h"

namespace cdrun::pack {

enum class ArchiveFormat { zip, tar, tgz };

// The format a file name asks for: ".zip", ".tar", ".tgz" or ".tar.gz" (case as written); nullopt
// for any other name.
std::optional<ArchiveFormat> archive_format_for(const std::string& file_name);

// 1980-01-01T00:00:00Z, the earliest time a zip's MS-DOS date can hold: every member's mtime when
// SOURCE_DATE_EPOCH is not set.
constexpr std::int64_t kFixedEpoch = 315532800;

// Writes `members` (sorted) to the open file `fd` in `format`: owner and group 0 with no names,
// every mtime = `mtime`, no atime or ctime; permission bits as the members carry them (in a zip
// through the Unix external attributes); symlinks as symlink entries; tar as restricted pax (plain
// ustar headers unless a name is too long for them), tgz with a gzip header that has no time and
// no file name, zip with deflate. Returns "" or what failed.
std::string write_archive(int fd, ArchiveFormat format, const std::vector<PackMember>& members, std::int64_t mtime);

}  // namespace cdrun::pack
