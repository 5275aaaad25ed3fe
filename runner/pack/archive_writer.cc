#include "runner/pack/archive_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <memory>

#include "runner/fs/filesystem.h"

namespace cdrun::pack {
namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// libarchive's zip writer turns mtimes into MS-DOS dates with localtime_r(), so the bytes would
// depend on the machine's time zone: UTC is set while writing, and the caller's TZ put back after.
class UtcWhileWriting {
 public:
  UtcWhileWriting() {
    const char* zone = std::getenv("TZ");
    if (zone) saved_ = zone;
    had_zone_ = zone != nullptr;
    ::setenv("TZ", "UTC0", 1);
    ::tzset();
  }
  ~UtcWhileWriting() {
    if (had_zone_) {
      ::setenv("TZ", saved_.c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }
  UtcWhileWriting(const UtcWhileWriting&) = delete;
  UtcWhileWriting& operator=(const UtcWhileWriting&) = delete;

 private:
  std::string saved_;
  bool had_zone_ = false;
};

using ArchivePtr = std::unique_ptr<struct archive, decltype(&archive_write_free)>;
using EntryPtr = std::unique_ptr<struct archive_entry, decltype(&archive_entry_free)>;

std::string archive_error(struct archive* writer, const std::string& what) {
  const char* text = archive_error_string(writer);
  return what + ": " + (text ? text : "unknown libarchive error");
}

std::string configure(struct archive* writer, ArchiveFormat format) {
  int status = ARCHIVE_OK;
  if (format == ArchiveFormat::zip) {
    status = archive_write_set_format_zip(writer);
    if (status == ARCHIVE_OK) status = archive_write_set_format_option(writer, "zip", "compression", "deflate");
  } else {
    status = archive_write_set_format_pax_restricted(writer);
  }
  if (status == ARCHIVE_OK && format == ArchiveFormat::tgz) {
    status = archive_write_add_filter_gzip(writer);
    // A null value unsets the option: the gzip header then carries no modification time.
    if (status == ARCHIVE_OK) status = archive_write_set_filter_option(writer, "gzip", "timestamp", nullptr);
  }
  if (status == ARCHIVE_OK && format != ArchiveFormat::zip) {
    status = archive_write_set_bytes_in_last_block(writer, 1);  // no padding to a 10240-byte record
  }
  return status == ARCHIVE_OK ? "" : archive_error(writer, "cannot set up the archive");
}

EntryPtr entry_for(const PackMember& member, std::int64_t mtime) {
  EntryPtr entry(archive_entry_new(), archive_entry_free);
  archive_entry_copy_pathname(entry.get(), member.path.c_str());
  const mode_t type = member.kind == MemberKind::directory ? AE_IFDIR
                      : member.kind == MemberKind::symlink ? AE_IFLNK
                                                           : AE_IFREG;
  archive_entry_set_mode(entry.get(), type | member.permissions);
  archive_entry_set_uid(entry.get(), 0);
  archive_entry_set_gid(entry.get(), 0);
  archive_entry_set_mtime(entry.get(), static_cast<time_t>(mtime), 0);
  archive_entry_set_size(entry.get(), member.kind == MemberKind::file ? member.size : 0);
  if (member.kind == MemberKind::symlink) archive_entry_copy_symlink(entry.get(), member.link_target.c_str());
  return entry;
}

// Copies one file's bytes into the entry just started; the size must still be the scanned one.
std::string write_contents(struct archive* writer, const PackMember& member) {
  const int fd = ::open(member.source.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return download::errno_message("cannot read", member.source);
  std::string buffer(1 << 16, '\0');
  std::int64_t written = 0;
  std::string error;
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) error = download::errno_message("cannot read", member.source);
    if (n <= 0 || written + n > member.size) break;
    if (archive_write_data(writer, buffer.data(), static_cast<size_t>(n)) != n) {
      error = archive_error(writer, "cannot write " + member.path);
      break;
    }
    written += n;
  }
  ::close(fd);
  if (error.empty() && written != member.size) error = member.source + " changed size while being bundled";
  return error;
}

}  // namespace

std::optional<ArchiveFormat> archive_format_for(const std::string& file_name) {
  if (ends_with(file_name, ".zip")) return ArchiveFormat::zip;
  if (ends_with(file_name, ".tgz") || ends_with(file_name, ".tar.gz")) return ArchiveFormat::tgz;
  if (ends_with(file_name, ".tar")) return ArchiveFormat::tar;
  return std::nullopt;
}

std::string write_archive(int fd, ArchiveFormat format, const std::vector<PackMember>& members, std::int64_t mtime) {
  const UtcWhileWriting utc;
  ArchivePtr writer(archive_write_new(), archive_write_free);
  std::string error = configure(writer.get(), format);
  if (error.empty() && archive_write_open_fd(writer.get(), fd) != ARCHIVE_OK)
    error = archive_error(writer.get(), "cannot start the archive");
  for (size_t i = 0; error.empty() && i < members.size(); ++i) {
    const PackMember& member = members[i];
    EntryPtr entry = entry_for(member, mtime);
    if (archive_write_header(writer.get(), entry.get()) != ARCHIVE_OK) {
      error = archive_error(writer.get(), "cannot add " + member.path);
    } else if (member.kind == MemberKind::file) {
      error = write_contents(writer.get(), member);
    }
  }
  if (error.empty() && archive_write_close(writer.get()) != ARCHIVE_OK)
    error = archive_error(writer.get(), "cannot finish the archive");
  return error;
}

}  // namespace cdrun::pack
