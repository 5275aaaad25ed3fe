#include "runner/install/install_execute.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "host/accounts/accounts.h"
#include "runner/install/install_copy.h"
#include "runner/install/install_permission_tools.h"

namespace cdrun {

namespace {

// Copies whose lines are written to the cleanup list with one write(2) before any of them starts.
constexpr size_t kCopyBatch = 64;
constexpr std::chrono::milliseconds kProgressInterval{200};

InstallError errno_error(int error, const char* where, const std::string& path) {
  return {InstallErrorKind::system_call, std::string(std::strerror(error)) + " @ " + where + " - " + path};
}

// Unbuffered appends: every line is in the file (the page cache) once append() returns.
class CleanupWriter {
 public:
  CleanupWriter(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}

  InstallError append(const std::string& text) {
    for (size_t done = 0; done < text.size();) {
      const ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return errno_error(errno, "io_write", name_);
      done += static_cast<size_t>(n);
    }
    size_ += static_cast<off_t>(text.size());
    return {};
  }

  // Drops lines written for copies that were never attempted.
  void truncate(off_t size) {
    if (size < size_ && ::ftruncate(fd_, size) == 0 && ::lseek(fd_, size, SEEK_SET) == size) size_ = size;
  }

  off_t size() const { return size_; }

 private:
  int fd_;
  std::string name_;
  off_t size_ = 0;
};

InstallError change_owner(const Instruction& instruction, accounts::IdsByName* ids) {
  const PermissionAction& action = *instruction.action;
  uid_t uid = static_cast<uid_t>(-1);
  gid_t gid = static_cast<gid_t>(-1);
  if (action.owner) {
    if (action.owner_is_integer) return {InstallErrorKind::runtime, "no implicit conversion of Integer into String"};
    const std::optional<uid_t> found = ids->uid(*action.owner);
    if (!found) return {InstallErrorKind::argument, "can't find user for " + *action.owner};
    uid = *found;
  }
  if (action.group) {
    if (action.group_is_integer) return {InstallErrorKind::runtime, "no implicit conversion of Integer into String"};
    const std::optional<gid_t> found = ids->gid(*action.group);
    if (!found) return {InstallErrorKind::argument, "can't find group for " + *action.group};
    gid = *found;
  }
  if (::chown(instruction.path.c_str(), uid, gid) != 0) return errno_error(errno, "apply2files", instruction.path);
  return {};
}

class Executor {
 public:
  Executor(const std::vector<Instruction>& instructions, int fd, const std::string& name, InstallProgress* progress)
      : instructions_(instructions), cleanup_(fd, name), progress_(progress), settings_(current_copy_settings()) {}

  ExecutionOutcome run() {
    auto last_report = std::chrono::steady_clock::now();
    for (size_t i = 0; i < instructions_.size(); ++i) {
      if (progress_) {
        const auto now = std::chrono::steady_clock::now();
        if (now - last_report >= kProgressInterval) {
          progress_->on_progress(i, instructions_.size());
          last_report = now;
        }
      }
      if (InstallError error = execute(i)) {
        outcome_.error = std::move(error);
        break;
      }
    }
    return outcome_;
  }

 private:
  InstallError execute(size_t i) {
    const Instruction& instruction = instructions_[i];
    switch (instruction.type) {
      case InstructionType::copy:
        return copy(i);
      case InstructionType::mkdir:
        if (::mkdir(instruction.path.c_str(), 0777) != 0) return errno_error(errno, "dir_s_mkdir", instruction.path);
        return cleanup_.append(instruction.path + "\n");
      case InstructionType::chmod: {
        const mode_t mode = static_cast<mode_t>(std::strtoul(instruction.action->mode->c_str(), nullptr, 8));
        if (::chmod(instruction.path.c_str(), mode) != 0) return errno_error(errno, "apply2files", instruction.path);
        return {};
      }
      case InstructionType::setfacl:
        return apply_acl(instruction.path, instruction.action->acl.get());
      case InstructionType::semanage: {
        std::string line;
        if (InstallError error = apply_context(instruction.path, *instruction.action->context, &line)) return error;
        return cleanup_.append(line + "\n");
      }
      case InstructionType::chown:
        return change_owner(instruction, &account_ids_);
    }
    return {};
  }

  InstallError copy(size_t i) {
    if (i >= recorded_until_) {
      if (InstallError error = record_batch(i)) return error;
    }
    const Instruction& instruction = instructions_[i];
    if (InstallError error = copy_one_file(instruction.source, instruction.path, &settings_)) {
      cleanup_.truncate(line_ends_[i - batch_start_]);
      return error;
    }
    ++outcome_.files_copied;
    return {};
  }

  // A copy onto an existing file (OVERWRITE) is never listed ahead of time: if the install stopped
  // before reaching it, the next cleanup would delete a file that was never replaced.
  InstallError record_batch(size_t start) {
    std::string text;
    line_ends_.clear();
    size_t end = start;
    do {
      text += instructions_[end].path + "\n";
      line_ends_.push_back(cleanup_.size() + static_cast<off_t>(text.size()));
      ++end;
    } while (end < instructions_.size() && end - start < kCopyBatch && !instructions_[start].overwrites &&
             instructions_[end].type == InstructionType::copy && !instructions_[end].overwrites);
    batch_start_ = start;
    recorded_until_ = end;
    return cleanup_.append(text);
  }

  const std::vector<Instruction>& instructions_;
  CleanupWriter cleanup_;
  InstallProgress* progress_;
  CopySettings settings_;
  accounts::IdsByName account_ids_;
  ExecutionOutcome outcome_;
  size_t recorded_until_ = 0;
  size_t batch_start_ = 0;
  std::vector<off_t> line_ends_;
};

}  // namespace

ExecutionOutcome execute_instructions(const std::vector<Instruction>& instructions, int cleanup_fd,
                                      const std::string& cleanup_file, InstallProgress* progress) {
  return Executor(instructions, cleanup_fd, cleanup_file, progress).run();
}

}  // namespace cdrun
