#include "runner/engine/hook_executor.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <sstream>

#include "appspec/agent/agent_parser.h"
#include "runner/fs/ruby_paths.h"

namespace cdrun {

RevisionMapping revision_mapping_for(const std::string& event) {
  if (event == "ApplicationStop" || event == "BeforeBlockTraffic" || event == "AfterBlockTraffic")
    return RevisionMapping::last_successful_or_ignore;
  return RevisionMapping::current;
}

std::string appspec_not_found_message(const std::string& filename, const std::string& deployment_dir) {
  const std::string archive = join_path(deployment_dir, "deployment-archive");
  return "The CodeDeploy agent did not find an AppSpec file within the unpacked revision directory at "
         "revision-relative path \"" + filename + "\". The revision was unpacked to directory \"" + archive +
         "\", and the AppSpec file was expected but not found at path \"" + join_path(archive, filename) +
         "\". Consult the AWS CodeDeploy Appspec documentation for more information at "
         "http://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file.html";
}

namespace {

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

// Ruby's Open3.popen3 with one string: a shell only when the string has shell metacharacters.
std::vector<std::string> command_argv(const std::string& command) {
  if (command.find_first_of("*?{}[]<>()~&|\\$;'`\"\n#") != std::string::npos) return {"/bin/sh", "-c", command};
  std::vector<std::string> argv;
  std::stringstream in(command);
  std::string word;
  while (in >> word) argv.push_back(word);
  return argv;
}

// LU:11-30: the command line for runas and sudo.
std::string command_line(const std::string& path, const std::optional<std::string>& runas, bool sudo) {
  std::string cmd = runas ? "su " + *runas + " -c " + path : path;
  return sudo ? "sudo " + cmd : cmd;
}

std::vector<std::string> hook_environment(const HookEnvironment& e, const std::string& event) {
  const std::vector<std::pair<std::string, std::string>> added{
      {"LIFECYCLE_EVENT", event},
      {"DEPLOYMENT_ID", e.deployment_id},
      {"APPLICATION_NAME", e.application_name},
      {"DEPLOYMENT_GROUP_NAME", e.deployment_group_name},
      {"DEPLOYMENT_GROUP_ID", e.deployment_group_id},
  };
  std::vector<std::string> env;
  for (const std::string& entry : e.base) {
    const std::string name = entry.substr(0, entry.find('='));
    const bool replaced = std::any_of(added.begin(), added.end(), [&](const auto& a) { return a.first == name; });
    if (!replaced) env.push_back(entry);
  }
  for (const auto& [name, value] : added) env.push_back(name + "=" + value);
  return env;
}

// Sends a script's output to scripts.log and the deployments log as it arrives, keeping a tail.
class OutputRecorder : public ProcessObserver {
 public:
  OutputRecorder(ScriptsLog& log, DeploymentsLog* deployments, const std::string& id, ScriptReport& report,
                 HookObserver* observer, const std::string& event)
      : log_(log), deployments_(deployments), id_(id), report_(report), observer_(observer), event_(event) {}

  void on_output(bool is_stderr, const std::string& line) override {
    const std::string entry = (is_stderr ? "[stderr]" : "[stdout]") + line;
    std::string ignored;
    log_.write(entry, &ignored);
    if (deployments_) deployments_->write(id_, entry);
    tail_.push_back(entry);
    if (tail_.size() > 20) tail_.pop_front();
  }

  void on_lingering(const std::vector<PipeHolder>& holders) override {
    report_.lingering = holders;
    if (observer_) observer_->on_lingering(event_, report_);
  }

  std::string tail() const {
    std::string out;
    for (const std::string& line : tail_) out += line.back() == '\n' ? line : line + "\n";
    return out;
  }

