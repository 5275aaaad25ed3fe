// What a bundle download (S3 or GitHub) gives its caller: the file, or one sentence saying why not.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace cdrun {

struct FetchedBundle {
  std::string path;  // the destination given
  std::uint64_t size = 0;
  std::string etag;        // S3: as S3 sent it, quotes stripped
  std::string version_id;  // S3: x-amz-version-id, "" for an unversioned bucket
};

struct FetchResult {
  std::optional<FetchedBundle> bundle;
  std::string error;  // the sentence printed as "ERROR: <error>"
  std::string hint;   // a second line when there is one ("" otherwise)
};

}  // namespace cdrun
