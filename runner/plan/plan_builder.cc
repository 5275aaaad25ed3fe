#include "runner/plan/plan_builder.h"

#include <sys/stat.h>

#include <algorithm>

#include "appspec/core/lifecycle_events.h"
#include "appspec/yaml/ruby_value.h"
#include "appspec/server/server_rules.h"
#include "runner/layout/deployment_layout.h"
#include "runner/engine/hook_executor.h"
#include "runner/fs/ruby_paths.h"
#include "runner/plan/plan_install_access.h"
#include "runner/plan/plan_install_files.h"
#include "runner/plan/plan_revisions.h"

namespace cdrun {
namespace {

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

const HookSpec* find_hook(const Ec2AppSpec& spec, const std::string& event) {
  for (const HookSpec& hook : spec.hooks) {
    if (hook.name == event) return &hook;
  }
  return nullptr;
}

PlanScript plan_script(const ScriptSpec& script) {
  PlanScript planned;
  planned.location = script.location;
  planned.timeout = script.timeout;
  planned.runas = script.runas;
  planned.sudo = script.sudo;
  return planned;
}

class PlanBuilder {
 public:
  explicit PlanBuilder(const PlanRequest& request)
      : in_(request), filename_(request.appspec_filename.value_or("appspec.yml")) {
    if (request.events) events_ = split_events(*request.events);
    layout_.root_dir = request.root_dir;
    layout_.group_id = request.group;
  }

  PlanReport run() {
    out_.root_dir = in_.root_dir;
    out_.group = in_.group;
    out_.bundle_path = in_.bundle_path;
    out_.bundle_type = bundle_kind_name(in_.bundle_kind);
    out_.appspec_filename = filename_;
    out_.file_exists_behavior = in_.file_exists_behavior;
    revision_ = read_new_revision(in_.bundle_path, in_.bundle_kind, in_.appspec_filename);
    previous_ = read_previous_revision(layout_.last_successful_file(), filename_);
    if (previous_.recorded) out_.previous_dir = previous_.dir;
    out_.previous_id = previous_.id;
    out_.previous_exists = previous_.dir_exists;
    out_.bundle_root = revision_.root_prefix;
    if (!revision_.open_error.empty()) {
      add(Severity::error, "CD608", "cannot read the bundle: " + revision_.open_error, in_.bundle_path,
          "DownloadBundle fails the same way; check --bundle-location and --type");
    }
    check_event_names();
    bool downloaded = false;
    for (const std::string& name : effective_event_order(events_)) {
      PlanEvent event;
      event.name = name;
      if (name == "DownloadBundle") {
        downloaded = true;
      } else if (name == "Install") {
        install(event);
      } else if (revision_mapping_for(name) == RevisionMapping::last_successful_or_ignore && !downloaded) {
        previous_hook(event);
      } else {
        new_hook(event, downloaded);
      }
      out_.events.push_back(std::move(event));
    }
    report_layout();
    return std::move(out_);
  }

 private:
  void add(Severity severity, const char* code, std::string message, std::string file, std::string hint) {
    out_.warnings.push_back(make_diagnostic(severity, code, std::move(message), std::move(file), {}, std::move(hint)));
  }

  void check_event_names() {
    if (in_.events) {
      const Ec2AppSpec* spec = revision_.install_appspec && revision_.install_appspec->spec ? &*revision_.install_appspec->spec : nullptr;
      for (Diagnostic& d : check_events_option(*in_.events, spec, filename_)) out_.warnings.push_back(std::move(d));
    }
    for (const std::string& name : all_possible_events(events_)) {
      if (name == "DownloadBundle" || name == "Install" || is_pascal_case(name)) continue;
      add(Severity::error, "CD609", "Received command is not in PascalCase form: " + name, "--events",
          "the agent derives a method name from each event; name it in PascalCase (letters and digits, capital first)");
    }
  }

  // Previous-revision failures stop the deployment unless --ignore-application-stop-failures.
  Severity previous_severity() const {
    return in_.ignore_application_stop_failures ? Severity::warning : Severity::error;
  }
  std::string previous_hint(const std::string& fix) const {
    return in_.ignore_application_stop_failures ? "ignored with --ignore-application-stop-failures; " + fix : fix;
  }

