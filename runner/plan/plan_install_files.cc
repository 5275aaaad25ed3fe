#include "runner/plan/plan_install_files.h"

#include <unordered_set>

#include "appspec/bundle/bundle_index.h"
#include "appspec/bundle/bundle_path.h"
#include "runner/install/install_cleanup.h"
#include "runner/fs/ruby_paths.h"

namespace cdrun {
namespace {

// Symlinked directories are followed (the agent copies them as real directories); a bundle whose
// links point back up would otherwise never end.
constexpr int kMaxLinkDepth = 16;

class FileMapper {
 public:
  explicit FileMapper(const NewRevision& revision) : revision_(revision), index_(*revision.index) {}

  PlanFileMapping map(const FileSpec& file) {
    PlanFileMapping mapping;
    mapping.source = file.source;
    mapping.destination = file.destination;
    const size_t start = file.source.find_first_not_of('/');
    const bundle_path::Normalised relative =
        bundle_path::normalise(start == std::string::npos ? std::string() : file.source.substr(start));
    std::string root = revision_.root_prefix;
    if (!root.empty() && root.back() == '/') root.pop_back();
    std::string directory;
    if (relative.escapes_root) {
      mapping.source_missing = true;
    } else if (relative.path.empty()) {
      mapping.source_is_directory = true;
      directory = root;
    } else {
      const BundleIndex::Resolved resolved = index_.resolve(bundle_path::join(root, relative.path));
      if (resolved.status != BundleIndex::Status::found) {
        mapping.source_missing = true;
      } else if (index_.is_directory(resolved.path)) {
        mapping.source_is_directory = true;
        directory = resolved.path;
      }
    }
    if (mapping.source_is_directory) {
      collect(directory, file.destination, 0, mapping.targets);
    } else {
      // A file is never renamed: the destination is always a directory (INS:136-148). A missing
      // source still gets its copy instruction, so DISALLOW is checked before the copy fails.
      mapping.targets.push_back(ruby_file_join(file.destination, ruby_basename(file.source)));
    }
    return mapping;
  }

 private:
  void collect(const std::string& directory, const std::string& destination, int depth, std::vector<std::string>& out) {
    const std::string prefix = directory.empty() ? std::string() : directory + "/";
    for (const BundleEntry& entry : revision_.bundle->entries()) {
      if (entry.escapes_root || entry.path.size() <= prefix.size() || entry.path.compare(0, prefix.size(), prefix) != 0) continue;
      if (index_.entry(entry.path) != &entry) continue;  // an archive's later member with the same name wins
      if (entry.type == EntryType::directory) continue;
      const std::string below = entry.path.substr(prefix.size());
      if (entry.type == EntryType::symlink) {
        const BundleIndex::Resolved resolved = index_.resolve(entry.path);
        if (resolved.status == BundleIndex::Status::found && index_.is_directory(resolved.path)) {
          if (depth < kMaxLinkDepth) collect(resolved.path, ruby_file_join(destination, below), depth + 1, out);
          continue;
        }
      }
      out.push_back(ruby_file_join(destination, below));
    }
  }

  const NewRevision& revision_;
  const BundleIndex& index_;
};

}  // namespace

std::vector<PlanFileMapping> map_install_files(const NewRevision& revision, const std::vector<FileSpec>& files) {
  std::vector<PlanFileMapping> mappings;
  if (!revision.bundle || !revision.index) return mappings;
  FileMapper mapper(revision);
  for (const FileSpec& file : files) mappings.push_back(mapper.map(file));
  return mappings;
}

std::vector<std::string> find_install_conflicts(const std::vector<PlanFileMapping>& mappings,
                                                const std::string& cleanup_file, const std::string& cwd) {
  bool present = false;
  std::vector<CleanupEntry> entries;
  // An unreadable cleanup list removes nothing: every existing file then conflicts.
  (void)read_cleanup_file(cleanup_file, &present, &entries);
  const PredictedTree after_cleanup(entries, cwd);
  std::vector<std::string> conflicts;
  std::unordered_set<std::string> seen;
  for (const PlanFileMapping& mapping : mappings) {
    for (const std::string& target : mapping.targets) {
      if (after_cleanup.exists(target) && seen.insert(target).second) conflicts.push_back(target);
    }
  }
  return conflicts;
}

bool behavior_refuses_existing(const std::string& file_exists_behavior) {
  return file_exists_behavior != "OVERWRITE" && file_exists_behavior != "RETAIN";
}

}  // namespace cdrun
