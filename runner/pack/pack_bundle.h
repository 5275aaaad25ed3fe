// `cdrun bundle`'s work once the directory has been validated: read the tree, write the archive
// under a temporary name beside the target, then rename it into place.
#pragma once

#include <cstdint>
#include <string>

#include "runner/pack/archive_writer.h"

namespace cdrun::pack {

struct BundleRequest {
  std::string directory;  // the bundle directory
  std::string output;     // the archive to write
  ArchiveFormat format = ArchiveFormat::zip;
  std::int64_t mtime = kFixedEpoch;  // every member's modification time
};

struct BundleResult {
  std::string error;       // "" or why nothing was written
  size_t members = 0;      // entries in the archive (files, directories, symlinks)
  std::int64_t bytes = 0;  // the archive's size
  std::string sha256;      // lowercase hex of the archive's bytes
};

// Writes the archive as above. The bytes go to output + ".tmp-XXXXXX" (mode 0666 less the umask),
// which is flushed and renamed onto `output` only when complete: an interrupted or failed run
// never leaves a partial archive under the output's name.
BundleResult write_bundle(const BundleRequest& request);

// Lowercase hex SHA-256 of the file at `path`, read in pieces; "" with `error` set when unreadable.
std::string file_sha256_hex(const std::string& path, std::string* error);

// The members' mtime from SOURCE_DATE_EPOCH's value: nullptr (unset) gives kFixedEpoch; a decimal
// integer from 0 to 253402300799 (9999-12-31T23:59:59Z) is used as is; anything else sets `error`.
std::int64_t member_mtime(const char* source_date_epoch, std::string* error);

}  // namespace cdrun::pack
