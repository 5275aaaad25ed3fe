#include "runner/pack/left_out_paths.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "runner/pack/pack_tree.h"

namespace cdrun::pack {
namespace {

constexpr const char* kIgnoreFile = ".cdrunignore";

}  // namespace

std::string LeftOutPaths::load(const std::string& root, const std::string& output) {
  output_ = output;
  rules_ = IgnoreRules{};
  const std::string ignore_path = root + "/" + kIgnoreFile;
  struct stat info {};
  if (::lstat(ignore_path.c_str(), &info) != 0) return "";
  std::ifstream in(ignore_path, std::ios::binary);
  if (!S_ISREG(info.st_mode) || !in) return "cannot read " + ignore_path + ": not a readable file";
  std::ostringstream text;
  text << in.rdbuf();  // sets failbit on an empty file, which is fine: no patterns
  rules_ = IgnoreRules::parse(text.str());
  return "";
}

bool LeftOutPaths::operator()(const std::string& path, bool is_directory) const {
  const std::string::size_type slash = path.rfind('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (always_left_out(name, is_directory)) return true;
  if (path == kIgnoreFile) return true;
  if (!output_.empty() && (path == output_ || path.rfind(output_ + ".tmp-", 0) == 0)) return true;
  return rules_.ignores(path, is_directory);
}

std::string output_inside_directory(const std::string& directory, const std::string& output) {
  const std::filesystem::path target(output);
  const std::string parent = real_path(target.has_parent_path() ? target.parent_path().string() : ".");
  const std::string root = real_path(directory);
  if (parent.empty() || root.empty()) return "";
  const std::string name = target.filename().string();
  if (parent == root) return name;
  if (parent.rfind(root + "/", 0) == 0) return parent.substr(root.size() + 1) + "/" + name;
  return "";
}

}  // namespace cdrun::pack
