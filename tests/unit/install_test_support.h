// Real temporary deployment roots and destinations for the Install step tests.
#pragma once

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "runner/layout/agent_log.h"
#include "runner/install/install_step.h"

namespace cdrun::install_test {

inline void make_dirs(const std::string& path) {
  for (size_t i = 1; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') ::mkdir(path.substr(0, i).c_str(), 0755);
  }
}

inline void write_file(const std::string& path, const std::string& text, mode_t mode = 0644) {
  make_dirs(path.substr(0, path.rfind('/')));
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  ::chmod(path.c_str(), mode);
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline bool exists(const std::string& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0;
}

inline mode_t mode_of(const std::string& path) {
  struct stat info {};
  ::lstat(path.c_str(), &info);
  return info.st_mode & 07777;
}

inline mode_t umask_now() {
  const mode_t mask = ::umask(022);
  ::umask(mask);
  return mask;
}

// Every path below `root`, relative, with a trailing '/' on directories.
inline std::set<std::string> tree(const std::string& root, const std::string& prefix = "") {
  std::set<std::string> out;
  DIR* dir = ::opendir((root + (prefix.empty() ? "" : "/" + prefix)).c_str());
  if (!dir) return out;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    const std::string relative = prefix.empty() ? name : prefix + "/" + name;
    struct stat info {};
    ::lstat((root + "/" + relative).c_str(), &info);
    if (S_ISDIR(info.st_mode)) {
      out.insert(relative + "/");
      for (const std::string& child : tree(root, relative)) out.insert(child);
    } else {
      out.insert(relative);
    }
  }
  ::closedir(dir);
  return out;
}

inline FileSpec file_spec(const std::string& source, const std::string& destination) {
  FileSpec spec;
  spec.source = source;
  spec.destination = destination;
  return spec;
}

// A deployment root with one group, and a destination directory, under a fresh temp dir.
class InstallFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/cdrun-install-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    base_ = pattern;
    dest_ = base_ + "/dest";
    make_dirs(dest_);
  }

  void TearDown() override {
    ::nftw(base_.c_str(), [](const char* path, const struct stat*, int, FTW*) { return ::remove(path); }, 16,
           FTW_DEPTH | FTW_PHYS);
  }

  DeploymentLayout layout(const std::string& deployment_id) const {
    DeploymentLayout layout;
    layout.root_dir = base_ + "/root";
    layout.group_id = "grp";
    layout.deployment_id = deployment_id;
    return layout;
  }

  // The archive of deployment `id` (created empty).
  std::string archive(const std::string& id) const {
    const std::string dir = layout(id).archive_dir();
    make_dirs(dir);
    return dir;
  }

  InstallResult install(const std::string& id, const Ec2AppSpec& appspec, const std::string& behavior = "",
                        InstallProgress* progress = nullptr) {
    InstallRequest request;
    request.layout = layout(id);
    request.archive_dir = archive(id);
    request.appspec = appspec;
    request.file_exists_behavior = behavior;
    AgentLog log;
    return run_install(request, log, progress);
  }

  std::string instructions(const std::string& name) const {
    return read_file(base_ + "/root/deployment-instructions/grp" + name);
  }
  std::string cleanup() const { return instructions("-cleanup"); }
  std::string install_json_text() const { return instructions("-install.json"); }
  std::string last_successful() const { return instructions("_last_successful_install"); }
  bool has_cleanup() const { return exists(base_ + "/root/deployment-instructions/grp-cleanup"); }

  std::string base_;
  std::string dest_;
};

}  // namespace cdrun::install_test
