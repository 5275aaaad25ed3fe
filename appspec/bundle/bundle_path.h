// Lexical handling of '/'-separated paths inside a bundle (internal to the bundle readers/checks).
// Nothing here touches the filesystem: archive members and appspec locations are only names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cdrun::bundle_path {

struct Normalised {
  std::string path;           // "a/b" for "./a//b/"; "" for the root itself
  bool escapes_root = false;  // absolute, or a ".." climbing above the root
  bool has_dotdot = false;    // some ".." component was written, even if it stays inside
};

// "./a" -> "a", "a//b/" -> "a/b", "a/./b" -> "a/b", "a/../b" -> "b". Escaping names keep their
// written form (minus trailing '/') so messages can show them as stored.
Normalised normalise(std::string_view raw);

// Components without empty ones: "a//b/" -> {"a", "b"}.
std::vector<std::string_view> split(std::string_view path);

std::string_view basename(std::string_view path);
std::string_view first_component(std::string_view path);
// "a/b/c" -> "a/b"; "a" -> "".
std::string parent(std::string_view path);
// "a" + "b" -> "a/b"; "" + "b" -> "b".
std::string join(std::string_view dir, std::string_view name);

}  // namespace cdrun::bundle_path
