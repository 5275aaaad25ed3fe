// Where `cdrun push` puts the archive: `--s3-location s3://bucket/key`, or s3://bucket/prefix/ (a
// trailing "/") for a content-addressed key chosen here.
#pragma once

#include <optional>
#include <string>

namespace cdrun::publish {

struct S3Destination {
  std::string bucket;
  std::string key;         // the key as given, or the prefix ("" or ending in "/")
  bool is_prefix = false;  // the location ended in "/" (or named only the bucket)
};

// Parses "s3://bucket/key" or "s3://bucket/prefix/"; nullopt with `error` set otherwise.
std::optional<S3Destination> parse_s3_destination(const std::string& location, std::string* error);

// The key under a prefix: "<prefix><name>-<first 16 hex digits of sha256>.<extension>", so the
// same bytes always land on the same key and a new archive never replaces an old one.
std::string content_addressed_key(const std::string& prefix, const std::string& name, const std::string& sha256,
                                  const std::string& extension);

// The name part of that key for a source path: the directory's or archive's base name without
// its archive extension (".zip", ".tgz", ".tar.gz", ".tar"), "bundle" when there is none.
std::string revision_name(const std::string& source_path);

}  // namespace cdrun::publish
