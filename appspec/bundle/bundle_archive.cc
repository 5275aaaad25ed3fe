// A zip / tar / tgz bundle read in place with libarchive: the member list once at open, and one
// more streaming pass per read_files call. Nothing is written to disk.
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <unordered_map>

#include "appspec/bundle/bundle_path.h"
#include "appspec/bundle/bundle_readers.h"

namespace cdrun {

namespace {

// Bounds memory on hostile archives (millions of empty members); real bundles are far smaller.
constexpr std::size_t kMaxMembers = 1000000;

struct ReaderDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};
using Reader = std::unique_ptr<archive, ReaderDeleter>;

// Null with `error` set when libarchive cannot even start reading the file.
Reader open_reader(const std::string& path, std::string* error = nullptr) {
  Reader reader(archive_read_new());
  if (!reader) return reader;
  archive_read_support_format_zip(reader.get());
  archive_read_support_format_tar(reader.get());
  archive_read_support_format_gnutar(reader.get());
  archive_read_support_filter_all(reader.get());
  if (archive_read_open_filename(reader.get(), path.c_str(), 65536) != ARCHIVE_OK) {
    if (error) *error = archive_error_string(reader.get()) ? archive_error_string(reader.get()) : "unrecognised data";
    return Reader();
  }
  return reader;
}

std::string libarchive_error(archive* a) {
  const char* text = a ? archive_error_string(a) : nullptr;
  return text ? text : "unrecognised data";
}

std::string member_name(archive_entry* entry) {
  const char* name = archive_entry_pathname(entry);
  if (!name) name = archive_entry_pathname_utf8(entry);
  return name ? name : "";
}

// What the content is, judged by libarchive once the first header has been read.
std::optional<BundleKind> detected_kind(archive* a) {
  const int format = archive_format(a) & ARCHIVE_FORMAT_BASE_MASK;
  if (format == ARCHIVE_FORMAT_ZIP) return BundleKind::zip;
  if (format != ARCHIVE_FORMAT_TAR) return std::nullopt;
  return archive_filter_code(a, 0) == ARCHIVE_FILTER_GZIP ? BundleKind::tgz : BundleKind::tar;
}

// Whether the agent's extractor for `declared` can unpack content of kind `actual`.
// GNU tar -x detects compression on its own, so a gzip'd tar declared as "tar" still works.
bool extractor_accepts(BundleKind declared, BundleKind actual) {
  if (declared == actual) return true;
  return declared == BundleKind::tar && actual == BundleKind::tgz;
}

const char* extractor_command(BundleKind declared) {
  switch (declared) {
    case BundleKind::zip: return "unzip";
    case BundleKind::tgz: return "tar -zxpsf";
    default: return "tar -xpsf";
  }
}

class ArchiveBundle final : public Bundle {
 public:
  ArchiveBundle(std::string path, BundleKind kind) : path_(std::move(path)), display_(path_), kind_(kind) {}

  BundleKind kind() const override { return kind_; }
  const std::string& display_name() const override { return display_; }
  const std::vector<BundleEntry>& entries() const override { return entries_; }
  const Diagnostics& read_problems() const override { return problems_; }
  std::map<std::string, std::string> read_files(const std::set<std::string>& paths,
                                                std::size_t limit) const override;

  // Reads every header; returns false (with `error`) when the file is not a readable archive.
  bool list(std::optional<BundleKind> declared, std::string& error);

 private:
  void add_entry(archive_entry* entry);
  void problem(Severity severity, const char* code, std::string message, std::string hint) {
    problems_.push_back(make_diagnostic(severity, code, std::move(message), display_, {}, std::move(hint)));
  }

