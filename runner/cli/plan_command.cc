#include "runner/cli/plan_command.h"

#include <unistd.h>

#include <cctype>
#include <climits>

#include "runner/layout/agent_config.h"
#include "runner/cli/deploy_checks.h"
#include "runner/cli/deploy_options.h"
#include "runner/plan/plan_builder.h"
#include "runner/report/plan_render.h"

namespace cdrun {
namespace {

// deploy's option list is plan's: only the first paragraph differs.
std::string plan_help(const std::string& program) {
  const std::string deploy = deploy_help(program);
  const size_t body = deploy.find("\n\n");
  return "cdrun plan: what `cdrun deploy` with the same options would run, from which revision, and what would make\n"
         "it fail. Nothing is written: no deployment root, no lock, no log. Exit status 0 when no failure is\n"
         "predicted, 1 when one is." +
         (body == std::string::npos ? "\n\n" + deploy : deploy.substr(body));
}

int fail(std::ostream& out, const std::string& message) {
  out << "ERROR: " << message << "\n";
  return 1;
}

}  // namespace

int run_plan_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                     std::ostream& err) {
  (void)err;
  DeployParse parsed = parse_deploy_options(args);
  if (!parsed.error.empty()) {
    out << parsed.error << "\n" << deploy_usage(program);
    return 1;
  }
  const DeployOptions& options = parsed.options;
  if (options.help) {
    out << plan_help(program);
    return 0;
  }
  if (options.version) {
    out << "cdrun 0.1.0\n";
    return 0;
  }
  if (options.format != "text" && options.format != "json") return fail(out, "format " + options.format + " is not one of text,json");
  AgentConfigLoad config = resolve_deploy_config(options);
  if (!config.error.empty()) return fail(out, config.error);
  const std::string cwd = process_working_directory();
  DeployCheck check = check_deploy_options(options, cwd);
  if (!check.bundle) return fail(out, check.error);

  PlanRequest request;
  request.root_dir = config.config.root_dir;
  request.group = options.deployment_group;
  request.bundle_path = check.bundle->path;
  request.bundle_kind = bundle_kind_of(check.bundle->type);
  request.appspec_filename = options.appspec_filename;
  request.file_exists_behavior = upper_case(options.file_exists_behavior);
  request.events = options.events;
  request.ignore_application_stop_failures = options.ignore_application_stop_failures;
  request.cwd = cwd;
  const PlanReport report = build_plan(request);
  if (options.format == "json") {
    write_plan_json(out, report);
  } else {
    write_plan_text(out, report);
  }
  return report.predicts_failure() ? 1 : 0;
}

}  // namespace cdrun
