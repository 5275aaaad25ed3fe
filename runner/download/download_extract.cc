// Extraction of a checked archive bundle with libarchive's disk writer. Member names are rewritten
// to absolute paths under the real path of deployment-archive, so nothing depends on (or changes)
// the process's working directory.
#include <archive_entry.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <optional>

#include "appspec/bundle/bundle_path.h"
#include "host/accounts/accounts.h"
#include "runner/download/download_archive.h"
#include "runner/fs/filesystem.h"

namespace cdrun::download {

namespace {

struct WriterDeleter {
  void operator()(archive* writer) const { archive_write_free(writer); }
};
using DiskWriter = std::unique_ptr<archive, WriterDeleter>;

int extraction_flags(BundleKind kind) {
  // -p: modes as stored; mtimes as tar and unzip restore them. SECURE_NODOTDOT refuses any ".."
  // left in a name. SECURE_SYMLINKS is left off: it lstat()s every component of every absolute
  // name (2.5x slower on 20,000 members), and it guards nothing here, because deployment-archive
  // starts empty, so its only symlinks are members, and the member check refused every member
  // stored under one.
  int flags = ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_SECURE_NODOTDOT;
  // GNU tar run by root restores owners (--same-owner is its default there); unzip never does.
  if (kind != BundleKind::zip && ::geteuid() == 0) flags |= ARCHIVE_EXTRACT_OWNER;
  return flags;
}

std::string under(const std::string& root, const std::string& raw) {
  const bundle_path::Normalised name = bundle_path::normalise(raw);
  return name.path.empty() ? root : root + "/" + name.path;
}

// Points the entry at its place below `root`; names are already known to stay inside.
void relocate(archive_entry* entry, const std::string& root, BundleKind kind) {
  const char* name = archive_entry_pathname(entry);
  archive_entry_copy_pathname(entry, under(root, name ? name : "").c_str());
  if (const char* hard_link = archive_entry_hardlink(entry)) {
    archive_entry_copy_hardlink(entry, under(root, hard_link).c_str());
  }
  // unzip without -K drops setuid, setgid and sticky bits.
  if (kind == BundleKind::zip) archive_entry_set_perm(entry, archive_entry_perm(entry) & 0777);
}

// Owners of members as GNU tar maps them (and libarchive's standard lookup did, through NSS): the
// stored user or group name when the host knows it, else the stored id.
la_int64_t user_id_of(void* ids, const char* name, la_int64_t stored) {
  if (!name || !*name) return stored;
  const std::optional<uid_t> uid = static_cast<accounts::IdsByName*>(ids)->uid(name);
  return uid ? static_cast<la_int64_t>(*uid) : stored;
}

la_int64_t group_id_of(void* ids, const char* name, la_int64_t stored) {
  if (!name || !*name) return stored;
  const std::optional<gid_t> gid = static_cast<accounts::IdsByName*>(ids)->gid(name);
  return gid ? static_cast<la_int64_t>(*gid) : stored;
}

// Streams the member's data; returns the archive that failed, or null.
archive* copy_data(archive* reader, archive* writer) {
  for (;;) {
    const void* block = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    const int status = archive_read_data_block(reader, &block, &size, &offset);
    if (status == ARCHIVE_EOF) return nullptr;
    if (status < ARCHIVE_WARN) return reader;
    if (archive_write_data_block(writer, block, size, offset) < ARCHIVE_WARN) return writer;
  }
}

}  // namespace

bool extract_archive(const std::string& path, BundleKind kind, const std::string& destination, std::string* detail,
                     bool* disk_full) {
  *disk_full = false;
  ArchiveReader reader = open_archive(path, kind, detail);
  if (!reader) return false;
  char real_destination[PATH_MAX];
  if (!::realpath(destination.c_str(), real_destination)) {
    *detail = errno_message("cannot resolve", destination);
    return false;
  }
  const std::string root = real_destination;
  accounts::IdsByName owner_ids;  // outlives the writer, whose lookups point at it
  DiskWriter writer(archive_write_disk_new());
  if (!writer) {
    *detail = "out of memory";
    return false;
  }
  archive_write_disk_set_options(writer.get(), extraction_flags(kind));
  archive_write_disk_set_user_lookup(writer.get(), &owner_ids, user_id_of, nullptr);
  archive_write_disk_set_group_lookup(writer.get(), &owner_ids, group_id_of, nullptr);

  archive* in = reader.get();
  archive* out = writer.get();
  auto failed = [&](archive* culprit, const std::string& member) {
    *disk_full = archive_errno(culprit) == ENOSPC;
    *detail = member.empty() ? archive_problem(culprit) : member + ": " + archive_problem(culprit);
    return false;
  };
  for (;;) {
    archive_entry* entry = nullptr;
    const int status = archive_read_next_header(in, &entry);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) return failed(in, "");
    const char* stored = archive_entry_pathname(entry);
    const std::string member = stored ? stored : "";
    relocate(entry, root, kind);
    if (archive_write_header(out, entry) < ARCHIVE_WARN) return failed(out, member);
    if (archive* culprit = copy_data(in, out)) return failed(culprit, member);
    if (archive_write_finish_entry(out) < ARCHIVE_WARN) return failed(out, member);
  }
  // Directory modes and mtimes are applied here, after their contents were written.
  if (archive_write_close(out) < ARCHIVE_WARN) return failed(out, "");
  return true;
}

}  // namespace cdrun::download