 private:
  ScriptsLog& log_;
  DeploymentsLog* deployments_;
  const std::string& id_;
  ScriptReport& report_;
  HookObserver* observer_;
  const std::string& event_;
  std::deque<std::string> tail_;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void log_entry(ScriptsLog& log, DeploymentsLog* deployments, const std::string& id, const std::string& entry) {
  std::string ignored;
  log.write(entry, &ignored);
  if (deployments) deployments->write(id, entry);
}

// Runs one script; returns false when the event must stop.
bool run_script(const ScriptSpec& script, const std::string& archive, const HookRequest& request, ProcessLauncher& launcher,
                ScriptsLog& log, DeploymentsLog* deployments, AgentLog& agent_log, HookObserver* observer, ScriptReport& report) {
  const std::string& id = request.environment.deployment_id;
  report.location = script.location;
  report.runas = script.runas.value_or("");
  report.timeout = script.timeout;
  report.path = join_path(archive, script.location);
  if (!exists(report.path)) {
    report.agent_error_code = 1;
    // The agent's File.expand_path: "." / ".." and doubled '/' resolved, a relative root (--root-dir
    // rel) read from the working directory, as Ruby does.
    report.reason = "Script does not exist at specified location: " +
                    ruby_expand_path(report.path, current_directory(), TildePrefix::home);
    return false;
  }
  if (::access(report.path.c_str(), X_OK) != 0) {
    agent_log.warn(kHookExecutor, "Script at specified location: " + script.location +
                                      " is not executable.  Trying to make it executable.");
    struct stat st {};
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::stat(report.path.c_str(), &st) != 0 || ::chmod(report.path.c_str(), (st.st_mode & 07777) | (0111 & ~mask)) != 0) {
      report.agent_error_code = 2;
      report.reason = "Unable to set script at specified location: " + script.location + " as executable";
      return false;
    }
  }
  // The agent logs the script only once its checks passed: a missing script leaves no entry.
  log_entry(log, deployments, id, "Script - " + script.location + "\n");
  if (observer) observer->on_script_start(request.event, report);
  ProcessSpec spec;
  spec.argv = command_argv(command_line(report.path, script.runas, script.sudo));
  spec.env = hook_environment(request.environment, request.event);
  RunLimits limits;
  limits.timeout_seconds = script.timeout;
  OutputRecorder recorder(log, deployments, id, report, observer, request.event);
  ProcessResult result = launcher.run(spec, limits, recorder);
  report.duration_ms = result.duration.count();
  report.output_tail = recorder.tail();
  const std::string who = script.runas ? " run as user " + *script.runas : "";
  const std::string at = "Script at specified location: " + script.location;
  switch (result.end) {
    case ProcessEnd::exited:
      report.exit_code = result.exit_code;
      if (result.exit_code == 0) return true;
      report.agent_error_code = 4;
      report.reason = at + who + " failed with exit code " + std::to_string(result.exit_code);
      return false;
    case ProcessEnd::signaled:
      report.agent_error_code = 4;
      report.reason = at + who + " failed with exit code ";  // the agent prints no code for a signal
      return false;
    case ProcessEnd::spawn_failed:
      report.agent_error_code = 4;
      report.reason = at + who + " failed with error Errno::ENOENT with message " + result.error;
      return false;
    case ProcessEnd::timed_out:
      agent_log.info(kHookExecutor, at + " timed out");
      report.agent_error_code = 3;
      report.reason = at + " failed to complete in " + std::to_string(script.timeout) + " seconds";
      return false;
    case ProcessEnd::outputs_left_open:
      report.agent_error_code = 6;
      report.reason = at + " failed to close " + result.open_stream;
      report.lingering = result.holders;
      agent_log.error(kHookExecutor, report.reason);
      return false;
  }
  return false;
}

}  // namespace

HookReport run_hook_event(const HookRequest& request, ProcessLauncher& launcher, ScriptsLog& scripts_log,
                          DeploymentsLog* deployments_log, AgentLog& agent_log, HookObserver* observer) {
  HookReport report;
  report.event = request.event;
  std::string root = request.layout.deployment_dir();
  if (revision_mapping_for(request.event) == RevisionMapping::last_successful_or_ignore &&
      !exists(request.layout.archive_dir())) {
    root = read_instruction_path(request.layout.last_successful_file());
    if (root.empty()) return report;  // first deployment: the event is skipped, not failed
  }
  report.revision_dir = root;
  report.previous_revision = root != request.layout.deployment_dir();
  const std::string archive = join_path(root, "deployment-archive");
  report.appspec_path = join_path(archive, request.appspec_filename);
  if (!exists(report.appspec_path)) {
    report.outcome = HookReport::Outcome::appspec_error;
    report.error = appspec_not_found_message(request.appspec_filename, root);
    return report;
  }
  AgentVerdict verdict = agent_parse(read_file(report.appspec_path), AgentOs::linux);
  if (!verdict.accepts) {
    report.outcome = HookReport::Outcome::appspec_error;
    const AgentFinding& first = *verdict.first();
    report.error = first.crash ? "the agent's parser crashes with " + first.error_class + ": " + first.explanation : first.message;
    return report;
  }
  const HookSpec* hook = nullptr;
  for (const HookSpec& h : verdict.appspec->hooks) {
    if (h.name == request.event) hook = &h;
  }
  if (!hook || hook->scripts.empty()) return report;
  const std::string& id = request.environment.deployment_id;
  log_entry(scripts_log, deployments_log, id, "LifecycleEvent - " + request.event + "\n");
  report.outcome = HookReport::Outcome::succeeded;
  for (const ScriptSpec& script : hook->scripts) {
    report.scripts.emplace_back();
    if (!run_script(script, archive, request, launcher, scripts_log, deployments_log, agent_log, observer, report.scripts.back())) {
      report.outcome = HookReport::Outcome::script_failed;
      break;
    }
  }
  return report;
}

}  // namespace cdrun
