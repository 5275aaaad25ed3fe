#include "bundle_builder.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>

namespace cdrun::e2e {

Member file_member(const std::string& name, const std::string& content, unsigned mode) {
  return Member{Member::Kind::file, name, content, mode, {}};
}

Member directory_member(const std::string& name) { return Member{Member::Kind::directory, name, {}, 0755, {}}; }

Member symlink_member(const std::string& name, const std::string& target) {
  return Member{Member::Kind::symlink, name, {}, 0777, target};
}

Member hard_link_member(const std::string& name, const std::string& target) {
  return Member{Member::Kind::hard_link, name, {}, 0644, target};
}

Member fifo_member(const std::string& name) { return Member{Member::Kind::fifo, name, {}, 0644, {}}; }

namespace {

struct WriterDeleter {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryDeleter {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

[[noreturn]] void fail(archive* a, const std::string& what) {
  const char* why = archive_error_string(a);
  throw std::runtime_error("libarchive " + what + ": " + (why ? why : "unknown error"));
}

unsigned file_type(Member::Kind kind) {
  switch (kind) {
    case Member::Kind::directory: return AE_IFDIR;
    case Member::Kind::symlink: return AE_IFLNK;
    case Member::Kind::fifo: return AE_IFIFO;
    default: return AE_IFREG;
  }
}

void write_member(archive* a, const Member& m) {
  std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
  archive_entry_set_pathname(entry.get(), m.name.c_str());
  archive_entry_set_filetype(entry.get(), file_type(m.kind));
  archive_entry_set_perm(entry.get(), m.mode);
  archive_entry_set_mtime(entry.get(), 1700000000, 0);
  archive_entry_set_size(entry.get(), static_cast<la_int64_t>(m.content.size()));
  if (m.kind == Member::Kind::symlink) archive_entry_set_symlink(entry.get(), m.target.c_str());
  if (m.kind == Member::Kind::hard_link) archive_entry_set_hardlink(entry.get(), m.target.c_str());
  if (archive_write_header(a, entry.get()) < ARCHIVE_WARN) fail(a, "header for " + m.name);
  if (!m.content.empty() &&
      archive_write_data(a, m.content.data(), m.content.size()) != static_cast<la_ssize_t>(m.content.size())) {
    fail(a, "data for " + m.name);
  }
}

std::vector<std::string> names_in(int dir_fd) {
  std::vector<std::string> names;
  DIR* dir = ::fdopendir(::dup(dir_fd));
  if (!dir) return names;
  while (const dirent* item = ::readdir(dir)) {
    const std::string name = item->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(dir);
  return names;
}

// Removes directory `name` inside `parent_fd` and everything below it. Takes ownership of
// `parent_fd` and returns a fresh descriptor for the same parent (reached again through ".."), so
// only a couple of descriptors are open however deep the tree goes.
int remove_directory(int parent_fd, const std::string& name) {
  ::fchmodat(parent_fd, name.c_str(), 0700, 0);  // a test may have made it unreadable
  int fd = ::openat(parent_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return parent_fd;
  ::close(parent_fd);
  for (const std::string& child : names_in(fd)) {
    struct stat info {};
    if (::fstatat(fd, child.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (S_ISDIR(info.st_mode)) {
      fd = remove_directory(fd, child);
    } else {
      ::unlinkat(fd, child.c_str(), 0);
    }
  }
  const int parent = ::openat(fd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ::close(fd);
  if (parent >= 0) ::unlinkat(parent, name.c_str(), AT_REMOVEDIR);
  return parent;
}

}  // namespace

void write_archive(const std::string& path, ArchiveFormat format, const std::vector<Member>& members) {
  std::unique_ptr<archive, WriterDeleter> writer(archive_write_new());
  archive* a = writer.get();
  if (format == ArchiveFormat::zip) {
    archive_write_set_format_zip(a);
  } else {
    archive_write_set_format_ustar(a);
    if (format == ArchiveFormat::tgz && archive_write_add_filter_gzip(a) != ARCHIVE_OK) fail(a, "gzip filter");
  }
  if (archive_write_open_filename(a, path.c_str()) != ARCHIVE_OK) fail(a, "open " + path);
  for (const Member& m : members) write_member(a, m);
  if (archive_write_close(a) != ARCHIVE_OK) fail(a, "close " + path);
}

void make_nested_directories(const std::string& parent, const std::string& name, int depth) {
  int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open " + parent + ": " + std::strerror(errno));
  for (int level = 0; level < depth; ++level) {
    if (::mkdirat(fd, name.c_str(), 0755) != 0 && errno != EEXIST) {
      const int error = errno;
      ::close(fd);
      throw std::runtime_error("cannot create level " + std::to_string(level + 1) + ": " + std::strerror(error));
    }
    const int child = ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    ::close(fd);
    fd = child;
    if (fd < 0) throw std::runtime_error("cannot descend into level " + std::to_string(level + 1));
  }
  ::close(fd);
}

void remove_tree(const std::string& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return;
  if (!S_ISDIR(info.st_mode)) {
    ::unlink(path.c_str());
    return;
  }
  const std::string parent = std::filesystem::path(path).parent_path().string();
  const int parent_fd = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (parent_fd < 0) return;
  const int left = remove_directory(parent_fd, std::filesystem::path(path).filename().string());
  if (left >= 0) ::close(left);
}

}  // namespace cdrun::e2e