  void previous_hook(PlanEvent& event) {
    if (!previous_.recorded) {
      event.source = PlanSource::first_deployment;
      return;
    }
    event.source = PlanSource::previous_revision;
    event.revision_dir = previous_.dir;
    event.revision_id = previous_.id;
    event.appspec_path = previous_.appspec.path;
    if (!previous_.appspec.spec) {
      event.failure = exists(previous_.appspec.path) ? "the previous revision's appspec is refused by the agent"
                                                     : "the previous revision's " + filename_ + " is missing";
      if (previous_reported_) return;  // the first previous-revision event stops the deployment
      previous_reported_ = true;
      const bool missing = !exists(previous_.appspec.path);
      add(previous_severity(), missing ? "CD600" : "CD601", event.name + ": " + previous_.appspec.error,
          previous_.appspec.path,
          previous_hint(missing ? "the previous revision " + previous_.dir + (previous_.dir_exists ? " has no " + filename_ : " is gone") +
                                      "; delete " + layout_.last_successful_file() +
                                      ", deploy to another --deployment-group, or leave " + event.name + " out of --events"
                                : "the previous revision's appspec is broken; delete " + layout_.last_successful_file() +
                                      " or leave " + event.name + " out of --events"));
      return;
    }
    const HookSpec* hook = find_hook(*previous_.appspec.spec, event.name);
    if (!hook) return;
    event.has_hook = !hook->scripts.empty();
    for (const ScriptSpec& script : hook->scripts) {
      PlanScript planned = plan_script(script);
      const std::string path = join_path(previous_.archive_dir(), script.location);
      planned.present = exists(path);
      if (!planned.present) {
        if (event.failure.empty()) event.failure = "script " + script.location + " is missing";
        add(previous_severity(), "CD602",
            event.name + ": Script does not exist at specified location: " + ruby_expand_path(path, in_.cwd, TildePrefix::home), path,
            previous_hint("the previous revision " + previous_.id + " names a script its archive does not hold"));
      }
      event.scripts.push_back(std::move(planned));
    }
  }

  void new_hook(PlanEvent& event, bool downloaded) {
    if (!downloaded) {
      event.source = PlanSource::not_downloaded;  // check_events_option reports it (CD243)
      event.failure = "no appspec before DownloadBundle";
      return;
    }
    event.source = PlanSource::new_revision;
    reads_new_hooks_appspec_ = true;
    if (!revision_.hooks_appspec) {  // layout's CD302 / CD301
      event.failure = revision_.open_error.empty() ? "the bundle has no " + filename_ : "the bundle cannot be read";
      return;
    }
    event.appspec_path = revision_.hooks_appspec->path;
    if (!revision_.hooks_appspec->spec) {
      event.failure = "the agent refuses the appspec";
      report_new_refusal(*revision_.hooks_appspec);
      return;
    }
    const HookSpec* hook = find_hook(*revision_.hooks_appspec->spec, event.name);
    if (!hook) return;
    event.has_hook = !hook->scripts.empty();
    for (const ScriptSpec& script : hook->scripts) {
      PlanScript planned = plan_script(script);
      planned.present = revision_.contains(script.location);
      if (!planned.present) {
        if (event.failure.empty()) event.failure = "script " + script.location + " is not in the bundle";
        add(Severity::error, "CD603",
            event.name + " script \"" + script.location + "\" is not in the bundle; the agent fails with \"Script does not "
            "exist at specified location: .../deployment-archive/" + script.location + "\"",
            event.appspec_path, "add the script to the bundle, or correct its location");
      }
      event.scripts.push_back(std::move(planned));
    }
  }

  void report_new_refusal(const LoadedAppSpec& appspec) {
    if (std::find(refused_.begin(), refused_.end(), appspec.path) != refused_.end()) return;
    refused_.push_back(appspec.path);
    add(Severity::error, "CD604", appspec.error, appspec.path, "run cdrun validate on the bundle for every problem");
  }

  void install(PlanEvent& event);
  void report_unknown_hooks(const Ec2AppSpec& spec, PlanEvent& event);
  void report_host_blocks(const Ec2AppSpec& spec, PlanEvent& event);
  void report_layout();

