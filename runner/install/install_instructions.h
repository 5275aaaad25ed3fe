// The Install instruction list (the agent's CommandBuilder, install_instruction.rb): copy, mkdir
// and the permission commands, with the builder's own conflict checks and messages (§4.4).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "appspec/agent/model.h"
#include "runner/install/install_step.h"

namespace cdrun {

// An error as the agent would raise it: the kind decides how codedeploy-local reports it.
struct InstallError {
  InstallErrorKind kind = InstallErrorKind::none;
  std::string message;
  explicit operator bool() const { return kind != InstallErrorKind::none; }
};

// One ACL entry in the agent's AceInfo terms.
struct Ace {
  bool is_default = false;
  std::string type;  // user, group, mask, other
  std::string name;
  bool read = false, write = false, execute = false;
  std::string text() const;  // "[default:]type:name:rwx"
};

// The agent's AclInfo. One per permission entry, shared by all its setfacl commands: the agent
// never clears `additional` (§9 item 8), so base entries computed for one object are still there
// when the next object of the same permission is set.
struct AclState {
  std::vector<Ace> aces;
  std::vector<Ace> additional;
};

// Parses a normalised entry ("default:user:bob:rw-") as the model stores it.
Ace parse_normalised_ace(const std::string& text);

// What one permission entry does to each object it matches.
struct PermissionAction {
  std::optional<std::string> mode;
  std::shared_ptr<AclState> acl;
  std::optional<SelinuxContext> context;
  std::optional<std::string> owner, group;
  bool owner_is_integer = false, group_is_integer = false;  // YAML integers stay numbers in JSON
};

enum class InstructionType { mkdir, copy, chmod, setfacl, semanage, chown };

struct Instruction {
  InstructionType type = InstructionType::copy;
  std::string path;          // expanded: mkdir directory, copy destination, permission object
  std::string source;        // copy only
  bool overwrites = false;   // copy onto a file that exists (OVERWRITE)
  std::shared_ptr<const PermissionAction> action;  // permission commands only
};

class InstructionList {
 public:
  explicit InstructionList(std::string cwd) : cwd_(std::move(cwd)) {}

  InstallError copy(const std::string& source, const std::string& destination, bool overwrites);
  InstallError mkdir(const std::string& destination);
  InstallError set_permissions(const std::string& object, const std::shared_ptr<const PermissionAction>& action);

  bool copying_file(const std::string& expanded) const { return copy_sources_.count(expanded) > 0; }
  bool making_directory(const std::string& expanded) const { return mkdir_set_.count(expanded) > 0; }
  const std::vector<std::string>& copy_targets() const { return copy_order_; }
  const std::vector<std::string>& mkdir_targets() const { return mkdir_order_; }
  const std::vector<Instruction>& instructions() const { return instructions_; }
  const std::string& cwd() const { return cwd_; }
  std::string expand(const std::string& path) const;

 private:
  std::string cwd_;
  std::vector<Instruction> instructions_;
  std::unordered_map<std::string, std::string> copy_sources_;  // destination -> source
  std::vector<std::string> copy_order_;
  std::unordered_set<std::string> mkdir_set_;
  std::vector<std::string> mkdir_order_;
  std::unordered_set<std::string> permission_targets_;
};

// LinuxPermissionInfo#validate_file_permission and #validate_file_acl (§6 "checks performed later").
InstallError validate_file_permission(const PermissionSpec& permission);
InstallError validate_file_acl(const PermissionSpec& permission);

// The matcher with the object already expanded to "<object>/" (permission_base).
std::string permission_base(const std::string& object, const std::string& cwd);
bool permission_matches_below(const std::string& base, const std::string& pattern, const std::string& path);
bool permission_excepted_below(const std::string& base, const std::vector<std::string>& except,
                               const std::string& path);

}  // namespace cdrun
