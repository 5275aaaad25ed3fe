// A revision bundle read in place: a directory, or a zip / tar / tgz archive read with libarchive
// (nothing is extracted to disk). Paths are relative to the bundle root, '/'-separated, without a
// leading "./".
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "appspec/core/diagnostic.h"

namespace cdrun {

class BundleIndex;

enum class BundleKind { directory, zip, tar, tgz };
const char* bundle_kind_name(BundleKind kind);

enum class EntryType { file, directory, symlink, other };

struct BundleEntry {
  std::string path;         // normalised relative path ("scripts/start.sh")
  std::string raw_name;     // the name exactly as stored (archives), for messages
  EntryType type = EntryType::file;
  unsigned mode = 0644;     // permission bits (07777)
  std::uint64_t size = 0;
  std::string link_target;  // symlinks
  bool escapes_root = false;  // absolute, or ".." leading outside the root (archives)
};

class Bundle {
 public:
  virtual ~Bundle() = default;
  virtual BundleKind kind() const = 0;
  // How the bundle is named in diagnostics: "bundle.zip" or the directory path.
  virtual const std::string& display_name() const = 0;
  // Every entry, in storage order (archives) or sorted (directories).
  virtual const std::vector<BundleEntry>& entries() const = 0;
  // Contents of regular files (symlinks inside a directory bundle are followed when they stay
  // inside it). One pass over an archive for the whole set. Files larger than `limit` bytes are
  // truncated to `limit`. Paths that are not regular files are absent from the result.
  virtual std::map<std::string, std::string> read_files(const std::set<std::string>& paths,
                                                        std::size_t limit) const = 0;
  // Problems met while reading (unreadable entries, symlink loops, corrupt archive members).
  virtual const Diagnostics& read_problems() const = 0;

  const BundleEntry* find(const std::string& path) const;

  // The lookup structure over entries(), built on first use and then shared by every reader and
  // check: a 100,000-entry bundle must not be indexed once per question.
  const BundleIndex& index() const;

 private:
  mutable std::shared_ptr<const BundleIndex> index_;
};

struct OpenedBundle {
  std::unique_ptr<Bundle> bundle;
  std::string error;  // set when the bundle cannot be opened at all (missing, not an archive)
};

// Whether a directory bundle's entry (relative path) is one its archive will not hold: `cdrun bundle`
// and `cdrun push` judge the directory as the archive they write from it. A left-out directory's
// contents are left out with it.
using LeftOutFilter = std::function<bool(const std::string& path, bool is_directory)>;

// Opens `path`; the kind is detected from the file when not given (directory, or archive format).
// `left_out`, when set, hides entries of a directory bundle (archives are read as they are).
OpenedBundle open_bundle(const std::string& path, std::optional<BundleKind> kind = std::nullopt,
                         const LeftOutFilter& left_out = {});

// Where the agent will find the appspec in this bundle, after its single-top-directory stripping
// rule for archives (agent-behavior.md §3.3, §3.4), plus diagnostics about the layout.
struct AppSpecLocation {
  std::string root_prefix;    // "" or "wrapper/" when the agent strips a single top directory
  std::string appspec_path;   // bundle path of the appspec the agent reads at Install ("" if none)
  std::string hooks_appspec;  // path the hook events read (no .yaml fallback there); "" if missing
  Diagnostics diagnostics;
};
AppSpecLocation locate_appspec(const Bundle& bundle, const std::optional<std::string>& appspec_filename);

// The text of the appspec locate_appspec found (its appspec_path must be set), read through a
// symlink that stays inside the bundle as the agent's File.read would. Without text, `problems`
// holds the error saying why (CD307); a symlinked appspec also gets a note (CD308).
struct BundleAppSpecText {
  std::optional<std::string> text;
  Diagnostics problems;
};
BundleAppSpecText read_bundle_appspec(const Bundle& bundle, const AppSpecLocation& location, std::size_t limit);

// Why read_files gave no data for the regular file `path`: open(2)'s error in a directory bundle.
std::string unreadable_reason(const Bundle& bundle, const std::string& path);

}  // namespace cdrun
