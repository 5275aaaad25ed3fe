#include "runner/install/install_instructions.h"

#include "appspec/yaml/ruby_value.h"
#include "runner/fs/ruby_paths.h"

namespace cdrun {

namespace {

InstallError runtime_error(std::string message) { return {InstallErrorKind::runtime, std::move(message)}; }

// Ruby's Array#inspect of the except list, from the value as written when we have it.
std::string except_inspect(const PermissionSpec& permission) {
  if (permission.raw && permission.raw->is_hash()) {
    if (ruby::ValuePtr raw = permission.raw->hash_get("except"); raw && raw->is_array()) return ruby::inspect(*raw);
  }
  std::string out = "[";
  for (size_t i = 0; i < permission.except.size(); ++i) {
    if (i > 0) out += ", ";
    out += ruby::string_inspect(permission.except[i]);
  }
  return out + "]";
}

}  // namespace

std::string Ace::text() const {
  std::string out = is_default ? "default:" : "";
  out += type + ":" + name + ":";
  out += read ? 'r' : '-';
  out += write ? 'w' : '-';
  out += execute ? 'x' : '-';
  return out;
}

Ace parse_normalised_ace(const std::string& text) {
  Ace ace;
  std::string rest = text;
  if (rest.compare(0, 8, "default:") == 0) {
    ace.is_default = true;
    rest = rest.substr(8);
  }
  const size_t first = rest.find(':');
  const size_t last = rest.rfind(':');
  if (first == std::string::npos) return ace;
  ace.type = rest.substr(0, first);
  ace.name = last > first ? rest.substr(first + 1, last - first - 1) : "";
  const std::string bits = rest.substr(last + 1);
  ace.read = bits.find('r') != std::string::npos;
  ace.write = bits.find('w') != std::string::npos;
  ace.execute = bits.find('x') != std::string::npos;
  return ace;
}

std::string InstructionList::expand(const std::string& path) const { return ruby_expand_path(path, cwd_, TildePrefix::home); }

InstallError InstructionList::copy(const std::string& source, const std::string& destination, bool overwrites) {
  std::string target = expand(destination);
  if (auto previous = copy_sources_.find(target); previous != copy_sources_.end()) {
    return runtime_error("The deployment failed because the application specification file specifies two source files named " +
                         source + " and " + previous->second + " for the same destination (" + target +
                         "). Remove one of the source file paths from the AppSpec file, and then try again.");
  }
  if (mkdir_set_.count(target)) {
    return runtime_error("The deployment failed because the application specification file calls for installing the file " +
                         source + ", but a file with that name already exists at the location (" + target +
                         "). Update your AppSpec file or directory structure, and then try again.");
  }
  copy_sources_.emplace(target, source);
  copy_order_.push_back(target);
  Instruction instruction;
  instruction.type = InstructionType::copy;
  instruction.path = std::move(target);
  instruction.source = source;
  instruction.overwrites = overwrites;
  instructions_.push_back(std::move(instruction));
  return {};
}

InstallError InstructionList::mkdir(const std::string& destination) {
  std::string target = expand(destination);
  if (auto copied = copy_sources_.find(target); copied != copy_sources_.end()) {
    return runtime_error(
        "The deployment failed because the application specification file includes an mkdir command more than once for "
        "the same destination path (" +
        target + ") from (" + copied->second + "). Update the files section of the AppSpec file, and then try again.");
  }
  // A second mkdir of the same directory is silently dropped, as the agent does.
  if (!mkdir_set_.insert(target).second) return {};
  mkdir_order_.push_back(target);
  Instruction instruction;
  instruction.type = InstructionType::mkdir;
  instruction.path = std::move(target);
  instructions_.push_back(std::move(instruction));
  return {};
}

InstallError InstructionList::set_permissions(const std::string& object,
                                              const std::shared_ptr<const PermissionAction>& action) {
  const std::string target = expand(object);
  if (!permission_targets_.insert(target).second) {
    return runtime_error("The deployment failed because the permissions setting for (" + target +
                         ") is specified more than once in the application specification file. Update the files "
                         "section of the AppSpec file, and then try again.");
  }
  auto add = [&](InstructionType type) {
    Instruction instruction;
    instruction.type = type;
    instruction.path = target;
    instruction.action = action;
    instructions_.push_back(std::move(instruction));
  };
  // The agent's order: chmod, setfacl, semanage, chown.
  if (action->mode) add(InstructionType::chmod);
  if (action->acl) add(InstructionType::setfacl);
  if (action->context) add(InstructionType::semanage);
  if (action->owner || action->group) add(InstructionType::chown);
  return {};
}

InstallError validate_file_permission(const PermissionSpec& permission) {
  if (permission.pattern != "**") {
    return runtime_error("The deployment failed because the application specification file includes an object (" +
                         permission.object + ") with an invalid pattern (" + permission.pattern +
                         "), such as a pattern for a file applied to a directory. Correct the permissions section of "
                         "the AppSpec file, and then try again.");
  }
  if (!permission.except.empty()) {
    return runtime_error("The deployment failed because the except parameter for a pattern in the permissions section (" +
                         except_inspect(permission) + ") for the object named " + permission.object +
                         " contains an invalid format. Update the AppSpec file, and then try again.");
  }
  return {};
}

InstallError validate_file_acl(const PermissionSpec& permission) {
  if (!permission.acls) return {};
  for (const std::string& ace : *permission.acls) {
    if (ace.compare(0, 8, "default:") == 0) {
      return runtime_error(
          "The deployment failed because the -d parameter has been specified to apply an acl setting to a file. This "
          "parameter is supported for directories only. Update the AppSpec file, and then try again.");
    }
  }
  return {};
}

}  // namespace cdrun
