#include "runner/publish/s3_destination.h"

#include <filesystem>

namespace cdrun::publish {
namespace {

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

std::optional<S3Destination> parse_s3_destination(const std::string& location, std::string* error) {
  const std::string scheme = "s3://";
  if (location.rfind(scheme, 0) != 0) {
    *error = "--s3-location " + location + " is not an s3://bucket/key or s3://bucket/prefix/ location";
    return std::nullopt;
  }
  const std::string rest = location.substr(scheme.size());
  const std::size_t slash = rest.find('/');
  S3Destination destination;
  destination.bucket = rest.substr(0, slash);
  destination.key = slash == std::string::npos ? "" : rest.substr(slash + 1);
  if (destination.bucket.empty()) {
    *error = "--s3-location " + location + " names no bucket";
    return std::nullopt;
  }
  destination.is_prefix = destination.key.empty() || destination.key.back() == '/';
  return destination;
}

std::string content_addressed_key(const std::string& prefix, const std::string& name, const std::string& sha256,
                                  const std::string& extension) {
  return prefix + name + "-" + sha256.substr(0, 16) + "." + extension;
}

std::string revision_name(const std::string& source_path) {
  std::filesystem::path path(source_path);
  std::error_code ignored;
  const std::filesystem::path absolute = std::filesystem::weakly_canonical(std::filesystem::absolute(path), ignored);
  std::filesystem::path chosen = absolute.empty() ? path : absolute;
  if (!chosen.has_filename()) chosen = chosen.parent_path();  // "dir/"
  std::string name = chosen.filename().string();
  for (const char* extension : {".tar.gz", ".tgz", ".zip", ".tar"})
    if (ends_with(name, extension) && name.size() > std::string(extension).size()) {
      name.resize(name.size() - std::string(extension).size());
      break;
    }
  return name.empty() || name == "." || name == "/" ? "bundle" : name;
}

}  // namespace cdrun::publish
