// Shared by the benchmarks: packs a directory tree into a .tgz with libarchive (what a CI step
// would upload), so both benches measure the same archive layout.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace cdrun::bench {

inline void make_tgz(const std::filesystem::path& root, const std::filesystem::path& out) {
  archive* a = archive_write_new();
  archive_write_add_filter_gzip(a);
  archive_write_set_format_pax_restricted(a);
  archive_write_open_filename(a, out.c_str());
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    archive_entry* e = archive_entry_new();
    const std::string name = std::filesystem::relative(entry.path(), root).string();
    archive_entry_set_pathname(e, name.c_str());
    if (entry.is_directory()) {
      archive_entry_set_filetype(e, AE_IFDIR);
      archive_entry_set_perm(e, 0755);
      archive_write_header(a, e);
    } else {
      std::ifstream in(entry.path(), std::ios::binary);
      std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      archive_entry_set_filetype(e, AE_IFREG);
      archive_entry_set_perm(e, static_cast<int>(std::filesystem::status(entry.path()).permissions()) & 07777);
      archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
      archive_write_header(a, e);
      archive_write_data(a, data.data(), data.size());
    }
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

}  // namespace cdrun::bench
