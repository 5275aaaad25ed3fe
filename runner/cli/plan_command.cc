#include "runner/cli/plan_command.h"

#include <unistd.h>

#include <cctype>
#include <climits>

#include "runner/layout/agent_config.h"
#include "runner/cli/deploy_checks.h"
#include "runner/cli/deploy_options.h"
#include "runner/cli/deploy_start.h"
#include "runner/fetch/fetch_places.h"
#include "runner/plan/plan_builder.h"
#include "runner/report/plan_render.h"

namespace cdrun {
namespace {

// deploy's option list plus plan's own (--agent-version); the first paragraph differs.
std::string plan_help(const std::string& program) {
  const std::string deploy = deploy_help(program, DeployOptionSet::plan);
  const size_t body = deploy.find("\n\n");
  return "cdrun plan: what `cdrun deploy` with the same options would run, from which revision, and what would make\n"
         "it fail. Nothing is written: no deployment root, no lock, no log. Exit status 0 when no failure is\n"
         "predicted, 1 when one is under any agent --agent-version selects." +
         (body == std::string::npos ? "\n\n" + deploy : deploy.substr(body));
}

// The plan of a downloaded bundle names the location given, not the temporary file it was read from.
void name_plan_as_given(PlanReport& report, const std::string& copy, const std::string& given) {
  report.bundle_path = given;
  for (PlanEvent& event : report.events) {
    event.appspec_path = named_as_given(event.appspec_path, copy, given);
    event.failure = named_as_given(event.failure, copy, given);
    if (event.agent2) {
      event.agent2->appspec_path = named_as_given(event.agent2->appspec_path, copy, given);
      event.agent2->failure = named_as_given(event.agent2->failure, copy, given);
    }
  }
  name_as_given(report.warnings, copy, given);
  name_as_given(report.agent2_differences, copy, given);
}

}  // namespace

int run_plan_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                     std::ostream& err) {
  DeployOptions options;
  if (std::optional<int> status =
          start_deploy_command(args, {program, DeployDialect::cdrun, DeployOptionSet::plan}, plan_help(program), out, err,
                               options)) {
    return *status;
  }
  AgentConfigLoad config = resolve_deploy_config(options);
  if (!config.error.empty()) return print_deploy_error(out, config.error);
  const std::string cwd = process_working_directory();
  DeployCheck check = check_deploy_options(options, cwd);
  if (!check.bundle) return print_deploy_error(out, check.error, check.hint);

  PlanRequest request;
  request.root_dir = config.config.root_dir;
  request.group = options.deployment_group;
  request.bundle_path = check.bundle->path;
  PrivateDownload download;  // a remote bundle is planned from a temporary copy, removed on return
  if (check.bundle->remote) {
    const FetchResult fetched = download.fetch(*check.bundle->remote, false);
    if (!fetched.bundle) return print_deploy_error(out, fetched.error, fetched.hint);
    request.bundle_path = fetched.bundle->path;
  }
  request.bundle_kind = bundle_kind_of(check.bundle->type);
  request.appspec_filename = options.appspec_filename;
  request.file_exists_behavior = upper_case(options.file_exists_behavior);
  request.events = options.events;
  request.ignore_application_stop_failures = options.ignore_application_stop_failures;
  request.cwd = cwd;
  request.agents = options.agent_version == "1.8" ? PlanAgents::v1_8
                   : options.agent_version == "2" ? PlanAgents::v2
                                                  : PlanAgents::all;
  PlanReport report = build_plan(request);
  if (check.bundle->remote) name_plan_as_given(report, request.bundle_path, check.bundle->location);
  if (options.format == "json") {
    write_plan_json(out, report);
  } else {
    write_plan_text(out, report);
  }
  return report.predicts_failure() ? 1 : 0;
}

}  // namespace cdrun
