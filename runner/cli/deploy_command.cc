#include "runner/fs/filesystem.h"
#include "runner/cli/deploy_command.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>
#include <random>

#include "appspec/core/lifecycle_events.h"
#include "runner/layout/agent_config.h"
#include "runner/cli/deploy_checks.h"
#include "runner/cli/deploy_options.h"
#include "runner/cli/deploy_start.h"
#include "runner/fetch/fetch_places.h"
#include "runner/report/deploy_report.h"
#include "runner/engine/deployment_run.h"

extern char** environ;

namespace cdrun {
namespace {

// "d-" + 9 characters of [A-Z0-9] + "-local" (DEP:156-162).
std::string new_deployment_id() {
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::random_device device;
  std::uniform_int_distribution<int> pick(0, 35);
  std::string id = "d-";
  for (int i = 0; i < 9; ++i) id += alphabet[pick(device)];
  return id + "-local";
}


// One deployment at a time per deployment root: the instructions and logs are shared.
class RootLock {
 public:
  ~RootLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  std::string acquire(const std::string& root_dir, const std::string& lock_file) {
    if (std::string mkdir_error; !download::make_directories(root_dir, &mkdir_error)) {
      failure_errno_ = errno;
      return mkdir_error;
    }
    fd_ = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      failure_errno_ = errno;
      return "cannot open " + lock_file + ": " + std::strerror(failure_errno_);
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      char holder[32] = {0};
      ssize_t n = ::pread(fd_, holder, sizeof holder - 1, 0);
      std::string pid = n > 0 ? std::string(holder, static_cast<size_t>(n)) : "unknown";
      return "another deployment (cdrun pid " + pid + ") is running in the deployment root " + root_dir +
             "; nothing was changed, run again when it has finished";
    }
    const std::string pid = std::to_string(::getpid());
    if (::ftruncate(fd_, 0) == 0) (void)::pwrite(fd_, pid.data(), pid.size(), 0);
    return {};
  }

  // The errno of a root that could not be created or opened; 0 when the lock was busy or taken.
  int failure_errno() const { return failure_errno_; }

 private:
  int fd_ = -1;
  int failure_errno_ = 0;
};

}  // namespace

int run_deploy_command(const std::vector<std::string>& args, DeployDialect dialect, std::ostream& out,
                       std::ostream& err) {
  const DeployCommandName name{dialect == DeployDialect::codedeploy_local ? "codedeploy-local" : "cdrun deploy",
                               dialect};
  DeployOptions options;
  if (std::optional<int> status = start_deploy_command(args, name, deploy_help(name.program), out, err, options)) {
    return *status;
  }
  AgentConfigLoad config = resolve_deploy_config(options);
  if (!config.error.empty()) return print_deploy_error(out, config.error);
  const int retain = *archives_to_retain(config.config);
  if (std::string refused = create_per_user_directory(config.config.per_user_dir); !refused.empty()) {
    return print_deploy_error(out, refused);
  }
  AgentLog agent_log;
  std::string log_error;
  if (!agent_log.open(config.config.log_dir, config.config.program_name, &log_error)) {
    // AgentLog::open leaves errno as the failed mkdir or fopen set it.
    const int reason = errno;
    return print_deploy_error(out, log_error, permission_hint(reason));
  }

  const std::string cwd = process_working_directory();
  DeployCheck check = check_deploy_options(options, cwd);
  if (!check.bundle) return print_deploy_error(out, check.error, check.hint);

  DeploymentInput input;
  input.layout.root_dir = config.config.root_dir;
  input.layout.group_id = options.deployment_group;
  input.layout.deployment_id = new_deployment_id();
  input.layout.program_name = config.config.program_name;
  RootLock lock;
  if (std::string busy = lock.acquire(input.layout.root_dir, input.layout.lock_file()); !busy.empty()) {
    return print_deploy_error(out, busy, permission_hint(lock.failure_errno()));
  }

  input.bundle_path = check.bundle->path;
  if (check.bundle->remote) {
    const FetchResult fetched = fetch_into_deployment(*check.bundle->remote, input.layout);
    if (!fetched.bundle) {
      print_deploy_error(out, fetched.error, fetched.hint);
      // Where cdrun does better than the agent, it says so (docs/deploy.md lists the difference).
      out << "note: cdrun downloads a remote bundle before the first lifecycle event, so no script ran and "
             "nothing changed; codedeploy-local downloads it at DownloadBundle, after running the last "
             "successful revision's ApplicationStop, and fails the same way\n";
      return 1;
    }
    input.bundle_path = fetched.bundle->path;
  }
  input.bundle_kind = bundle_kind_of(check.bundle->type);
  input.appspec_filename = options.appspec_filename.value_or("appspec.yml");
  input.appspec_filename_given = options.appspec_filename.has_value();
  input.file_exists_behavior = upper_case(options.file_exists_behavior);
  if (options.events) input.events = split_events(*options.events);
  for (char** e = environ; *e; ++e) {
    // An S3 revision's BUNDLE_BUCKET, _KEY, _VERSION and _ETAG, a GitHub one's BUNDLE_COMMIT, replace
    // inherited ones, or unset them.
    const std::string entry = *e;
    const std::string name = entry.substr(0, entry.find('='));
    if (check.bundle->remote && is_remote_bundle_variable(*check.bundle->remote, name)) continue;
    input.environment.base.emplace_back(*e);
  }
  if (check.bundle->remote) {
    for (std::string& variable : remote_bundle_variables(*check.bundle->remote))
      input.environment.base.push_back(std::move(variable));
  }
  input.environment.application_name = options.application_name.value_or(check.bundle->location);
  input.environment.deployment_group_name = options.deployment_group_name.value_or("LocalFleet");
  input.environment.deployment_group_id = options.deployment_group;
  input.environment.deployment_id = input.layout.deployment_id;
  input.max_revisions = retain;
  input.enable_deployments_log = config.config.enable_deployments_log;
  input.ignore_application_stop_failures = options.ignore_application_stop_failures;
  input.progress = options.format == "text" && ::isatty(STDERR_FILENO) == 1;
  if (input.bundle_kind == BundleKind::directory) {
    agent_log.info(kCommandExecutor, "Handle local directory " + input.bundle_path);
  }

  std::unique_ptr<ProcessLauncher> launcher = make_posix_launcher();
  const bool json = options.format == "json";
  DeploymentOutcome outcome = run_deployment(input, *launcher, agent_log, out, err, json);
  if (json) write_deploy_json(out, input, outcome);
  return outcome.status == DeploymentStatus::succeeded ? 0 : 1;
}

}  // namespace cdrun