  std::string path_;
  std::string display_;
  BundleKind kind_;
  std::vector<BundleEntry> entries_;
  Diagnostics problems_;
};

void ArchiveBundle::add_entry(archive_entry* entry) {
  BundleEntry e;
  e.raw_name = member_name(entry);
  const bundle_path::Normalised normalised = bundle_path::normalise(e.raw_name);
  e.path = normalised.path;
  e.escapes_root = normalised.escapes_root;
  e.mode = static_cast<unsigned>(archive_entry_perm(entry)) & 07777u;
  e.size = archive_entry_size_is_set(entry) ? static_cast<std::uint64_t>(archive_entry_size(entry)) : 0;
  const char* hardlink = archive_entry_hardlink(entry);
  switch (archive_entry_filetype(entry)) {
    case AE_IFDIR: e.type = EntryType::directory; break;
    case AE_IFLNK: e.type = EntryType::symlink; break;
    case AE_IFREG: e.type = EntryType::file; break;
    default: e.type = hardlink ? EntryType::file : EntryType::other; break;
  }
  if (e.type == EntryType::symlink) {
    const char* target = archive_entry_symlink(entry);
    e.link_target = target ? target : "";
  } else if (hardlink) {
    e.link_target = hardlink;  // a regular file whose data is another member's
  }
  // The root itself ("./" in tars made with `tar -C dir .`) is not an entry of the tree.
  if (e.path.empty() && !e.escapes_root) return;
  entries_.push_back(std::move(e));
}

bool ArchiveBundle::list(std::optional<BundleKind> declared, std::string& error) {
  std::string why;
  Reader reader = open_reader(path_, &why);
  if (!reader) {
    error = path_ + " is not a zip, tar or tgz archive (" + why + ")";
    return false;
  }
  archive* a = reader.get();
  bool first = true;
  int retries = 0;
  for (;;) {
    archive_entry* entry = nullptr;
    const int status = archive_read_next_header(a, &entry);
    if (first) {
      const std::optional<BundleKind> actual = detected_kind(a);
      if (status < ARCHIVE_WARN && status != ARCHIVE_EOF) {
        error = path_ + " is not a zip, tar or tgz archive (" + libarchive_error(a) + ")";
        return false;
      }
      if (!actual && !declared) {
        error = path_ + " is not a zip, tar or tgz archive";
        return false;
      }
      kind_ = declared.value_or(*actual);
      if (declared && actual && !extractor_accepts(*declared, *actual)) {
        problem(Severity::error, "CD310",
                std::string("bundle is declared as ") + bundle_kind_name(*declared) + " but its content is " +
                    bundle_kind_name(*actual) + "; the agent's " + extractor_command(*declared) +
                    " fails to extract it",
                std::string("deploy it with bundle type ") + bundle_kind_name(*actual) +
                    ", or re-create the archive as " + bundle_kind_name(*declared));
      }
      first = false;
    }
    if (status == ARCHIVE_EOF) break;
    if (status == ARCHIVE_RETRY && ++retries <= 16) continue;  // bounded: never spin on a bad member
    if (status < ARCHIVE_WARN || status == ARCHIVE_RETRY) {
      problem(Severity::error, "CD311",
              "archive is corrupt after " + std::to_string(entries_.size()) + (entries_.size() == 1 ? " member: " : " members: ") + libarchive_error(a),
              "re-create the archive; the agent's extractor would fail on it too");
      break;
    }
    if (entries_.size() >= kMaxMembers) {
      problem(Severity::warning, "CD311", "archive has more than " + std::to_string(kMaxMembers) +
                                              " members; the rest were not checked", "");
      break;
    }
    add_entry(entry);
  }
  return true;
}

std::map<std::string, std::string> ArchiveBundle::read_files(const std::set<std::string>& paths,
                                                             std::size_t limit) const {
  // Which member's data each requested path needs: itself, or a hard link's target.
  std::unordered_map<std::string, const BundleEntry*> last;
  for (const BundleEntry& e : entries_) {
    if (!e.escapes_root && paths.count(e.path)) last[e.path] = &e;
  }
  std::unordered_map<std::string, std::vector<std::string>> wanted;
  for (const auto& [path, e] : last) {
    if (e->type != EntryType::file) continue;
    const std::string source = e->link_target.empty() ? path : bundle_path::normalise(e->link_target).path;
    wanted[source].push_back(path);
  }
  std::map<std::string, std::string> out;
  if (wanted.empty()) return out;

  Reader reader = open_reader(path_);
  if (!reader) return out;
  archive* a = reader.get();
  std::vector<char> buffer(65536);
  archive_entry* entry = nullptr;
  for (int status = archive_read_next_header(a, &entry); status == ARCHIVE_OK || status == ARCHIVE_WARN;
       status = archive_read_next_header(a, &entry)) {
    if (archive_entry_filetype(entry) != AE_IFREG || archive_entry_hardlink(entry)) continue;
    const bundle_path::Normalised name = bundle_path::normalise(member_name(entry));
    if (name.escapes_root) continue;
    auto it = wanted.find(name.path);
    if (it == wanted.end()) continue;
    std::string content;
    while (content.size() < limit) {
      const la_ssize_t got = archive_read_data(a, buffer.data(), std::min(buffer.size(), limit - content.size()));
      if (got <= 0) break;
      content.append(buffer.data(), static_cast<std::size_t>(got));
    }
    for (const std::string& requested : it->second) out[requested] = content;
  }
  return out;
}

}  // namespace

std::unique_ptr<Bundle> open_archive_bundle(const std::string& path, std::optional<BundleKind> declared,
                                            std::string& error) {
  auto bundle = std::make_unique<ArchiveBundle>(path, declared.value_or(BundleKind::zip));
  if (!bundle->list(declared, error)) return nullptr;
  return bundle;
}

}  // namespace cdrun
