#include "runner/download/download_step.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <exception>
#include <thread>

#include "runner/download/download_archive.h"
#include "runner/download/download_copy_tree.h"
#include "runner/fs/filesystem.h"
#include "runner/download/download_prune.h"

namespace cdrun {

namespace {

using namespace download;

constexpr const char* kLinuxUtil = "InstanceAgent::LinuxUtil";
// Copying threads beside the walker: one per core beyond the walker's, at most two. On a loaded
// 2-core tmpfs run, 0, 1 and 2 workers cost the same CPU time, so the threads are free when
// no core is idle and add parallelism when one is.
int copy_workers() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores <= 1 ? 0 : static_cast<int>(std::min(2u, cores - 1));
}

// Ruby's /appspec/i on a name read in the C locale: ASCII letters only fold.
bool mentions_appspec(std::string name) {
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return name.find("appspec") != std::string::npos;
}

// bundle.tar -> the user's file (File.symlink), or a copy when symlinks are not possible.
bool link_bundle_file(const std::string& bundle_path, const std::string& bundle_file, std::string* error) {
  if (!remove_tree(bundle_file, error)) return false;  // left by an earlier run of this deployment
  if (::symlink(bundle_path.c_str(), bundle_file.c_str()) == 0) return true;
  const int in = ::open(bundle_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) {
    *error = errno_message("cannot read", bundle_path);
    return false;
  }
  struct stat st {};
  const int out = ::fstat(in, &st) == 0
                      ? ::open(bundle_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, st.st_mode & 07777)
                      : -1;
  std::string why;
  bool ok = out >= 0 && copy_file_bytes(in, out, &why);
  if (out < 0) *error = errno_message("cannot create", bundle_file);
  else if (!ok) *error = "cannot copy " + bundle_path + " to " + bundle_file + ": " + why;
  if (out >= 0 && ::close(out) != 0 && ok) {
    *error = errno_message("cannot write", bundle_file);
    ok = false;
  }
  ::close(in);
  return ok;
}

// §3.3: a lone top directory that holds something named like an appspec becomes the archive root.
bool strip_single_top_directory(const DeploymentLayout& layout, AgentLog& log, DownloadResult& result) {
  const std::string archive = layout.archive_dir();
  std::vector<std::string> top;
  if (!list_directory(archive, &top, &result.error)) return false;
  if (top.size() != 1) return true;
  const std::string inner = join_path(archive, top.front());
  struct stat st {};
  if (::lstat(inner.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return true;
  std::vector<std::string> inside;
  if (!list_directory(inner, &inside, &result.error)) return false;
  if (std::none_of(inside.begin(), inside.end(), mentions_appspec)) return true;

  log.info(kCommandExecutor, "Stripping leading directory from archive bundle contents.");
  const std::string temp = layout.archive_temp_dir();
  if (!remove_tree(temp, &result.error)) return false;
  if (::rename(archive.c_str(), temp.c_str()) != 0) {
    result.error = errno_message("cannot move " + archive + " to", temp);
    return false;
  }
  const std::string nested = join_path(temp, top.front());
  if (::rename(nested.c_str(), archive.c_str()) != 0) {
    result.error = errno_message("cannot move " + nested + " to", archive);
    return false;
  }
  if (::rmdir(temp.c_str()) != 0) {
    result.error = errno_message("cannot remove", temp);
    return false;
  }
  result.stripped_top_directory = true;
  return true;
}

std::string refusal(const std::string& bundle_path, const std::vector<std::string>& offences) {
  std::string text = "refused to extract " + bundle_path + ": " + std::to_string(offences.size()) +
                     (offences.size() == 1 ? " member is" : " members are") + " unsafe to extract: ";
  for (size_t i = 0; i < offences.size(); ++i) text += (i ? ", " : "") + offences[i];
  return text;
}

bool unpack_archive(const DownloadRequest& request, AgentLog& log, DownloadResult& result) {
  const DeploymentLayout& layout = request.layout;
  const MemberCheck check = check_archive_members(request.bundle_path, request.bundle_kind);
  if (!check.offences.empty()) {
    result.refused_hostile = true;
    result.error = refusal(request.bundle_path, check.offences);
    return false;
  }
  if (!make_directories(layout.deployment_dir(), &result.error)) return false;
  // An S3 or GitHub bundle was downloaded into bundle.tar itself before the first event (runner/fetch).
  if (request.bundle_path != layout.bundle_file()) {
    log.info(kCommandExecutor, "Handle local file " + layout.bundle_file());
    if (!link_bundle_file(request.bundle_path, layout.bundle_file(), &result.error)) return false;
  }
  const std::string archive = layout.archive_dir();
  if (!remove_tree(archive, &result.error)) return false;
  if (::mkdir(archive.c_str(), 0777) != 0) {
    result.error = errno_message("cannot create directory", archive);
    return false;
  }
  std::string detail = check.read_error;
  bool disk_full = false;
  if (detail.empty() && extract_archive(request.bundle_path, request.bundle_kind, archive, &detail, &disk_full)) {
    return strip_single_top_directory(layout, log, result);
  }
  const bool zip = request.bundle_kind == BundleKind::zip;
  const std::string message = std::string("Error extracting ") + (zip ? "zip" : "tar") + " archive: " + detail;
  log.error(kLinuxUtil, message);
  result.error = zip && disk_full ? "The disk is (or was) full during extraction." : message;
  return false;
}

bool copy_directory(const DownloadRequest& request, AgentLog& log, DownloadResult& result) {
  const DeploymentLayout& layout = request.layout;
  if (!make_directories(layout.deployment_dir(), &result.error)) return false;
  log.info(kCommandExecutor, "Handle local directory " + request.bundle_path);
  // The agent never meets an existing copy (ids are fresh); cp_r would nest into one.
  if (!remove_tree(layout.archive_dir(), &result.error)) return false;
  CopyTreeResult copy = copy_tree(request.bundle_path, layout.archive_dir(), copy_workers());
  if (!copy.ok) result.error = std::move(copy.error);
  return copy.ok;
}

DownloadResult download_bundle(const DownloadRequest& request, AgentLog& log) {
  DownloadResult result;
  const DeploymentLayout& layout = request.layout;
  PruneResult pruned = prune_deployments(layout, request.max_revisions);
  result.removed = std::move(pruned.removed);
  if (!pruned.error.empty()) {
    result.error = std::move(pruned.error);
    return result;
  }
  const bool placed = request.bundle_kind == BundleKind::directory ? copy_directory(request, log, result)
                                                                    : unpack_archive(request, log, result);
  if (!placed) {
    // A half-written revision must not pass for a complete one in a later step or run.
    if (!result.refused_hostile) {
      remove_tree(layout.archive_dir(), nullptr);
      remove_tree(layout.archive_temp_dir(), nullptr);
    }
    return result;
  }
  if (!make_directories(layout.instructions_dir(), &result.error)) return result;
  if (!write_instruction_path(layout.most_recent_file(), layout.deployment_dir(), &result.error)) return result;
  result.ok = true;
  return result;
}

}  // namespace

DownloadResult run_download_bundle(const DownloadRequest& request, AgentLog& log) {
  try {
    return download_bundle(request, log);
  } catch (const std::exception& e) {
    DownloadResult result;
    result.error = std::string("DownloadBundle failed: ") + e.what();
    return result;
  } catch (...) {
    DownloadResult result;
    result.error = "DownloadBundle failed with an unknown exception";
    return result;
  }
}

}  // namespace cdrun
