#include "runner/pack/pack_tree.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "runner/fs/filesystem.h"
#include "runner/pack/left_out_paths.h"

namespace cdrun::pack {
namespace {

using download::errno_message;

class TreeReader {
 public:
  TreeReader(std::string root, LeftOutPaths left_out) : root_(std::move(root)), left_out_(std::move(left_out)) {}

  // Adds the members under directory `relative` ("" for the root); false with error_ set on a refusal.
  bool read_directory(const std::string& relative) {
    std::vector<std::string> names;
    const std::string dir = relative.empty() ? root_ : root_ + "/" + relative;
    if (!download::list_directory(dir, &names, &error_)) return false;
    for (const std::string& name : names) {
      const std::string path = relative.empty() ? name : relative + "/" + name;
      if (!add(path)) return false;
    }
    return true;
  }

  std::vector<PackMember> members() && { return std::move(members_); }
  const std::string& error() const { return error_; }

 private:
  bool add(const std::string& path) {
    PackMember member;
    member.path = path;
    member.source = root_ + "/" + path;
    struct stat info {};
    if (::lstat(member.source.c_str(), &info) != 0) return fail(errno_message("cannot read", member.source));
    if (left_out_(path, S_ISDIR(info.st_mode))) return true;
    member.permissions = info.st_mode & 07777;
    if (S_ISREG(info.st_mode)) {
      member.size = info.st_size;
    } else if (S_ISDIR(info.st_mode)) {
      member.kind = MemberKind::directory;
    } else if (S_ISLNK(info.st_mode)) {
      member.kind = MemberKind::symlink;
      if (!read_link(&member)) return false;
    } else {
      const char* what = S_ISSOCK(info.st_mode) ? "a socket" : S_ISFIFO(info.st_mode) ? "a FIFO" : "a device";
      return fail(path + " is " + what + "; a bundle holds only files, directories and symlinks");
    }
    members_.push_back(member);
    return member.kind != MemberKind::directory || read_directory(path);
  }

  bool read_link(PackMember* member) {
    std::string target(PATH_MAX, '\0');
    const ssize_t length = ::readlink(member->source.c_str(), target.data(), target.size());
    if (length < 0) return fail(errno_message("cannot read the symlink", member->source));
    target.resize(static_cast<size_t>(length));
    member->link_target = target;
    std::string why = link_escape_reason(member->path, target);
    if (why.empty()) why = resolved_escape_reason(*member);
    return why.empty() || fail(why);
  }

  // A link whose text stays inside may still lead out through another link on its way.
  std::string resolved_escape_reason(const PackMember& member) const {
    const std::string real = real_path(member.source);
    const std::string base = real_path(root_);
    if (real.empty() || base.empty()) return "";  // dangling: the text alone decides
    if (real == base || real.rfind(base + "/", 0) == 0) return "";
    return "symlink " + member.path + " -> " + member.link_target + " leads outside the bundle directory (to " +
           real + "); refusing to bundle it";
  }

  bool fail(const std::string& why) {
    error_ = why;
    return false;
  }

  std::string root_;
  LeftOutPaths left_out_;
  std::vector<PackMember> members_;
  std::string error_;
};

}  // namespace

std::string real_path(const std::string& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (!resolved) return "";
  std::string text(resolved);
  std::free(resolved);
  return text;
}

std::string link_escape_reason(const std::string& path, const std::string& target) {
  const std::string refusal = "symlink " + path + " -> " + target;
  if (target.empty()) return refusal + " has an empty target; refusing to bundle it";
  if (target[0] == '/') return refusal + " is absolute; only links to a path inside the bundle directory are kept";
  // Depth of the link's own directory, then each component of the target moves up or down.
  long depth = static_cast<long>(std::count(path.begin(), path.end(), '/'));
  std::istringstream parts(target);
  for (std::string part; std::getline(parts, part, '/');) {
    if (part.empty() || part == ".") continue;
    depth += part == ".." ? -1 : 1;
    if (depth < 0) return refusal + " leads outside the bundle directory; refusing to bundle it";
  }
  return "";
}

TreeScan scan_tree(const std::string& root, const std::string& output) {
  TreeScan scan;
  LeftOutPaths left_out;
  scan.error = left_out.load(root, output);
  if (!scan.error.empty()) return scan;
  TreeReader reader(root, std::move(left_out));
  if (!reader.read_directory("")) {
    scan.error = reader.error();
    return scan;
  }
  scan.members = std::move(reader).members();
  std::sort(scan.members.begin(), scan.members.end(),
            [](const PackMember& a, const PackMember& b) { return a.path < b.path; });
  return scan;
}

}  // namespace cdrun::pack
