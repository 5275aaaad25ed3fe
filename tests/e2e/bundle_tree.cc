#include "bundle_tree.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace cdrun::e2e {
namespace {

struct SampleFile {
  const char* path;
  const char* content;
  mode_t mode;
};

const char kAppspec[] =
    "version: 0.0\nos: linux\nfiles:\n  - source: /\n    destination: @DEST@\n"
    "hooks:\n  AfterInstall:\n    - location: scripts/after.sh\n      timeout: 30\n";

void write_file(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

}  // namespace

void write_sample_tree(const std::string& root, mode_t mask, std::time_t mtime, const std::string& destination) {
  const mode_t saved = ::umask(mask);
  std::string appspec = kAppspec;
  appspec.replace(appspec.find("@DEST@"), 6, destination);
  const std::vector<SampleFile> files{
      {"appspec.yml", appspec.c_str(), 0644},
      {"scripts/after.sh", "#!/bin/sh\nexit 0\n", 0755},
      {"bin/tool", "#!/bin/sh\necho tool\n", 0750},
      {"config/app.conf", "port=80\n", 0640},
      {"config/secret", "s3cret\n", 0600},
      {"data/shared.txt", "shared bytes\n", 0644},
      {"README.txt", "read me\n", 0444},
      {"keep.log", "kept despite *.log\n", 0644},
      // Left out: the fixed names, the .cdrunignore and what its patterns match.
      {"debug.log", "ignored\n", 0644},
      {"build/out.o", "ignored\n", 0644},
      {".git/HEAD", "ref: refs/heads/main\n", 0644},
      {"__MACOSX/._appspec.yml", "resource fork\n", 0644},
      {"config/.DS_Store", "finder\n", 0644},
      {".cdrunignore", "# build products\nbuild/\n*.log\n!keep.log\n", 0644},
  };
  for (const SampleFile& file : files) write_file(root + "/" + file.path, file.content);
  ::link((root + "/data/shared.txt").c_str(), (root + "/data/shared-hard").c_str());
  std::filesystem::create_directories(root + "/docs");
  ::symlink("bin/tool", (root + "/current").c_str());
  ::symlink("../README.txt", (root + "/docs/readme").c_str());
  ::umask(saved);
  for (const SampleFile& file : files) ::chmod((root + "/" + file.path).c_str(), file.mode);
  for (const auto& [dir, mode] : std::vector<std::pair<std::string, mode_t>>{
           {"scripts", 0755}, {"bin", 0750}, {"config", 0750}, {"data", 0755}, {"docs", 0755}, {"build", 0755},
           {".git", 0755}, {"__MACOSX", 0755}, {"", 0755}}) {
    ::chmod((root + "/" + dir).c_str(), mode);
  }
  const timespec times[2] = {{mtime, 0}, {mtime, 0}};
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
    ::utimensat(AT_FDCWD, entry.path().c_str(), times, AT_SYMLINK_NOFOLLOW);
  ::utimensat(AT_FDCWD, root.c_str(), times, 0);
}

const std::vector<std::pair<std::string, std::string>>& sample_tree_members() {
  static const std::vector<std::pair<std::string, std::string>> members{
      {"README.txt", "-r--r--r--"},      {"appspec.yml", "-rw-r--r--"},     {"bin", "drwxr-x---"},
      {"bin/tool", "-rwxr-x---"},        {"config", "drwxr-x---"},          {"config/app.conf", "-rw-r-----"},
      {"config/secret", "-rw-------"},   {"current", "lrwxrwxrwx"},         {"data", "drwxr-xr-x"},
      {"data/shared-hard", "-rw-r--r--"}, {"data/shared.txt", "-rw-r--r--"}, {"docs", "drwxr-xr-x"},
      {"docs/readme", "lrwxrwxrwx"},     {"keep.log", "-rw-r--r--"},        {"scripts", "drwxr-xr-x"},
      {"scripts/after.sh", "-rwxr-xr-x"},
  };
  return members;
}

std::map<std::string, std::vector<std::string>> list_with(const std::string& program, const std::vector<std::string>& args,
                                                          size_t name_column) {
  std::map<std::string, std::vector<std::string>> listing;
  const Outcome run = run_program(program, args, {"TZ=UTC"});
  std::istringstream lines(run.out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::vector<std::string> tokens;
    for (std::string word; words >> word;) tokens.push_back(word);
    if (tokens.size() <= name_column || tokens[0].size() != 10 || std::string("-dl").find(tokens[0][0]) == std::string::npos)
      continue;
    std::string name = tokens[name_column];
    if (name.size() > 1 && name.back() == '/') name.pop_back();
    listing[name] = tokens;
  }
  return listing;
}

}  // namespace cdrun::e2e
