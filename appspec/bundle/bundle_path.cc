#include "appspec/bundle/bundle_path.h"

namespace cdrun::bundle_path {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

Normalised normalise(std::string_view raw) {
  Normalised out;
  std::string_view trimmed = raw;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.remove_suffix(1);

  std::vector<std::string_view> kept;
  bool climbed_out = false;
  for (std::string_view part : split(raw)) {
    if (part == ".") continue;
    if (part == "..") {
      out.has_dotdot = true;
      if (kept.empty()) {
        climbed_out = true;
      } else {
        kept.pop_back();
      }
      continue;
    }
    kept.push_back(part);
  }

  if (!raw.empty() && raw.front() == '/') climbed_out = true;
  if (climbed_out) {
    out.escapes_root = true;
    out.path = std::string(trimmed);
    return out;
  }
  for (std::string_view part : kept) {
    if (!out.path.empty()) out.path += '/';
    out.path.append(part.data(), part.size());
  }
  return out;
}

std::string_view basename(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view first_component(std::string_view path) {
  const std::size_t slash = path.find('/');
  return slash == std::string_view::npos ? path : path.substr(0, slash);
}

std::string parent(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

std::string join(std::string_view dir, std::string_view name) {
  std::string out(dir);
  if (!out.empty() && !name.empty()) out += '/';
  out.append(name.data(), name.size());
  return out;
}

}  // namespace cdrun::bundle_path
