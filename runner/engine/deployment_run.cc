#include "runner/fs/filesystem.h"
#include "runner/engine/deployment_run.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

#include "appspec/agent/agent_parser.h"
#include "appspec/core/lifecycle_events.h"
#include "appspec/yaml/ruby_value.h"
#include "runner/download/download_step.h"
#include "runner/install/install_step.h"

namespace cdrun {
namespace {


std::string read_file(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = static_cast<bool>(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string basename_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool previous_revision_event(const std::string& event) {
  return event == "ApplicationStop" || event == "BeforeBlockTraffic" || event == "AfterBlockTraffic";
}

class ProgressPrinter : public InstallProgress {
 public:
  explicit ProgressPrinter(std::ostream& err) : err_(err) {}
  ~ProgressPrinter() override {
    if (shown_) err_ << "\n";
  }
  void on_progress(size_t done, size_t total) override {
    err_ << "\rcdrun: Install: " << done << "/" << total << " files" << std::flush;
    shown_ = true;
  }

 private:
  std::ostream& err_;
  bool shown_ = false;
};

class LingeringNotice : public HookObserver {
 public:
  explicit LingeringNotice(std::ostream& err) : err_(err) {}
  void on_lingering(const std::string& event, const ScriptReport& script) override {
    for (const PipeHolder& holder : script.lingering) {
      err_ << "cdrun: " << event << ": " << script.location << " exited, but pid " << holder.pid << " (" << holder.command
           << ") still holds its stdout/stderr. The agent waits until that is closed or the " << script.timeout
           << " s timeout ends (then the event fails with \"failed to close STDOUT\"); start it with its output "
              "redirected (> file 2>&1 < /dev/null) or detach it with setsid/systemd-run.\n";
    }
  }

 private:
  std::ostream& err_;
};

// The Install command's hook checks (CE:289-308), run only at Install as the agent does.
std::string install_hook_check(const Ec2AppSpec& spec, const std::string& appspec_basename,
                               const std::optional<std::vector<std::string>>& events) {
  const std::vector<std::string> all = all_possible_events(events);
  std::vector<std::string> unknown;
  for (const HookSpec& hook : spec.hooks) {
    if (std::find(all.begin(), all.end(), hook.name) == all.end()) unknown.push_back(hook.name);
  }
  if (!unknown.empty()) {
    std::string list;
    for (const std::string& name : unknown) list += (list.empty() ? "" : ", ") + ruby::string_inspect(name);
    return appspec_basename + " file contains unknown lifecycle events: [" + list + "]";
  }
  std::vector<std::string> missing;
  for (const std::string& name : all) {
    if (std::find(default_lifecycle_events().begin(), default_lifecycle_events().end(), name) != default_lifecycle_events().end()) continue;
    const bool in_appspec = std::any_of(spec.hooks.begin(), spec.hooks.end(), [&](const HookSpec& h) { return h.name == name; });
    if (!in_appspec) missing.push_back(name);
  }
  if (!missing.empty()) {
    std::string list;
    for (const std::string& name : missing) list += (list.empty() ? "" : ",") + name;
    return "You specified a lifecycle event which is not a default one and doesn't exist in your " + appspec_basename +
           " file: " + list;
  }
  return {};
}

class Run {
 public:
  Run(const DeploymentInput& input, ProcessLauncher& launcher, AgentLog& agent_log, std::ostream& out, std::ostream& err, bool quiet)
      : in_(input), launcher_(launcher), agent_log_(agent_log), out_(out), err_(err), quiet_(quiet),
        scripts_log_(input.layout.scripts_log()) {}

  DeploymentOutcome execute() {
    const std::vector<std::string> order = effective_event_order(in_.events);
    agent_log_.info(kCommandExecutor, "Archives to retain is: " + std::to_string(in_.max_revisions) + "}");
    print("Starting to execute deployment from within folder " + in_.layout.printed_deployment_dir());
    outcome_.started = true;
    for (const std::string& name : all_possible_events(in_.events)) {
      if (name != "DownloadBundle" && name != "Install" && !is_pascal_case(name)) {
        return uncaught_before_loop("Received command is not in PascalCase form: " + name);
      }
    }
    if (in_.enable_deployments_log) {
      std::string ignored;
      deployments_log_open_ = deployments_log_.open(in_.layout.deployments_log(), &ignored);
    }
    outcome_.events_loop_entered = true;
    for (const std::string& event : order) {
      if (std::string mkdir_error; !download::make_directories(in_.layout.deployment_dir(), &mkdir_error)) {
        return finish_error(DeploymentStatus::error_uncaught, "Error creating deployment root directory " + in_.layout.deployment_dir());
      }
      const auto started = std::chrono::steady_clock::now();
      EventReport report;
      report.event = event;
      bool keep_going = event == "DownloadBundle" ? download(report) : event == "Install" ? install(report) : hook(event, report);
      report.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
      outcome_.events.push_back(std::move(report));
      if (!keep_going) return outcome_;
    }
    print("See the deployment log at " + in_.layout.printed_deployment_dir() + "/logs/scripts.log for more details");
    print("AppSpec file valid. Local deployment successful");
    return outcome_;
  }

 private:
  void print(const std::string& line) {
    if (!quiet_) out_ << line << "\n" << std::flush;
  }

  DeploymentOutcome uncaught_before_loop(const std::string& message) {
    outcome_.status = DeploymentStatus::error_uncaught;
    outcome_.error = message;
    err_ << "cdrun: error: " << message << "\n";
    return outcome_;
  }

  // The agent prints "See the deployment log" in an ensure block, before BIN reports the error.
  DeploymentOutcome finish_error(DeploymentStatus status, const std::string& message) {
    outcome_.status = status;
    outcome_.error = message;
    print("See the deployment log at " + in_.layout.printed_deployment_dir() + "/logs/scripts.log for more details");
    if (status == DeploymentStatus::error_reported) {
      print("ERROR: " + message);
    } else {
      err_ << "cdrun: error: " << message << "\n";
    }
    return outcome_;
  }

  bool download(EventReport& report) {
    DownloadRequest request;
    request.layout = in_.layout;
    request.bundle_path = in_.bundle_path;
    request.bundle_kind = in_.bundle_kind;
    request.max_revisions = in_.max_revisions;
    DownloadResult result = run_download_bundle(request, agent_log_);
    if (!result.ok) {
      report.outcome = "failed";
      report.detail = result.error;
      finish_error(DeploymentStatus::error_uncaught, result.error);
      return false;
    }
    report.outcome = "succeeded";
    report.detail = result.stripped_top_directory ? "top-level directory stripped" : "";
    return true;
  }

  bool install(EventReport& report) {
    const std::string archive = in_.layout.archive_dir();
    const std::string appspec_path = install_appspec_path(archive, in_.appspec_filename);
    bool readable = false;
    const std::string text = read_file(appspec_path, &readable);
    report.outcome = "failed";
    if (!readable) {
      report.detail = "No such file or directory @ rb_sysopen - " + appspec_path;
      finish_error(DeploymentStatus::error_reported, report.detail);
      return false;
    }
    AgentVerdict verdict = agent_parse(text, AgentOs::linux);
    if (!verdict.accepts) {
      const AgentFinding& first = *verdict.first();
      report.detail = first.crash ? "the agent's parser crashes with " + first.error_class + ": " + first.explanation : first.message;
      finish_error(DeploymentStatus::error_uncaught, report.detail);
      return false;
    }
    if (std::string refused = install_hook_check(*verdict.appspec, basename_of(appspec_path), in_.events); !refused.empty()) {
      report.detail = refused;
      finish_error(DeploymentStatus::error_reported, refused);
      return false;
    }
    InstallRequest request;
    request.layout = in_.layout;
    request.archive_dir = archive;
    request.appspec = *verdict.appspec;
    request.file_exists_behavior = in_.file_exists_behavior;
    ProgressPrinter progress(err_);
    InstallResult result = run_install(request, agent_log_, in_.progress ? &progress : nullptr);
    if (!result.ok()) {
      std::string message = result.error;
      report.detail = message;
      if (result.conflicts.size() > 1 || (!result.conflicts.empty() && !result.previous_removed)) {
        err_ << "cdrun: " << result.conflicts.size() << " file(s) already exist and are not from this deployment group's "
             << "previous install; nothing was changed (the agent would have removed the previous revision first):\n";
        for (const std::string& path : result.conflicts) err_ << "  " << path << "\n";
      }
      finish_error(result.error_kind == InstallErrorKind::runtime ? DeploymentStatus::error_uncaught : DeploymentStatus::error_reported,
                   message);
      return false;
    }
    report.outcome = "succeeded";
    report.detail = std::to_string(result.files_copied) + " files installed";
    return true;
  }

  bool hook(const std::string& event, EventReport& report) {
    HookRequest request;
    request.event = event;
    request.layout = in_.layout;
    request.appspec_filename = in_.appspec_filename;
    request.environment = in_.environment;
    LingeringNotice notice(err_);
    HookReport result = run_hook_event(request, launcher_, scripts_log_, deployments_log_open_ ? &deployments_log_ : nullptr,
                                       agent_log_, &notice);
    report.hook = result;
    const bool ignorable = in_.ignore_application_stop_failures && previous_revision_event(event);
    switch (result.outcome) {
      case HookReport::Outcome::noop: report.outcome = "skipped"; return true;
      case HookReport::Outcome::succeeded: report.outcome = "succeeded"; return true;
      case HookReport::Outcome::appspec_error:
        if (ignorable) return ignore_failure(report, result.error);
        report.outcome = "failed";
        report.detail = result.error;
        finish_error(DeploymentStatus::error_uncaught, result.error);
        return false;
      case HookReport::Outcome::script_failed: break;
    }
    const ScriptReport& failed = result.scripts.back();
    if (ignorable) return ignore_failure(report, failed.reason);
    report.outcome = "failed";
    report.detail = failed.reason;
    outcome_.status = DeploymentStatus::script_failed;
    outcome_.failed_script_location = failed.location;
    outcome_.error = failed.reason;
    print("Your local deployment failed while trying to execute your script at " + in_.layout.printed_deployment_dir() +
          "/deployment-archive/" + failed.location);
    explain_script_failure(event, result, failed);
    print("See the deployment log at " + in_.layout.printed_deployment_dir() + "/logs/scripts.log for more details");
    return false;
  }

  bool ignore_failure(EventReport& report, const std::string& why) {
    report.outcome = "ignored-failure";
    report.detail = why;
    err_ << "cdrun: " << report.event << " failed and is ignored (--ignore-application-stop-failures): " << why << "\n";
    return true;
  }

  // What the agent never shows: the reason, the script that really ran, and its last output.
  void explain_script_failure(const std::string& event, const HookReport& hook, const ScriptReport& failed) {
    err_ << "cdrun: " << event << " failed: " << failed.reason << "\n";
    err_ << "cdrun: the script that ran: " << failed.path;
    if (hook.previous_revision) err_ << " (from the previous revision " << hook.revision_dir << ")";
    err_ << "\n";
    for (const PipeHolder& holder : failed.lingering) {
      err_ << "cdrun: pid " << holder.pid << " (" << holder.command << ") kept the script's output open; cdrun ended it\n";
    }
    if (!failed.output_tail.empty()) {
      err_ << "cdrun: its last output:\n";
      std::istringstream lines(failed.output_tail);
      for (std::string line; std::getline(lines, line);) err_ << "  " << line << "\n";
    }
  }

  const DeploymentInput& in_;
  ProcessLauncher& launcher_;
  AgentLog& agent_log_;
  std::ostream& out_;
  std::ostream& err_;
  bool quiet_;
  ScriptsLog scripts_log_;
  DeploymentsLog deployments_log_;
  bool deployments_log_open_ = false;
  DeploymentOutcome outcome_;
};

}  // namespace

DeploymentOutcome run_deployment(const DeploymentInput& input, ProcessLauncher& launcher, AgentLog& agent_log,
                                 std::ostream& out, std::ostream& err, bool quiet) {
  Run run(input, launcher, agent_log, out, err, quiet);
  return run.execute();
}

}  // namespace cdrun
