// The Install step in the agent's order (§4.1), except that everything that can refuse the install
// (conflicts, missing setfacl/SELinux) is decided before the previous revision is removed.
#include "runner/install/install_step.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "runner/install/install_cleanup.h"
#include "runner/install/install_execute.h"
#include "runner/install/install_generate.h"
#include "runner/install/install_json.h"
#include "runner/fs/ruby_paths.h"
#include "runner/install/install_permission_tools.h"

namespace cdrun {

namespace {

InstallError errno_error(int error, const char* where, const std::string& path) {
  return {InstallErrorKind::system_call, std::string(std::strerror(error)) + " @ " + where + " - " + path};
}

InstallResult failed(InstallError error, InstallResult result = {}) {
  result.error_kind = error.kind;
  result.error = std::move(error.message);
  return result;
}

// FileUtils.mkdir_p.
InstallError make_directories(const std::string& path) {
  for (size_t i = 1; i <= path.size(); ++i) {
    if (i < path.size() && path[i] != '/') continue;
    const std::string partial = path.substr(0, i);
    if (::mkdir(partial.c_str(), 0777) != 0 && errno != EEXIST) return errno_error(errno, "dir_s_mkdir", partial);
  }
  return {};
}

InstallError write_whole_file(const std::string& file, const std::string& text) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return errno_error(errno, "rb_sysopen", file);
  for (size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return errno_error(error, "io_write", file);
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) return errno_error(errno, "io_write", file);
  return {};
}

// A host that cannot apply the permissions is refused before anything is removed.
InstallError check_permission_tools(const std::vector<Instruction>& instructions) {
  bool acl_checked = false, selinux_checked = false;
  for (const Instruction& instruction : instructions) {
    if (instruction.type == InstructionType::setfacl && !acl_checked) {
      acl_checked = true;
      if (InstallError error = check_acl_tools(instruction.path)) return error;
    }
    if (instruction.type == InstructionType::semanage && !selinux_checked) {
      selinux_checked = true;
      if (InstallError error = check_selinux(instruction.path)) return error;
    }
  }
  return {};
}

InstallError remove_previous_install(const std::vector<CleanupEntry>& previous, const std::string& cleanup_file) {
  if (InstallError error = execute_cleanup(previous)) return error;
  if (::unlink(cleanup_file.c_str()) != 0 && errno != ENOENT) return errno_error(errno, "apply2files", cleanup_file);
  return {};
}

}  // namespace

std::string install_appspec_path(const std::string& archive_dir, const std::string& appspec_filename) {
  struct stat info {};
  const std::string named = ruby_file_join(archive_dir, appspec_filename);
  if (::stat(named.c_str(), &info) == 0) return named;
  const std::string yaml = ruby_file_join(archive_dir, "appspec.yaml");
  if (::stat(yaml.c_str(), &info) == 0) return yaml;
  return ruby_file_join(archive_dir, "appspec.yml");
}

InstallResult run_install(const InstallRequest& request, AgentLog& log, InstallProgress* progress) {
  (void)log;  // the agent logs nothing at INFO during Install
  const DeploymentLayout& layout = request.layout;
  if (InstallError error = make_directories(layout.instructions_dir())) return failed(std::move(error));

  bool had_previous = false;
  std::vector<CleanupEntry> previous;
  if (InstallError error = read_cleanup_file(layout.cleanup_file(), &had_previous, &previous)) return failed(std::move(error));

  // Everything is decided against the tree as the previous cleanup will leave it.
  const std::string cwd = current_directory();
  const PredictedTree tree(previous, cwd);
  InstructionList list(cwd);
  GenerationInput input;
  input.appspec = &request.appspec;
  input.archive_dir = request.archive_dir;
  input.file_exists_behavior = request.file_exists_behavior;
  input.tree = &tree;
  GenerationOutcome generated = generate_install_instructions(input, &list);
  InstallResult result;
  result.conflicts = std::move(generated.conflicts);
  if (generated.error) return failed(std::move(generated.error), std::move(result));
  if (InstallError error = check_permission_tools(list.instructions())) return failed(std::move(error), std::move(result));

  if (had_previous) {
    if (InstallError error = remove_previous_install(previous, layout.cleanup_file())) {
      return failed(std::move(error), std::move(result));
    }
    result.previous_removed = true;
  }

  if (InstallError error = write_whole_file(layout.install_json_file(), install_json(list.instructions()))) {
    return failed(std::move(error), std::move(result));
  }
  const std::string cleanup_file = layout.cleanup_file();
  const int cleanup_fd = ::open(cleanup_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (cleanup_fd < 0) return failed(errno_error(errno, "rb_sysopen", cleanup_file), std::move(result));
  ExecutionOutcome executed = execute_instructions(list.instructions(), cleanup_fd, cleanup_file, progress);
  const int close_error = ::close(cleanup_fd) != 0 ? errno : 0;
  result.files_copied = executed.files_copied;
  if (executed.error) return failed(std::move(executed.error), std::move(result));
  if (close_error != 0) return failed(errno_error(close_error, "io_write", cleanup_file), std::move(result));

  std::string error;
  if (!write_instruction_path(layout.last_successful_file(), layout.deployment_dir(), &error)) {
    return failed({InstallErrorKind::system_call, error}, std::move(result));
  }
  return result;
}

}  // namespace cdrun
