// Real bundles for the bundle tests: a temporary directory that removes itself, files with modes,
// and zip / tar / tgz archives written with libarchive's writer (members given by hand).
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "appspec/core/diagnostic.h"

namespace cdrun::bundle_test {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cdrun-bundle-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data()) ? pattern : std::string();
  }
  ~TempDir() {
    std::error_code ignored;
    // Undo chmod 000 directories made by a test before removing the tree.
    for (auto it = std::filesystem::recursive_directory_iterator(
             path_, std::filesystem::directory_options::skip_permission_denied, ignored);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ignored)) {
      if (it->is_directory(ignored) && !it->is_symlink(ignored)) ::chmod(it->path().c_str(), 0755);
    }
    ::chmod(path_.c_str(), 0755);
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string operator/(const std::string& relative) const { return path_ + "/" + relative; }

  // Writes `relative` (creating parent directories) with `content` and permission `mode`.
  void write(const std::string& relative, const std::string& content, unsigned mode = 0644) const {
    const std::filesystem::path full = std::filesystem::path(path_) / relative;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream(full, std::ios::binary) << content;
    ::chmod(full.c_str(), mode);
  }
  void mkdir(const std::string& relative) const { std::filesystem::create_directories(*this / relative); }
  void symlink(const std::string& target, const std::string& relative) const {
    std::filesystem::create_directories(std::filesystem::path(*this / relative).parent_path());
    ::symlink(target.c_str(), (*this / relative).c_str());
  }

 private:
  std::string path_;
};

enum class ArchiveFormat { zip, tar, tgz };

struct Member {
  std::string name;
  std::string content;
  unsigned mode = 0644;
  enum Kind { file, directory, symlink, hardlink, fifo } kind = file;
  std::string link;  // symlink or hard link target
};

inline Member file(std::string name, std::string content, unsigned mode = 0644) {
  return Member{std::move(name), std::move(content), mode, Member::file, {}};
}
inline Member dir(std::string name) { return Member{std::move(name), {}, 0755, Member::directory, {}}; }
inline Member symlink(std::string name, std::string target) {
  return Member{std::move(name), {}, 0777, Member::symlink, std::move(target)};
}

// Writes the members, in order, exactly as named (no normalisation), to `path`.
inline bool write_archive(const std::string& path, ArchiveFormat format, const std::vector<Member>& members) {
  archive* a = archive_write_new();
  if (format == ArchiveFormat::zip) {
    archive_write_set_format_zip(a);
  } else {
    archive_write_set_format_pax_restricted(a);
    if (format == ArchiveFormat::tgz) archive_write_add_filter_gzip(a);
  }
  bool ok = archive_write_open_filename(a, path.c_str()) == ARCHIVE_OK;
  for (const Member& m : members) {
    if (!ok) break;
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, m.name.c_str());
    archive_entry_set_perm(e, m.mode);
    archive_entry_set_size(e, 0);
    switch (m.kind) {
      case Member::file:
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_size(e, static_cast<la_int64_t>(m.content.size()));
        break;
      case Member::directory: archive_entry_set_filetype(e, AE_IFDIR); break;
      case Member::symlink:
        archive_entry_set_filetype(e, AE_IFLNK);
        archive_entry_set_symlink(e, m.link.c_str());
        break;
      case Member::hardlink:
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_hardlink(e, m.link.c_str());
        break;
      case Member::fifo: archive_entry_set_filetype(e, AE_IFIFO); break;
    }
    ok = archive_write_header(a, e) == ARCHIVE_OK;
    if (ok && m.kind == Member::file && !m.content.empty()) {
      ok = archive_write_data(a, m.content.data(), m.content.size()) == static_cast<la_ssize_t>(m.content.size());
    }
    archive_entry_free(e);
  }
  ok = archive_write_close(a) == ARCHIVE_OK && ok;
  archive_write_free(a);
  return ok;
}

// The diagnostics carrying `code`, for EXPECT_THAT-free assertions.
inline Diagnostics with_code(const Diagnostics& all, const std::string& code) {
  Diagnostics out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const Diagnostic& d) { return d.code == code; });
  return out;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace cdrun::bundle_test