  const PlanRequest& in_;
  std::string filename_;
  std::optional<std::vector<std::string>> events_;
  DeploymentLayout layout_;
  NewRevision revision_;
  PreviousRevision previous_;
  PlanReport out_;
  bool previous_reported_ = false;
  bool reads_new_hooks_appspec_ = false;
  std::vector<std::string> refused_;
};

void PlanBuilder::install(PlanEvent& event) {
  if (!revision_.install_appspec) {  // no appspec at all: layout's CD301
    event.failure = revision_.open_error.empty() ? "the bundle has no appspec" : "the bundle cannot be read";
    return;
  }
  out_.install_appspec = revision_.install_appspec->path;
  event.appspec_path = revision_.install_appspec->path;
  if (!revision_.install_appspec->spec) {
    event.failure = "the agent refuses the appspec";
    report_new_refusal(*revision_.install_appspec);
    return;
  }
  const Ec2AppSpec& spec = *revision_.install_appspec->spec;
  report_unknown_hooks(spec, event);
  out_.file_exists_behavior = spec.file_exists_behavior.value_or(in_.file_exists_behavior);
  out_.files = map_install_files(revision_, spec.files);
  for (const PlanFileMapping& mapping : out_.files) {
    out_.file_count += mapping.targets.size();
    if (mapping.source_missing) {
      if (event.failure.empty()) event.failure = "files source " + mapping.source + " is not in the bundle";
      add(Severity::error, "CD607",
          "files source \"" + mapping.source + "\" is not in the bundle; Install fails with \"No such file or directory @ "
          "rb_sysopen - .../deployment-archive/" + mapping.source + "\"",
          event.appspec_path, "add it to the bundle, or correct the source");
    }
  }
  report_host_blocks(spec, event);
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
            blocked.agent_message + "\"",
        event.appspec_path, std::move(hint));
  }
  // A hook that runs before Install may create the account: then this is only a warning.
  bool hook_before = false;
  for (const PlanEvent& earlier : out_.events) hook_before = hook_before || earlier.has_hook;
  for (const UnknownAccount& account : find_unknown_accounts(out_.files, spec.permissions, in_.cwd)) {
    const char* kind = account.is_group ? "group" : "owner";
    if (!hook_before && event.failure.empty()) event.failure = std::string(kind) + " " + account.name + " does not exist here";
    add(hook_before ? Severity::warning : Severity::error, "CD611",
        std::string("permissions ") + kind + " \"" + account.name + "\" (object " + account.object +
            ") does not exist on this host; agent 1.8 fails Install with \"" + account.agent_message + "\"",
        event.appspec_path,
        std::string(hook_before ? "unless a hook before Install creates it, " : "") + "create the " +
            (account.is_group ? "group" : "user") + " before Install or correct the " + kind + "; agent 2.x skips an unknown " +
            kind + " silently and leaves the " + kind + " unchanged");
  }
}

void PlanBuilder::report_unknown_hooks(const Ec2AppSpec& spec, PlanEvent& event) {
  const std::vector<std::string> known = all_possible_events(events_);
  std::string list;
  for (const HookSpec& hook : spec.hooks) {
    if (std::find(known.begin(), known.end(), hook.name) != known.end()) continue;
    list += (list.empty() ? "" : ", ") + ruby::string_inspect(hook.name);
  }
  if (list.empty()) return;
  event.failure = "the appspec names unknown lifecycle events";
  const std::string& name = revision_.install_appspec_name;
  const std::string basename = name.substr(name.rfind('/') == std::string::npos ? 0 : name.rfind('/') + 1);
  add(Severity::error, "CD605", basename + " file contains unknown lifecycle events: [" + list + "]",
      revision_.install_appspec->path, "correct the hook names (cdrun validate suggests the closest ones)");
}

// Where the appspec is missing or only the Install step finds it. A bundle whose AppSpecFilename is
// missing fails only if some hook event reads the new revision.
void PlanBuilder::report_layout() {
  Diagnostics kept;
  for (const Diagnostic& d : revision_.layout) {
    if (d.severity != Severity::error) continue;
    if (d.code == "CD302" && !reads_new_hooks_appspec_) continue;
    kept.push_back(d);
  }
  // The bundle's own problems come first: they are what a user fixes first.
  out_.warnings.insert(out_.warnings.begin(), kept.begin(), kept.end());
}

}  // namespace

PlanReport build_plan(const PlanRequest& request) { return PlanBuilder(request).run(); }

}  // namespace cdrun
