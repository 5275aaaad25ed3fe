// The permissions part of Installer#generate_instructions (§4.6): an object copied in this
// install gets the permission itself; a directory created in this install or already present
// has it applied to what this install puts below it; anything else is ignored, as the agent does.
#include "appspec/yaml/ruby_value.h"
#include "runner/install/install_generate.h"

namespace cdrun {

bool permission_has_type(const PermissionSpec& permission, const char* type) {
  for (const std::string& t : permission.type) {
    if (t == type) return true;
  }
  return false;
}

bool permission_value_is_integer(const PermissionSpec& permission, const char* key) {
  if (!permission.raw || !permission.raw->is_hash()) return false;
  const ruby::ValuePtr value = permission.raw->hash_get(key);
  return value && value->type == ruby::Type::integer;
}

namespace {

std::shared_ptr<const PermissionAction> make_action(const PermissionSpec& permission) {
  auto action = std::make_shared<PermissionAction>();
  action->mode = permission.mode;
  if (permission.acls) {
    action->acl = std::make_shared<AclState>();
    for (const std::string& ace : *permission.acls) action->acl->aces.push_back(parse_normalised_ace(ace));
  }
  action->context = permission.context;
  action->owner = permission.owner;
  action->group = permission.group;
  action->owner_is_integer = permission_value_is_integer(permission, "owner");
  action->group_is_integer = permission_value_is_integer(permission, "group");
  return action;
}

InstallError apply_below_directory(const PermissionSpec& permission, const std::shared_ptr<const PermissionAction>& action,
                                   InstructionList* list) {
  const std::string base = permission_base(permission.object, list->cwd());
  std::vector<std::string> matches;
  auto matches_object = [&](const std::string& target) {
    return permission_matches_below(base, permission.pattern, target) &&
           !permission_excepted_below(base, permission.except, target);
  };
  if (permission_has_type(permission, "file")) {
    for (const std::string& target : list->copy_targets()) {
      if (!matches_object(target)) continue;
      if (InstallError error = validate_file_acl(permission)) return error;
      matches.push_back(target);
    }
  }
  if (permission_has_type(permission, "directory")) {
    for (const std::string& target : list->mkdir_targets()) {
      if (matches_object(target)) matches.push_back(target);
    }
  }
  for (const std::string& match : matches) {
    if (InstallError error = list->set_permissions(match, action)) return error;
  }
  return {};
}

}  // namespace

InstallError generate_permission_instructions(const Ec2AppSpec& appspec, const PredictedTree& tree, InstructionList* list) {
  for (const PermissionSpec& permission : appspec.permissions) {
    const std::shared_ptr<const PermissionAction> action = make_action(permission);
    const std::string object = list->expand(permission.object);
    if (list->copying_file(object)) {
      if (!permission_has_type(permission, "file")) continue;
      if (InstallError error = validate_file_permission(permission)) return error;
      if (InstallError error = validate_file_acl(permission)) return error;
      if (InstallError error = list->set_permissions(permission.object, action)) return error;
    } else if (list->making_directory(object) || tree.is_directory(permission.object)) {
      if (InstallError error = apply_below_directory(permission, action, list)) return error;
    }
  }
  return {};
}

}  // namespace cdrun
