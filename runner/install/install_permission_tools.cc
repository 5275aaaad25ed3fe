#include "runner/install/install_permission_tools.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "runner/install/install_commands.h"

namespace cdrun {

namespace {

Ace base_ace(bool is_default, const char* type, unsigned bits) {
  Ace ace;
  ace.is_default = is_default;
  ace.type = type;
  ace.read = (bits & 4) != 0;
  ace.write = (bits & 2) != 0;
  ace.execute = (bits & 1) != 0;
  return ace;
}

// True when an entry of `acl` (its own, then the added ones) satisfies `test`; `found` gets it.
template <typename Test>
bool any_ace(const AclState& acl, Test test, const Ace** found = nullptr) {
  for (const auto* list : {&acl.aces, &acl.additional}) {
    for (const Ace& ace : *list) {
      if (test(ace)) {
        if (found) *found = &ace;
        return true;
      }
    }
  }
  return false;
}

}  // namespace

std::string full_acl_text(AclState* acl, mode_t mode) {
  const unsigned user = (mode >> 6) & 7, group = (mode >> 3) & 7, other = mode & 7;
  acl->additional.push_back(base_ace(false, "user", user));
  acl->additional.push_back(base_ace(false, "group", group));
  acl->additional.push_back(base_ace(false, "other", other));
  const bool named = any_ace(*acl, [](const Ace& a) { return !a.is_default && !a.name.empty(); });
  const bool mask = any_ace(*acl, [](const Ace& a) { return !a.is_default && a.type == "mask"; });
  if (named && !mask) acl->additional.push_back(base_ace(false, "mask", group));
  if (any_ace(*acl, [](const Ace& a) { return a.is_default; })) {
    if (!any_ace(*acl, [](const Ace& a) { return a.is_default && a.type == "user" && a.name.empty(); })) {
      acl->additional.push_back(base_ace(true, "user", user));
    }
    const Ace* default_group = nullptr;
    auto is_default_group = [](const Ace& a) { return a.is_default && a.type == "group" && a.name.empty(); };
    if (!any_ace(*acl, is_default_group)) acl->additional.push_back(base_ace(true, "group", group));
    if (!any_ace(*acl, [](const Ace& a) { return a.is_default && a.type == "other"; })) {
      acl->additional.push_back(base_ace(true, "other", other));
    }
    const bool default_named = any_ace(*acl, [](const Ace& a) { return a.is_default && !a.name.empty(); });
    const bool default_mask = any_ace(*acl, [](const Ace& a) { return a.is_default && a.type == "mask"; });
    if (default_named && !default_mask && any_ace(*acl, is_default_group, &default_group)) {
      Ace copy = *default_group;  // get_default_group_ace.sub("group:", "mask")
      copy.type = "mask";
      acl->additional.push_back(copy);
    }
  }
  std::string text;
  any_ace(*acl, [&](const Ace& a) {
    if (!text.empty()) text += ',';
    text += a.text();
    return false;
  });
  return text;
}

InstallError check_acl_tools(const std::string& first_object) {
  if (!find_executable("setfacl").empty()) return {};
  return {InstallErrorKind::system_call,
          "setfacl is not installed on this host, so the acls of the permissions section cannot be applied to " +
              first_object + ". Install the acl package (it provides /usr/bin/setfacl), and then try again."};
}

InstallError apply_acl(const std::string& object, AclState* acl) {
  if (InstallError missing = check_acl_tools(object)) return missing;
  struct stat info {};
  if (::stat(object.c_str(), &info) != 0) {
    return {InstallErrorKind::system_call, std::string(std::strerror(errno)) + " @ rb_file_s_stat - " + object};
  }
  const std::string text = full_acl_text(acl, info.st_mode);
  const CommandOutcome outcome = run_command({"setfacl", "--set", text, object});
  if (outcome.succeeded()) return {};
  const std::string status = outcome.started ? process_status_text(outcome) : outcome.error;
  return {InstallErrorKind::runtime,
          "The deployment failed because of a problem with the acls permission settings in the application "
          "specification file for this object: " +
              object + ". Failed command: setfacl --set " + text + " " + object + ". Exit code: " + status};
}

InstallError check_selinux(const std::string& first_object) {
  bool enabled = ::access("/sys/fs/selinux/enforce", F_OK) == 0;
  if (enabled && !find_executable("selinuxenabled").empty()) enabled = run_command({"selinuxenabled"}).succeeded();
  if (enabled) return {};
  return {InstallErrorKind::runtime,
          "The permissions section of the AppSpec file sets an SELinux context on " + first_object +
              ", but SELinux is not enabled on this host (no /sys/fs/selinux/enforce), so the context cannot be "
              "applied. Remove the context from the AppSpec file or deploy to a host with SELinux, and then try again."};
}

InstallError apply_context(const std::string& object, const SelinuxContext& context, std::string* cleanup_line) {
  if (InstallError disabled = check_selinux(object)) return disabled;
  char* resolved = ::realpath(object.c_str(), nullptr);
  if (!resolved) return {InstallErrorKind::system_call, std::string(std::strerror(errno)) + " @ realpath_rec - " + object};
  const std::string real = resolved;
  std::free(resolved);

  std::vector<std::string> semanage = {"semanage", "fcontext", "-a"};
  if (context.user) semanage.insert(semanage.end(), {"-s", *context.user});
  semanage.insert(semanage.end(), {"-t", context.type});
  if (context.range) semanage.insert(semanage.end(), {"-r", *context.range});
  semanage.push_back(real);
  const std::vector<std::string> commands[] = {semanage, {"restorecon", "-v", real}};

  for (const std::vector<std::string>& argv : commands) {
    const CommandOutcome outcome = run_command(argv);
    if (outcome.succeeded()) continue;
    std::string command;
    for (const std::string& arg : argv) command += (command.empty() ? "" : " ") + arg;
    const std::string status = outcome.started ? process_status_text(outcome) : outcome.error;
    return {InstallErrorKind::runtime,
            "The deployment failed because the application specification file contains an error in the settings for "
            "the context parameter. Update the permissions section of the AppSpec file, and then try again. Failed "
            "command: " +
                command + ". Exit code: " + status};
  }
  *cleanup_line = std::string("semanage\0", 9) + real;
  return {};
}

}  // namespace cdrun
