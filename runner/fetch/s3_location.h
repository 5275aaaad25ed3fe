// codedeploy-local 1.8's S3 bundle location, `s3://bucket/key[?versionId=V&etag=E]`
// (agent-behavior.md §7.1, §7.3): the bucket is the URI's host, the key its path without the leading
// '/', kept as written (not percent-decoded, as Ruby's URI#path), and the query gives the version
// and the expected ETag. Agent 2.x parses no query (agent2-behavior.md §1.3); cdrun follows 1.8.
#pragma once

#include <optional>
#include <string>

namespace cdrun {

struct S3Location {
  std::string bucket;
  std::string key;
  std::string version_id;  // "" when not given
  std::string etag;        // "" when not given; compared without quotes
};

struct S3LocationParse {
  std::optional<S3Location> location;
  std::string error;  // the agent's "s3 location <l> not in the expected format of 's3://bucket/key'"
};

// True when `location`'s scheme is s3 (in any case, as URI schemes are).
bool is_s3_location(const std::string& location);

S3LocationParse parse_s3_location(const std::string& location);

// "s3://bucket/key", and "?versionId=V" when there is one: how messages name what was asked for.
std::string s3_location_text(const S3Location& location);

}  // namespace cdrun
