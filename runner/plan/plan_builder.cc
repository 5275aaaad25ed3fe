#include "runner/plan/plan_builder.h"

#include <sys/stat.h>

#include "appspec/core/lifecycle_events.h"
#include "appspec/server/server_rules.h"
#include "runner/engine/hook_executor.h"
#include "runner/fs/ruby_paths.h"
#include "runner/plan/plan_agent2.h"
#include "runner/plan/plan_builder_impl.h"

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

// "A", "A and B", "A, B and C".
std::string sentence_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return out;
}

PlanScript plan_script(const ScriptSpec& script) {
  PlanScript planned;
  planned.location = script.location;
  planned.timeout = script.timeout;
  planned.runas = script.runas;
  planned.sudo = script.sudo;
  return planned;
}

}  // namespace

PlanBuilder::PlanBuilder(const PlanRequest& request, const PlanInputs& inputs, bool agent2)
    : in_(request),
      agent2_(agent2),
      filename_(request.appspec_filename.value_or("appspec.yml")),
      revision_(inputs.revision),
      previous_(agent2 ? inputs.previous_agent2 : inputs.previous) {
  if (request.events) events_ = split_events(*request.events);
  layout_.root_dir = request.root_dir;
  layout_.group_id = request.group;
}

PlanReport PlanBuilder::run() {
  out_.agents = agent2_ ? PlanAgents::v2 : PlanAgents::v1_8;
  out_.root_dir = in_.root_dir;
  out_.group = in_.group;
  out_.bundle_path = in_.bundle_path;
  out_.bundle_type = bundle_kind_name(in_.bundle_kind);
  out_.appspec_filename = filename_;
  out_.file_exists_behavior = in_.file_exists_behavior;
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
      download(event);
    } else if (name == "Install") {
      install(event);
    } else if (revision_mapping_for(name) == RevisionMapping::last_successful_or_ignore && !downloaded) {
      previous_hook(event);
    } else {
      new_hook(event, downloaded);
    }
    out_.events.push_back(std::move(event));
  }
  report_previous_differences();
  report_layout();
  return std::move(out_);
}

// One note for all the previous-revision events agent 2.x treats alike (§3.2).
void PlanBuilder::report_previous_differences() {
  if (!skipped_previous_.empty()) {
    add_difference(sentence_list(skipped_previous_) + (skipped_previous_.size() == 1 ? " is" : " are") +
                       " skipped: the previous revision's archive " + previous_.archive_dir() + " is gone",
                   previous_.archive_dir(), "agent 2.x runs nothing when the selected revision has no deployment-archive");
  }
  if (!fallback_previous_.empty()) {
    add_difference(sentence_list(fallback_previous_) + (fallback_previous_.size() == 1 ? " reads " : " read ") +
                       previous_.appspec.path + ": hook events fall back to appspec.yaml, then appspec.yml",
                   previous_.appspec.path, "agent 1.8 reads only " + filename_);
  }
}

void PlanBuilder::add(Severity severity, const char* code, std::string message, std::string file, std::string hint,
                      Position position) {
  out_.warnings.push_back(make_diagnostic(severity, code, std::move(message), std::move(file), position, std::move(hint)));
}

void PlanBuilder::add_difference(const std::string& message, std::string file, std::string hint) {
  out_.agent2_differences.push_back(
      make_diagnostic(Severity::note, "CD615", "under agent 2.x, " + message, std::move(file), {}, std::move(hint)));
}

void PlanBuilder::check_event_names() {
  if (in_.events) {
    const Ec2AppSpec* spec = revision_.install_appspec && revision_.install_appspec->spec ? &*revision_.install_appspec->spec : nullptr;
    for (Diagnostic& d : check_events_option(*in_.events, spec, filename_)) {
      // Agent 2.x runs a new-revision event before DownloadBundle as a no-op (new_hook says so).
      if (agent2_ && d.code == "CD243") continue;
      out_.warnings.push_back(std::move(d));
    }
  }
  for (const std::string& name : all_possible_events(events_)) {
    if (name == "DownloadBundle" || name == "Install" || is_pascal_case(name)) continue;
    add(Severity::error, "CD609", "Received command is not in PascalCase form: " + name, "--events",
        "the agent derives a method name from each event; name it in PascalCase (letters and digits, capital first)");
  }
}

// Previous-revision failures stop the deployment unless --ignore-application-stop-failures.
Severity PlanBuilder::previous_severity() const {
  return in_.ignore_application_stop_failures ? Severity::warning : Severity::error;
}
std::string PlanBuilder::previous_hint(const std::string& fix) const {
  return in_.ignore_application_stop_failures ? "ignored with --ignore-application-stop-failures; " + fix : fix;
}

