// The header pass over an archive bundle: nothing is written, every member is judged, and all the
// offending ones are reported together so the user can fix the archive in one go.
#include <archive_entry.h>

#include <deque>
#include <unordered_map>

#include "appspec/bundle/bundle_path.h"
#include "runner/download/download_archive.h"

namespace cdrun::download {

namespace {

// Bounds memory on hostile archives (millions of empty members); real bundles are far smaller.
constexpr size_t kMaxMembers = 1000000;
// The kernel's limit on symlinks followed while resolving one path.
constexpr int kMaxSymlinkHops = 40;

struct Member {
  std::string raw;   // as stored, for messages
  bundle_path::Normalised name;
  unsigned type = 0;  // AE_IF* of the entry
  bool hard_link = false;
  std::string target;  // symlink or hard link target, as stored
};

using SymlinkTargets = std::unordered_map<std::string, std::string>;  // member path -> target

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out = bundle_path::join(out, part);
  return out;
}

// Resolves `target` from directory `start` as the kernel would once everything is extracted,
// following the archive's own symlinks on the way: true when it ends up above the root.
bool leads_outside(const std::string& start, const std::string& target, const SymlinkTargets& symlinks) {
  if (!target.empty() && target.front() == '/') return true;
  std::vector<std::string> at;
  for (std::string_view part : bundle_path::split(start)) at.emplace_back(part);
  std::deque<std::string> pending;
  for (std::string_view part : bundle_path::split(target)) pending.emplace_back(part);
  int hops = 0;
  while (!pending.empty()) {
    std::string part = std::move(pending.front());
    pending.pop_front();
    if (part == ".") continue;
    if (part == "..") {
      if (at.empty()) return true;
      at.pop_back();
      continue;
    }
    at.push_back(std::move(part));
    const auto link = symlinks.find(joined(at));
    if (link == symlinks.end()) continue;
    if (++hops > kMaxSymlinkHops) return false;  // a loop fails with ELOOP; it leads nowhere
    at.pop_back();
    if (!link->second.empty() && link->second.front() == '/') return true;
    const std::vector<std::string_view> parts = bundle_path::split(link->second);
    pending.insert(pending.begin(), parts.begin(), parts.end());
  }
  return false;
}

// The symlink member that `path` would be written through, if any ("" when none).
std::string symlink_above(const std::string& path, const SymlinkTargets& symlinks) {
  for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
    const std::string prefix = path.substr(0, slash);
    if (symlinks.count(prefix)) return prefix;
  }
  return {};
}

const char* special_type(unsigned type) {
  switch (type) {
    case AE_IFCHR: return "a character device";
    case AE_IFBLK: return "a block device";
    case AE_IFIFO: return "a FIFO";
    case AE_IFSOCK: return "a socket";
    case AE_IFREG:
    case AE_IFDIR:
    case AE_IFLNK: return nullptr;
    default: return "an unknown file type";
  }
}

// Why `member` may not be extracted; "" when it may.
std::string offence(const Member& member, const SymlinkTargets& symlinks) {
  if (!member.raw.empty() && member.raw.front() == '/') return "absolute path";
  if (member.name.escapes_root) return "climbs above the archive root with ..";
  const std::string& path = member.name.path;
  const std::string carrier = symlink_above(path, symlinks);
  if (!carrier.empty()) return "stored under the symlink member " + carrier;
  if (member.hard_link) {
    const bundle_path::Normalised target = bundle_path::normalise(member.target);
    if (target.escapes_root) return "hard link to " + member.target + ", which leads outside the archive root";
    const std::string through = symlink_above(target.path, symlinks);
    if (!through.empty()) return "hard link to " + member.target + ", which goes through the symlink member " + through;
    // link(2) would make a second symlink, one this check does not follow, in another directory.
    if (symlinks.count(target.path)) return "hard link to " + member.target + ", which is a symlink member";
    if (path.empty()) return "a hard link in place of the archive root";
    return {};
  }
  if (const char* special = special_type(member.type)) return special;
  if (path.empty() && member.type != AE_IFDIR) return "a non-directory in place of the archive root";
  if (member.type == AE_IFLNK && leads_outside(bundle_path::parent(path), member.target, symlinks)) {
    return "symlink to " + member.target + ", which leads outside the archive root";
  }
  return {};
}

Member read_member(archive_entry* entry) {
  Member member;
  const char* name = archive_entry_pathname(entry);
  member.raw = name ? name : "";
  member.name = bundle_path::normalise(member.raw);
  member.type = static_cast<unsigned>(archive_entry_filetype(entry));
  if (const char* hard_link = archive_entry_hardlink(entry)) {
    member.hard_link = true;
    member.target = hard_link;
  } else if (member.type == AE_IFLNK) {
    const char* target = archive_entry_symlink(entry);
    member.target = target ? target : "";
  }
  return member;
}

}  // namespace

std::string archive_problem(archive* reader) {
  const char* text = reader ? archive_error_string(reader) : nullptr;
  return text ? text : "unrecognised data";
}

ArchiveReader open_archive(const std::string& path, BundleKind kind, std::string* error) {
  ArchiveReader reader(archive_read_new());
  if (!reader) {
    *error = "out of memory";
    return reader;
  }
  if (kind == BundleKind::zip) {
    archive_read_support_format_zip(reader.get());
  } else {
    archive_read_support_format_tar(reader.get());
    archive_read_support_format_gnutar(reader.get());
    if (kind == BundleKind::tgz) {
      archive_read_support_filter_gzip(reader.get());
    } else {
      archive_read_support_filter_all(reader.get());
    }
  }
  if (archive_read_open_filename(reader.get(), path.c_str(), 65536) != ARCHIVE_OK) {
    *error = path + ": " + archive_problem(reader.get());
    return ArchiveReader();
  }
  return reader;
}

MemberCheck check_archive_members(const std::string& path, BundleKind kind) {
  MemberCheck check;
  ArchiveReader reader = open_archive(path, kind, &check.read_error);
  if (!reader) return check;
  std::vector<Member> members;
  for (;;) {
    archive_entry* entry = nullptr;
    const int status = archive_read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) {
      check.read_error = archive_problem(reader.get());
      break;
    }
    if (members.size() == kMaxMembers) {
      check.read_error = "more than " + std::to_string(kMaxMembers) + " members";
      break;
    }
    members.push_back(read_member(entry));
  }
  SymlinkTargets symlinks;
  for (const Member& member : members) {
    if (member.type == AE_IFLNK && !member.hard_link && !member.name.escapes_root) {
      symlinks[member.name.path] = member.target;
    }
  }
  for (const Member& member : members) {
    const std::string why = offence(member, symlinks);
    if (!why.empty()) check.offences.push_back("`" + member.raw + "` (" + why + ")");
  }
  return check;
}

}  // namespace cdrun::download
