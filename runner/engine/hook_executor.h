// One lifecycle event's scripts, as the agent's HookExecutor runs them (agent-behavior.md §1.3-1.5,
// §5): which revision's appspec and scripts, path checks, runas/sudo command, environment,
// scripts.log and deployments log, timeout and exit status with the agent's messages.
#pragma once

#include <string>
#include <vector>

#include "runner/layout/agent_log.h"
#include "runner/layout/deployment_layout.h"
#include "runner/process/process_runner.h"
#include "runner/layout/scripts_log.h"

namespace cdrun {

// Which deployment's archive an event reads (HE:68-79, 253-261).
enum class RevisionMapping { current, last_successful_or_ignore };
RevisionMapping revision_mapping_for(const std::string& event);

struct HookEnvironment {
  std::vector<std::string> base;  // the process environment, "NAME=value"
  std::string application_name;
  std::string deployment_group_name;
  std::string deployment_group_id;
  std::string deployment_id;
};

struct ScriptReport {
  std::string location;           // as written in the appspec
  std::string path;               // the file that ran (absolute)
  std::string runas;              // "" when none
  long long timeout = 0;
  int exit_code = -1;             // -1 when it did not exit normally
  int agent_error_code = 0;       // the agent's diagnostic codes: 0 ok, 1 missing, 2 not executable,
                                  // 3 timed out, 4 failed, 6 outputs left open
  std::string reason;             // the agent's message for a failure
  std::string output_tail;        // the last lines of output (for the user; the agent keeps 2048 chars)
  std::vector<PipeHolder> lingering;  // processes that kept the pipes open
  long long duration_ms = 0;
};

struct HookReport {
  std::string event;
  enum class Outcome { noop, succeeded, script_failed, appspec_error } outcome = Outcome::noop;
  std::string revision_dir;       // the deployment dir whose archive was used ("" for noop)
  bool previous_revision = false;  // true when it is not the current deployment
  std::string appspec_path;
  std::string error;              // appspec_error: the agent's message (RuntimeError, Psych, validation)
  std::vector<ScriptReport> scripts;
};

struct HookRequest {
  std::string event;
  DeploymentLayout layout;         // the current deployment
  std::string appspec_filename;    // AppSpecFilename: hook events never fall back to appspec.yaml
  HookEnvironment environment;
};

class HookObserver {
 public:
  virtual ~HookObserver() = default;
  virtual void on_script_start(const std::string& event, const ScriptReport& script) { (void)event, (void)script; }
  virtual void on_lingering(const std::string& event, const ScriptReport& script) { (void)event, (void)script; }
};

HookReport run_hook_event(const HookRequest& request, ProcessLauncher& launcher, ScriptsLog& scripts_log,
                          DeploymentsLog* deployments_log, AgentLog& agent_log, HookObserver* observer = nullptr);

// The agent's "did not find an AppSpec file" message (HE:241-248).
std::string appspec_not_found_message(const std::string& filename, const std::string& deployment_dir);

}  // namespace cdrun
