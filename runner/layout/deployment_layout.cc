#include "runner/layout/deployment_layout.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace cdrun {

std::string join_path(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  std::string left = a;
  while (left.size() > 1 && left.back() == '/') left.pop_back();
  size_t start = 0;
  while (start < b.size() && b[start] == '/') ++start;
  if (left == "/") return "/" + b.substr(start);
  return left + "/" + b.substr(start);
}

std::string DeploymentLayout::printed_deployment_dir() const { return root_dir + "/" + group_id + "/" + deployment_id; }
std::string DeploymentLayout::group_dir() const { return join_path(root_dir, group_id); }
std::string DeploymentLayout::deployment_dir() const { return join_path(group_dir(), deployment_id); }
std::string DeploymentLayout::archive_dir() const { return join_path(deployment_dir(), "deployment-archive"); }
std::string DeploymentLayout::archive_temp_dir() const { return join_path(deployment_dir(), "deployment-archive-temp"); }
std::string DeploymentLayout::bundle_file() const { return join_path(deployment_dir(), "bundle.tar"); }
std::string DeploymentLayout::logs_dir() const { return join_path(deployment_dir(), "logs"); }
std::string DeploymentLayout::scripts_log() const { return join_path(logs_dir(), "scripts.log"); }
std::string DeploymentLayout::instructions_dir() const { return join_path(root_dir, "deployment-instructions"); }
std::string DeploymentLayout::last_successful_file() const {
  return join_path(instructions_dir(), group_id + "_last_successful_install");
}
std::string DeploymentLayout::most_recent_file() const { return join_path(instructions_dir(), group_id + "_most_recent_install"); }
std::string DeploymentLayout::cleanup_file() const { return join_path(instructions_dir(), group_id + "-cleanup"); }
std::string DeploymentLayout::install_json_file() const { return join_path(instructions_dir(), group_id + "-install.json"); }
std::string DeploymentLayout::deployment_logs_dir() const { return join_path(root_dir, "deployment-logs"); }
std::string DeploymentLayout::deployments_log() const {
  return join_path(deployment_logs_dir(), program_name + "-deployments.log");
}
std::string DeploymentLayout::lock_file() const { return join_path(root_dir, ".cdrun-lock"); }

std::string read_instruction_path(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  // Ruby's chomp: one trailing "\n", "\r\n" or "\r".
  if (!text.empty() && text.back() == '\n') text.pop_back();
  if (!text.empty() && text.back() == '\r') text.pop_back();
  return text;
}

bool write_instruction_path(const std::string& file, const std::string& deployment_dir, std::string* error) {
  // cdrun's own temporary names start with ".cdrun" (ignored by tools that compare roots).
  const size_t slash = file.rfind('/');
  const std::string temp = slash == std::string::npos ? ".cdrun-" + file + ".tmp"
                                                      : file.substr(0, slash + 1) + ".cdrun-" + file.substr(slash + 1) + ".tmp";
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = "cannot write " + file + ": " + std::strerror(errno);
    return false;
  }
  const ssize_t written = ::write(fd, deployment_dir.data(), deployment_dir.size());
  const bool ok = written == static_cast<ssize_t>(deployment_dir.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(temp.c_str(), file.c_str()) != 0) {
    *error = "cannot write " + file + ": " + std::strerror(errno);
    ::unlink(temp.c_str());
    return false;
  }
  return true;
}

}  // namespace cdrun
