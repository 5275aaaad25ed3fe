// The permissions commands that need other programs: setfacl (ChangeAclCommand, §4.6) and the
// SELinux context (ChangeContextCommand: semanage + restorecon).
#pragma once

#include <sys/types.h>

#include <string>

#include "runner/install/install_instructions.h"

namespace cdrun {

// ChangeAclCommand#get_full_acl then get_acl.join(","): the user's entries, then base entries from
// `mode` (user::, group::, other::), mask:: when a named entry has no mask, and the missing
// default:user::/group::/other:: and default:mask:: when a default entry exists. Appends to
// acl->additional and never clears it, like the agent (§9 item 8).
std::string full_acl_text(AclState* acl, mode_t mode);

// Runs `setfacl --set <acl> <object>`.
InstallError apply_acl(const std::string& object, AclState* acl);

// Whether the tools exist: checked before anything is removed, so a host that cannot apply the
// permissions refuses the install instead of failing half-way.
InstallError check_acl_tools(const std::string& first_object);
InstallError check_selinux(const std::string& first_object);

// Runs semanage fcontext -a and restorecon -v on the object's real path. On success,
// `cleanup_line` is the cleanup-list entry ("semanage\0<real path>", without newline).
InstallError apply_context(const std::string& object, const SelinuxContext& context, std::string* cleanup_line);

}  // namespace cdrun
