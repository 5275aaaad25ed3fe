// build_plan's Install step: the files the new appspec installs and what would stop them here.
#include <algorithm>
#include <cerrno>

#include "appspec/core/lifecycle_events.h"
#include "appspec/yaml/ruby_value.h"
#include "runner/plan/plan_agent2.h"
#include "runner/plan/plan_builder_impl.h"
#include "runner/plan/plan_install_access.h"
#include "runner/plan/plan_install_files.h"

namespace cdrun {

void PlanBuilder::install(PlanEvent& event) {
  if (!revision_.install_appspec) {  // no appspec at all: layout's CD301
    event.failure = revision_.open_error.empty() ? "the bundle has no appspec" : "the bundle cannot be read";
    return;
  }
  out_.install_appspec = revision_.install_appspec->path;
  event.appspec_path = revision_.install_appspec->path;
  const Judged judged = judge(*revision_.install_appspec);
  if (judged.refused) {
    event.failure = "the agent refuses the appspec";
    report_new_refusal(*revision_.install_appspec);
    return;
  }
  if (judged.unmodelled) {
    event.unmodelled = true;
    report_unmodelled(*revision_.install_appspec);
    return;
  }
  const Ec2AppSpec& spec = *judged.spec;
  report_unknown_hooks(spec, event);
  out_.file_exists_behavior = spec.file_exists_behavior.value_or(in_.file_exists_behavior);
  out_.files = map_install_files(revision_, spec.files);
  for (const PlanFileMapping& mapping : out_.files) {
    out_.file_count += mapping.targets.size();
    if (mapping.source_missing) {
      if (event.failure.empty()) event.failure = "files source " + mapping.source + " is not in the bundle";
      const std::string agent_text =
          agent2_ ? agent2_install_io_error(ENOENT)
                  : "No such file or directory @ rb_sysopen - .../deployment-archive/" + mapping.source;
      add(Severity::error, "CD607",
          "files source \"" + mapping.source + "\" is not in the bundle; Install fails with \"" + agent_text + "\"",
          event.appspec_path, "add it to the bundle, or correct the source");
    }
  }
  report_host_blocks(spec, event);
  if (agent2_) report_umask(spec, event);
  if (!behavior_refuses_existing(out_.file_exists_behavior)) return;
  out_.conflicts = find_install_conflicts(out_.files, layout_.cleanup_file(), in_.cwd);
  if (out_.conflicts.empty()) return;
  if (event.failure.empty()) event.failure = std::to_string(out_.conflicts.size()) + " file(s) already exist";
  const bool known = out_.file_exists_behavior == "DISALLOW";
  const std::string agent = known ? "The deployment failed because a specified file already exists at this location: " + out_.conflicts.front()
                                  : "The deployment failed because an invalid option was specified for fileExistsBehavior: " +
                                        out_.file_exists_behavior + ". Valid options include OVERWRITE, RETAIN, and DISALLOW.";
  add(Severity::error, "CD606",
      std::to_string(out_.conflicts.size()) + " file(s) that Install would copy already exist and are not removed by the "
      "previous install of this group; the agent fails with \"" + agent + "\"",
      out_.conflicts.front(),
      "delete or move them, or use --file-exists-behavior OVERWRITE or RETAIN (or file_exists_behavior in the appspec)");
}

// What this host would refuse once Install starts copying: destinations this user cannot create
// or write, owners and groups that do not exist here.
void PlanBuilder::report_host_blocks(const Ec2AppSpec& spec, PlanEvent& event) {
  for (const InstallAccessProblem& blocked : find_install_access_problems(out_.files, in_.cwd)) {
    if (event.failure.empty()) event.failure = "cannot write " + blocked.destination + " (" + blocked.reason + ")";
    std::string hint;
    if (blocked.reason == "permission denied") {
      hint = "this user may not write " + blocked.blocking + "; deploy as root (the agent runs as root) or choose a destination it can write";
    } else if (blocked.reason == "read-only file system") {
      hint = blocked.blocking + " is on a read-only file system; choose a destination on a writable one";
    } else {
      hint = blocked.blocking + " is not a directory; remove it or choose another destination";
    }
    add(Severity::error, "CD610",
        "Install cannot write destination " + blocked.destination + ": " + blocked.blocking + " " +
            (blocked.reason == "not a directory" ? "is " : "gives ") + blocked.reason + "; the agent fails with \"" +
            (agent2_ ? agent2_install_io_error(blocked.error) : blocked.agent_message) + "\"",
        event.appspec_path, std::move(hint));
  }
  report_unknown_accounts(spec, event);
}

void PlanBuilder::report_unknown_accounts(const Ec2AppSpec& spec, PlanEvent& event) {
  // A hook that runs before Install may create the account: then this is only a warning.
  bool hook_before = false;
  for (const PlanEvent& earlier : out_.events) hook_before = hook_before || earlier.has_hook;
  for (const UnknownAccount& account : find_unknown_accounts(out_.files, spec.permissions, in_.cwd)) {
    const char* kind = account.is_group ? "group" : "owner";
    const std::string create = std::string(hook_before ? "unless a hook before Install creates it, " : "") + "create the " +
                               (account.is_group ? "group" : "user") + " before Install or correct the " + kind;
    if (agent2_) {
      add(Severity::warning, "CD613", agent2_unknown_account_message(account), event.appspec_path,
          create + "; as it is, what Install copies or creates keeps the " + kind + " the copy or mkdir gave it");
      continue;
    }
    if (!hook_before && event.failure.empty()) event.failure = std::string(kind) + " " + account.name + " does not exist here";
    add(hook_before ? Severity::warning : Severity::error, "CD611",
        std::string("permissions ") + kind + " \"" + account.name + "\" (object " + account.object +
            ") does not exist on this host; agent 1.8 fails Install with \"" + account.agent_message + "\"",
        event.appspec_path,
        create + "; agent 2.x skips an unknown " + kind + " silently and leaves the " + kind + " unchanged");
  }
}

// Agent 2.x's deploy-local creates directories with umask 0027 (agent2-behavior.md §4.2).
void PlanBuilder::report_umask(const Ec2AppSpec& spec, const PlanEvent& event) {
  const std::vector<std::string> directories = find_umask_directories(out_.files, spec.permissions, in_.cwd);
  if (directories.empty()) return;
  add(Severity::note, "CD612", agent2_umask_message(directories), event.appspec_path,
      "other users cannot enter them; if a service user outside the owner's group needs them, give them a mode in "
      "permissions (type directory, on an object above them)");
}

void PlanBuilder::report_unknown_hooks(const Ec2AppSpec& spec, PlanEvent& event) {
  const std::vector<std::string> known = all_possible_events(events_);
  std::string list;
  for (const HookSpec& hook : spec.hooks) {
    if (std::find(known.begin(), known.end(), hook.name) != known.end()) continue;
    list += (list.empty() ? "" : ", ") + ruby::string_inspect(hook.name);
  }
  if (list.empty()) return;
  if (agent2_) {  // deploy-local sends no list of possible events, so its validate_hooks checks nothing (§1.6)
    add_difference("Install does not check hook names, so it does not refuse " + list, revision_.install_appspec->path,
                   "agent 2.x's deploy-local has no list of possible lifecycle events to check them against");
    return;
  }
  event.failure = "the appspec names unknown lifecycle events";
  const std::string& name = revision_.install_appspec_name;
  const std::string basename = name.substr(name.rfind('/') == std::string::npos ? 0 : name.rfind('/') + 1);
  add(Severity::error, "CD605", basename + " file contains unknown lifecycle events: [" + list + "]",
      revision_.install_appspec->path, "correct the hook names (cdrun validate suggests the closest ones)");
}

}  // namespace cdrun
