// Builds real revision bundles for the end-to-end tests: zip / tar / tgz archives written with
// libarchive (including members a careful archiver would refuse, such as "../evil", absolute names
// and links leading outside), and directory trees deeper or longer than PATH_MAX allows by name.
#pragma once

#include <string>
#include <vector>

namespace cdrun::e2e {

enum class ArchiveFormat { zip, tar, tgz };

struct Member {
  enum class Kind { file, directory, symlink, hard_link, fifo };
  Kind kind = Kind::file;
  std::string name;     // stored exactly as given
  std::string content;  // files only
  unsigned mode = 0644;
  std::string target;   // symlinks and hard links
};

Member file_member(const std::string& name, const std::string& content, unsigned mode = 0644);
Member directory_member(const std::string& name);
Member symlink_member(const std::string& name, const std::string& target);
Member hard_link_member(const std::string& name, const std::string& target);
Member fifo_member(const std::string& name);

// Writes `members` in order to `path` (tar and tgz as ustar); throws std::runtime_error when
// libarchive refuses.
void write_archive(const std::string& path, ArchiveFormat format, const std::vector<Member>& members);

// Creates `depth` directories named `name`, each inside the previous one, starting in `parent`.
// Works by file descriptor, so the chain may be far longer than PATH_MAX.
void make_nested_directories(const std::string& parent, const std::string& name, int depth);

// Removes `path` and everything below it by file descriptor, keeping only a couple open at any
// depth; std::filesystem::remove_all may fail once full paths pass PATH_MAX. Directories made
// unreadable are given their mode back first. Missing paths are ignored.
void remove_tree(const std::string& path);

// Removes a tree when the test ends, even when an assertion returned early.
class TreeRemoval {
 public:
  explicit TreeRemoval(std::string path) : path_(std::move(path)) {}
  ~TreeRemoval() { remove_tree(path_); }
  TreeRemoval(const TreeRemoval&) = delete;
  TreeRemoval& operator=(const TreeRemoval&) = delete;

 private:
  std::string path_;
};

}  // namespace cdrun::e2e
