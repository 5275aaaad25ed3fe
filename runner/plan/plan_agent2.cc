#include "runner/plan/plan_agent2.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "runner/fs/ruby_paths.h"
#include "runner/plan/plan_install_objects.h"

namespace cdrun {
namespace {

// Enough directories to recognise the install; the count says how many more.
constexpr std::size_t kListedDirectories = 3;

// A missing files source (CD607) or a destination Install cannot write (CD610) is one problem under
// both agents, each quoting its own error after "; ": the "all" plan, which is 1.8's, keeps 1.8's.
std::string compared_text(const Diagnostic& d) {
  if (d.code != "CD607" && d.code != "CD610") return d.message;
  return d.message.substr(0, d.message.find("; "));
}

bool same_finding(const Diagnostic& a, const Diagnostic& b) {
  return a.severity == b.severity && a.code == b.code && compared_text(a) == compared_text(b) && a.file == b.file &&
         a.option == b.option;
}

}  // namespace

const char* plan_agents_name(PlanAgents agents) {
  switch (agents) {
    case PlanAgents::v1_8: return "1.8";
    case PlanAgents::v2: return "2";
    case PlanAgents::all: return "all";
  }
  return "all";
}

std::string agent2_refusal_hint(const std::string& appspec_filename, bool archive) {
  return std::string("agent 2.x's deploy-local stops ") + (archive ? "right after DownloadBundle" : "before any event") +
         " with \"Validation error: failed to parse " + appspec_filename + (archive ? " after extraction" : "") +
         ": ...\"; cdrun validate --agent-version 2 lists every problem";
}

std::string agent2_missing_appspec_message(const std::string& appspec_filename, const std::string& bundle_path, bool archive,
                                           const std::string& root_dir, const std::string& group) {
  const std::string head = "agent 2.x needs " + appspec_filename + " itself in the bundle (its check has no appspec.yaml fallback)";
  if (!archive) {
    return head + " and stops before any event with \"Validation error: " + appspec_filename +
           " not found in bundle directory: " + bundle_path + "/" + appspec_filename + "\"";
  }
  const std::string expected = ruby_file_join(ruby_file_join(ruby_file_join(root_dir, group), "local-<pid>/deployment-archive"),
                                              appspec_filename);
  return head + "; DownloadBundle fails with \"The deployment failed because the specified file does not exist at the "
                "expected location: " + expected + ". Verify that your AppSpec file is named correctly and that it is in "
                "the root directory of the revision's source code.\"";
}

std::string agent2_install_io_error(int error) {
  return std::string("IO error: ") + std::strerror(error) + " (os error " + std::to_string(error) + ")";
}

std::string agent2_unknown_account_message(const UnknownAccount& account) {
  const char* kind = account.is_group ? "group" : "owner";
  return std::string("permissions ") + kind + " \"" + account.name + "\" (object " + account.object +
         ") does not exist on this host; agent 2.x skips it silently and leaves the " + kind + " unchanged";
}

std::vector<std::string> find_umask_directories(const std::vector<PlanFileMapping>& mappings,
                                                const std::vector<PermissionSpec>& permissions, const std::string& cwd) {
  InstalledObjects objects(mappings, cwd);
  std::vector<std::string> closed;
  for (const std::string& directory : objects.created_directories()) {
    const bool given_a_mode = std::any_of(permissions.begin(), permissions.end(), [&](const PermissionSpec& permission) {
      return permission.mode && objects.permission_applies_to_directory(permission, directory);
    });
    if (!given_a_mode) closed.push_back(directory);
  }
  return closed;
}

std::string agent2_umask_message(const std::vector<std::string>& directories) {
  std::string listed;
  for (std::size_t i = 0; i < directories.size() && i < kListedDirectories; ++i) listed += (i ? ", " : "") + directories[i];
  if (directories.size() > kListedDirectories) listed += " and " + std::to_string(directories.size() - kListedDirectories) + " more";
  return "agent 2.x's deploy-local runs with umask 0027: Install creates " + listed + " with mode 0750 (no permissions mode "
         "covers " + (directories.size() == 1 ? "it" : "them") + "); agent 1.8 uses the umask of the user who runs it";
}

PlanReport merge_agent2_plan(PlanReport plan, const PlanReport& agent2) {
  plan.agents = PlanAgents::all;
  for (std::size_t i = 0; i < plan.events.size() && i < agent2.events.size(); ++i) {
    PlanEvent& mine = plan.events[i];
    const PlanEvent& theirs = agent2.events[i];
    if (mine.source == theirs.source && mine.appspec_path == theirs.appspec_path && mine.failure == theirs.failure &&
        mine.unmodelled == theirs.unmodelled) {
      continue;
    }
    mine.agent2 = PlanEvent::Agent2{theirs.source, theirs.appspec_path, theirs.failure, theirs.unmodelled};
  }
  for (const Diagnostic& found : agent2.warnings) {
    const bool known = std::any_of(plan.warnings.begin(), plan.warnings.end(),
                                   [&](const Diagnostic& d) { return same_finding(d, found); });
    if (!known) plan.warnings.push_back(found);
  }
  plan.warnings.insert(plan.warnings.end(), agent2.agent2_differences.begin(), agent2.agent2_differences.end());
  return plan;
}

}  // namespace cdrun