void PlanBuilder::previous_hook(PlanEvent& event) {
  if (!previous_.recorded) {
    event.source = PlanSource::first_deployment;
    return;
  }
  event.revision_dir = previous_.dir;
  event.revision_id = previous_.id;
  if (agent2_ && !previous_.archive_exists) {
    event.source = PlanSource::archive_gone;
    skipped_previous_.push_back(event.name);
    return;
  }
  event.source = PlanSource::previous_revision;
  event.appspec_path = previous_.appspec.path;
  const Judged judged = judge(previous_.appspec);
  if (agent2_ && previous_.appspec.path != join_path(previous_.archive_dir(), filename_)) {
    fallback_previous_.push_back(event.name);
  }
  if (judged.refused) return report_previous_refusal(event, judged);
  if (judged.unmodelled) {
    event.unmodelled = true;
    return report_unmodelled(previous_.appspec);
  }
  const HookSpec* hook = find_hook(*judged.spec, event.name);
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

void PlanBuilder::report_previous_refusal(PlanEvent& event, const Judged& judged) {
  const bool missing = !exists(previous_.appspec.path);
  event.failure = missing ? "the previous revision's " + filename_ + " is missing"
                          : "the previous revision's appspec is refused by the agent";
  if (previous_reported_) return;  // the first previous-revision event stops the deployment
  previous_reported_ = true;
  const Position position = agent2_ && !missing ? previous_.appspec.agent2_position : Position{};
  add(previous_severity(), missing ? "CD600" : "CD601", event.name + ": " + judged.error, previous_.appspec.path,
      previous_hint(missing ? "the previous revision " + previous_.dir + (previous_.dir_exists ? " has no " + filename_ : " is gone") +
                                  "; delete " + layout_.last_successful_file() +
                                  ", deploy to another --deployment-group, or leave " + event.name + " out of --events"
                            : "the previous revision's appspec is broken; delete " + layout_.last_successful_file() +
                                  " or leave " + event.name + " out of --events"),
      position);
}

void PlanBuilder::new_hook(PlanEvent& event, bool downloaded) {
  if (!downloaded && agent2_) {
    event.source = PlanSource::skipped_before_download;
    add_difference(event.name + " is skipped: it runs before DownloadBundle, when there is no archive yet", "",
                   "agent 2.x runs nothing when the selected revision has no deployment-archive; agent 1.8 fails");
    out_.agent2_differences.back().option = "--events";
    return;
  }
  if (!downloaded) {
    event.source = PlanSource::not_downloaded;  // check_events_option reports it (CD243)
    event.failure = "no appspec before DownloadBundle";
    return;
  }
  event.source = PlanSource::new_revision;
  reads_new_hooks_appspec_ = true;
  // Agent 2.x's hooks fall back to appspec.yaml and appspec.yml, as Install does (§3.2).
  const std::optional<LoadedAppSpec>& appspec = agent2_ ? revision_.install_appspec : revision_.hooks_appspec;
  if (!appspec) {  // layout's CD302 / CD301
    event.failure = revision_.open_error.empty() ? "the bundle has no " + filename_ : "the bundle cannot be read";
    return;
  }
  event.appspec_path = appspec->path;
  const Judged judged = judge(*appspec);
  if (judged.refused) {
    event.failure = "the agent refuses the appspec";
    return report_new_refusal(*appspec);
  }
  if (judged.unmodelled) {
    event.unmodelled = true;
    return report_unmodelled(*appspec);
  }
  const HookSpec* hook = find_hook(*judged.spec, event.name);
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

PlanReport build_plan(const PlanRequest& request) {
  PlanInputs inputs;
  inputs.revision = read_new_revision(request.bundle_path, request.bundle_kind, request.appspec_filename);
  DeploymentLayout layout;
  layout.root_dir = request.root_dir;
  layout.group_id = request.group;
  const std::string filename = request.appspec_filename.value_or("appspec.yml");
  inputs.previous = read_previous_revision(layout.last_successful_file(), filename);
  if (request.agents == PlanAgents::v1_8) return PlanBuilder(request, inputs, false).run();
  inputs.previous_agent2 = read_previous_revision(layout.last_successful_file(), filename, true);
  PlanReport agent2 = PlanBuilder(request, inputs, true).run();
  if (request.agents == PlanAgents::v2) return agent2;
  return merge_agent2_plan(PlanBuilder(request, inputs, false).run(), agent2);
}

}  // namespace cdrun
