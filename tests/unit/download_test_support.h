// Shared by the DownloadBundle tests: a deployment root in a temporary directory, archives written
// member by member with libarchive (mtimes included), and a listing of a tree in the style of the
// conformance goldens' root-tree.txt ("path type mode", symlinks "path l -> target").
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "runner/layout/deployment_layout.h"
#include "tests/unit/bundle_test_support.h"

namespace cdrun::download_test {

using bundle_test::TempDir;

// A fixed, clearly-not-now mtime for archive members: 2017-07-14T02:40:00Z.
constexpr time_t kMemberTime = 1500000000;

struct TestMember {
  enum Kind { file, directory, symlink, hard_link, fifo } kind = file;
  std::string name;
  std::string content;
  unsigned mode = 0644;
  std::string target;
  time_t mtime = kMemberTime;
};

inline TestMember file(std::string name, std::string content, unsigned mode = 0644) {
  return TestMember{TestMember::file, std::move(name), std::move(content), mode, {}};
}
inline TestMember directory(std::string name, unsigned mode = 0755) {
  return TestMember{TestMember::directory, std::move(name), {}, mode, {}};
}
inline TestMember symlink(std::string name, std::string target) {
  return TestMember{TestMember::symlink, std::move(name), {}, 0777, std::move(target)};
}
inline TestMember hard_link(std::string name, std::string target) {
  return TestMember{TestMember::hard_link, std::move(name), {}, 0644, std::move(target)};
}
inline TestMember fifo(std::string name) { return TestMember{TestMember::fifo, std::move(name), {}, 0644, {}}; }

enum class Format { zip, tar, tgz };

// Writes the members in order, names exactly as given. False when libarchive refuses one.
inline bool write_test_archive(const std::string& path, Format format, const std::vector<TestMember>& members) {
  archive* a = archive_write_new();
  if (format == Format::zip) {
    archive_write_set_format_zip(a);
  } else {
    archive_write_set_format_pax_restricted(a);
    if (format == Format::tgz) archive_write_add_filter_gzip(a);
  }
  bool ok = archive_write_open_filename(a, path.c_str()) == ARCHIVE_OK;
  for (const TestMember& m : members) {
    if (!ok) break;
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, m.name.c_str());
    archive_entry_set_perm(e, m.mode);
    archive_entry_set_mtime(e, m.mtime, 0);
    archive_entry_set_size(e, 0);
    switch (m.kind) {
      case TestMember::file:
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_size(e, static_cast<la_int64_t>(m.content.size()));
        break;
      case TestMember::directory: archive_entry_set_filetype(e, AE_IFDIR); break;
      case TestMember::symlink:
        archive_entry_set_filetype(e, AE_IFLNK);
        archive_entry_set_symlink(e, m.target.c_str());
        break;
      case TestMember::hard_link:
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_hardlink(e, m.target.c_str());
        break;
      case TestMember::fifo: archive_entry_set_filetype(e, AE_IFIFO); break;
    }
    ok = archive_write_header(a, e) == ARCHIVE_OK;
    if (ok && m.kind == TestMember::file && !m.content.empty()) {
      ok = archive_write_data(a, m.content.data(), m.content.size()) == static_cast<la_ssize_t>(m.content.size());
    }
    archive_entry_free(e);
  }
  ok = archive_write_close(a) == ARCHIVE_OK && ok;
  archive_write_free(a);
  return ok;
}

// "rel d 0755", "rel f 0600", "rel l -> target", "rel p 0644" (FIFO); sorted; symlinks not followed.
inline std::vector<std::string> tree_lines(const std::string& root) {
  std::vector<std::string> lines;
  std::error_code ignored;
  for (auto it = std::filesystem::recursive_directory_iterator(root, ignored);
       it != std::filesystem::recursive_directory_iterator(); it.increment(ignored)) {
    const std::string path = it->path().string();
    const std::string rel = path.substr(root.size() + 1);
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) continue;
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    if (S_ISLNK(st.st_mode)) {
      lines.push_back(rel + " l -> " + std::filesystem::read_symlink(path, ignored).string());
    } else {
      const char* type = S_ISDIR(st.st_mode) ? " d " : S_ISREG(st.st_mode) ? " f " : S_ISFIFO(st.st_mode) ? " p " : " ? ";
      lines.push_back(rel + type + mode);
    }
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline bool is_symlink(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

inline bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

// A deployment root with group "dg" and deployment d-TEST00000-local, under umask 022 as the
// goldens were recorded.
class DeploymentRootTest : public ::testing::Test {
 protected:
  void SetUp() override {
    saved_umask_ = ::umask(022);
    layout_.root_dir = temp_ / "root";
    layout_.group_id = "dg";
    layout_.deployment_id = "d-TEST00000-local";
  }
  void TearDown() override { ::umask(saved_umask_); }

  TempDir temp_;
  DeploymentLayout layout_;
  mode_t saved_umask_ = 022;
};

}  // namespace cdrun::download_test
