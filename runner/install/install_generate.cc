#include "runner/install/install_generate.h"

#include <dirent.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "runner/fs/ruby_paths.h"

namespace cdrun {

std::string effective_file_exists_behavior(const Ec2AppSpec& appspec, const std::string& deployment_value) {
  if (appspec.file_exists_behavior) return *appspec.file_exists_behavior;
  return deployment_value.empty() ? "DISALLOW" : deployment_value;
}

namespace {

std::string real_path(const std::string& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (!resolved) return path;
  std::string out = resolved;
  std::free(resolved);
  return out;
}

bool is_same_or_below(const std::string& ancestor, const std::string& path) {
  if (ancestor == "/") return true;
  return path == ancestor || path.compare(0, ancestor.size() + 1, ancestor + "/") == 0;
}

// The files part of Installer#generate_instructions. Destinations known not to exist ("fresh":
// below a directory this install creates) are not looked up, so a new tree costs no stat per file.
class FilesWalk {
 public:
  FilesWalk(const GenerationInput& input, InstructionList* list)
      : input_(input), list_(list), behavior_(effective_file_exists_behavior(*input.appspec, input.file_exists_behavior)) {}

  GenerationOutcome run() {
    for (const FileSpec& file : input_.appspec->files) {
      const std::string source = ruby_file_join(input_.archive_dir, file.source);
      struct stat info {};
      if (::stat(source.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
        const bool fresh = fill_in_missing_ancestors(file.destination);
        real_stack_.assign(1, real_path(source));
        directory_copy(source, file.destination, fresh);
      } else {
        const std::string target = ruby_file_join(file.destination, ruby_basename(source));
        normal_copy(source, target, fill_in_missing_ancestors(target));
      }
      if (stopped_) break;
    }
    return std::move(outcome_);
  }

 private:
  void fail(InstallError error) {
    if (!outcome_.error) outcome_.error = std::move(error);
    stopped_ = true;
  }

  // Returns true when an ancestor was missing, i.e. `destination` cannot exist yet.
  bool fill_in_missing_ancestors(const std::string& destination) {
    std::vector<std::string> missing;
    std::string parent = ruby_dirname(destination);
    while (parent != "." && parent != "/" && !input_.tree->exists(parent)) {
      missing.push_back(parent);
      parent = ruby_dirname(parent);
    }
    for (auto it = missing.rbegin(); it != missing.rend() && !stopped_; ++it) {
      if (InstallError error = list_->mkdir(*it)) fail(std::move(error));
    }
    return !missing.empty();
  }

  void directory_copy(const std::string& source, const std::string& destination, bool fresh) {
    const bool create = fresh || !input_.tree->is_directory(destination);
    if (create) {
      if (InstallError error = list_->mkdir(destination)) return fail(std::move(error));
    }
    DIR* dir = ::opendir(source.c_str());
    if (!dir) return fail({InstallErrorKind::system_call, std::string(std::strerror(errno)) + " @ dir_initialize - " + source});
    // Dir.entries order: readdir order, nothing sorted, dot files included.
    while (const dirent* entry = ::readdir(dir)) {
      const std::string name = entry->d_name;
      if (name == "." || name == "..") continue;
      const std::string child_source = ruby_file_join(source, name);
      const std::string child_destination = ruby_file_join(destination, name);
      bool is_dir = entry->d_type == DT_DIR;
      const bool followed = entry->d_type == DT_LNK || entry->d_type == DT_UNKNOWN;
      if (followed) {
        struct stat info {};
        is_dir = ::stat(child_source.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
      }
      if (is_dir) {
        const std::string real =
            entry->d_type == DT_DIR ? ruby_file_join(real_stack_.back(), name) : real_path(child_source);
        if (entry->d_type != DT_DIR && leads_back(real)) {
          fail({InstallErrorKind::runtime, "The directory link " + child_source + " leads back to " + real +
                                               ", which contains it: copying it would never end. Remove the link "
                                               "from the bundle or point it elsewhere."});
        } else {
          real_stack_.push_back(real);
          directory_copy(child_source, child_destination, create);
          real_stack_.pop_back();
        }
      } else {
        normal_copy(child_source, child_destination, create);
      }
      if (stopped_) break;
    }
    ::closedir(dir);
  }

  // A symlinked directory that resolves to a directory being copied would recurse forever.
  bool leads_back(const std::string& real) const {
    for (const std::string& open : real_stack_) {
      if (is_same_or_below(real, open)) return true;
    }
    return false;
  }

  void normal_copy(const std::string& source, const std::string& destination, bool fresh) {
    bool overwrites = false;
    if (!fresh && input_.tree->exists(destination)) {
      if (behavior_ == "DISALLOW") {
        outcome_.conflicts.push_back(destination);
        if (!outcome_.error) {
          outcome_.error = {InstallErrorKind::runtime,
                            "The deployment failed because a specified file already exists at this location: " + destination};
        }
        return;
      }
      if (behavior_ == "RETAIN") return;
      if (behavior_ != "OVERWRITE") {
        return fail({InstallErrorKind::runtime,
                     "The deployment failed because an invalid option was specified for fileExistsBehavior: " + behavior_ +
                         ". Valid options include OVERWRITE, RETAIN, and DISALLOW."});
      }
      overwrites = true;
    }
    if (InstallError error = list_->copy(source, destination, overwrites)) fail(std::move(error));
  }

  const GenerationInput& input_;
  InstructionList* list_;
  const std::string behavior_;
  GenerationOutcome outcome_;
  bool stopped_ = false;
  std::vector<std::string> real_stack_;  // real paths of the source directories being walked
};

}  // namespace

GenerationOutcome generate_install_instructions(const GenerationInput& input, InstructionList* list) {
  GenerationOutcome outcome = FilesWalk(input, list).run();
  if (outcome.error) return outcome;
  outcome.error = generate_permission_instructions(*input.appspec, *input.tree, list);
  return outcome;
}

}  // namespace cdrun
