// build_plan's walk over the events under one agent's rules. Internal to runner/plan: the event
// steps are in plan_builder.cc, the Install step in plan_install_step.cc.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runner/layout/deployment_layout.h"
#include "runner/plan/plan_builder.h"
#include "runner/plan/plan_revisions.h"

namespace cdrun {

// What the plans of both agents read once: the new bundle and the group's last successful deployment.
struct PlanInputs {
  NewRevision revision;
  PreviousRevision previous;         // as agent 1.8 reads it: AppSpecFilename only
  PreviousRevision previous_agent2;  // with agent 2.x's appspec.yaml / appspec.yml fallback
};

class PlanBuilder {
 public:
  // `agent2`: follow agent 2.x's deploy-local (agent2-behavior.md) instead of codedeploy-local 1.8.
  PlanBuilder(const PlanRequest& request, const PlanInputs& inputs, bool agent2);
  PlanReport run();

 private:
  // An appspec as the planned agent judges it.
  struct Judged {
    const Ec2AppSpec* spec = nullptr;  // where scripts and files are read from
    bool refused = false;
    bool unmodelled = false;           // agent 2.x accepts what agent 1.8's parser refuses
    std::string error;                 // the planned agent's message when refused
  };
  Judged judge(const LoadedAppSpec& appspec) const;

  void add(Severity severity, const char* code, std::string message, std::string file, std::string hint,
           Position position = {});
  // Agent 2.x's plan: what it does instead of something agent 1.8 reports (shown only beside 1.8's plan).
  void add_difference(const std::string& message, std::string file, std::string hint);

  void check_event_names();
  Severity previous_severity() const;
  std::string previous_hint(const std::string& fix) const;
  void previous_hook(PlanEvent& event);
  void report_previous_refusal(PlanEvent& event, const Judged& judged);
  void new_hook(PlanEvent& event, bool downloaded);
  void read_hook_scripts(PlanEvent& event, const Ec2AppSpec& spec, bool previous);
  void report_new_refusal(const LoadedAppSpec& appspec);
  void report_unmodelled(const LoadedAppSpec& appspec);
  void download(PlanEvent& event);
  void install(PlanEvent& event);
  void report_unknown_hooks(const Ec2AppSpec& spec, PlanEvent& event);
  void report_host_blocks(const Ec2AppSpec& spec, PlanEvent& event);
  void report_unknown_accounts(const Ec2AppSpec& spec, PlanEvent& event);
  void report_umask(const Ec2AppSpec& spec, const PlanEvent& event);
  void report_previous_differences();
  void report_layout();

  const PlanRequest& in_;
  const bool agent2_;
  std::string filename_;
  std::optional<std::vector<std::string>> events_;
  DeploymentLayout layout_;
  const NewRevision& revision_;
  const PreviousRevision& previous_;
  PlanReport out_;
  bool previous_reported_ = false;
  bool reads_new_hooks_appspec_ = false;
  std::vector<std::string> reported_appspecs_;  // each refused or unmodelled appspec is reported once
  std::vector<std::string> skipped_previous_;   // agent 2.x: previous-revision events with no archive to read
  std::vector<std::string> fallback_previous_;  // agent 2.x: ... that read the previous appspec.yaml/.yml
};

}  // namespace cdrun
