#include "appspec/bundle/bundle.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "appspec/bundle/bundle_readers.h"

namespace cdrun {

const char* bundle_kind_name(BundleKind kind) {
  switch (kind) {
    case BundleKind::directory: return "directory";
    case BundleKind::zip: return "zip";
    case BundleKind::tar: return "tar";
    case BundleKind::tgz: return "tgz";
  }
  return "directory";
}

const BundleEntry* Bundle::find(const std::string& path) const {
  const auto& all = entries();
  // The last member with a name wins, as extraction overwrites earlier ones.
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    if (!it->escapes_root && it->path == path) return &*it;
  }
  return nullptr;
}

OpenedBundle open_bundle(const std::string& path, std::optional<BundleKind> kind, const LeftOutFilter& left_out) {
  OpenedBundle opened;
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    opened.error = "cannot open bundle " + path + ": " + std::strerror(errno);
    return opened;
  }
  if (S_ISDIR(info.st_mode)) {
    if (kind && *kind != BundleKind::directory) {
      opened.error = "bundle " + path + " is a directory, not a " + bundle_kind_name(*kind) + " archive";
      return opened;
    }
    opened.bundle = open_directory_bundle(path, left_out, opened.error);
    return opened;
  }
  if (kind && *kind == BundleKind::directory) {
    opened.error = "bundle " + path + " is not a directory";
    return opened;
  }
  if (!S_ISREG(info.st_mode)) {
    opened.error = "bundle " + path + " is neither a directory nor a regular file";
    return opened;
  }
  if (info.st_size == 0) {
    opened.error = "bundle " + path + " is an empty file, not a zip, tar or tgz archive";
    return opened;
  }
  opened.bundle = open_archive_bundle(path, kind, opened.error);
  return opened;
}

}  // namespace cdrun
