// build_plan's appspec verdicts: how the planned agent judges an appspec, how a refusal is
// reported, and where the bundle's appspec is missing for it.
#include <algorithm>

#include "runner/plan/plan_agent2.h"
#include "runner/plan/plan_builder_impl.h"

namespace cdrun {

PlanBuilder::Judged PlanBuilder::judge(const LoadedAppSpec& appspec) const {
  Judged judged;
  const Ec2AppSpec* spec = appspec.spec ? &*appspec.spec : nullptr;
  if (!agent2_) {
    judged.spec = spec;
    judged.refused = !spec;
    judged.error = appspec.error;
  } else if (!appspec.agent2_accepts) {
    judged.refused = true;
    // An appspec that cannot be read at all has no agent 2.x verdict: the reason is the same.
    judged.error = appspec.agent2_error.empty() ? appspec.error : appspec.agent2_error;
  } else {
    judged.spec = spec;
    judged.unmodelled = !spec;
  }
  return judged;
}

void PlanBuilder::report_new_refusal(const LoadedAppSpec& appspec) {
  if (std::find(reported_appspecs_.begin(), reported_appspecs_.end(), appspec.path) != reported_appspecs_.end()) return;
  reported_appspecs_.push_back(appspec.path);
  if (!agent2_) {
    add(Severity::error, "CD604", appspec.error, appspec.path, "run cdrun validate on the bundle for every problem");
    return;
  }
  const Judged judged = judge(appspec);
  add(Severity::error, "CD604", "agent 2.x refuses the appspec: " + judged.error, appspec.path,
      agent2_refusal_hint(filename_, in_.bundle_kind != BundleKind::directory), appspec.agent2_position);
}

void PlanBuilder::report_unmodelled(const LoadedAppSpec& appspec) {
  if (std::find(reported_appspecs_.begin(), reported_appspecs_.end(), appspec.path) != reported_appspecs_.end()) return;
  reported_appspecs_.push_back(appspec.path);
  add(Severity::note, "CD616",
      "agent 2.x accepts this appspec but agent 1.8's parser refuses it (" + appspec.error +
          "); plan reads scripts and files with 1.8's parser, so it cannot tell what agent 2.x would run",
      appspec.path, "make the appspec one both agents accept: cdrun validate shows what agent 1.8 objects to");
}

// Agent 2.x requires AppSpecFilename itself in the new revision before any hook reads it (§1.4, §2.4).
void PlanBuilder::download(PlanEvent& event) {
  if (!agent2_ || !revision_.open_error.empty() || revision_.hooks_appspec) return;
  event.failure = "the bundle has no " + filename_;
  if (!revision_.install_appspec) return;  // no appspec at all: layout's CD301 says so for both agents
  add(Severity::error, "CD614",
      agent2_missing_appspec_message(filename_, in_.bundle_path, in_.bundle_kind != BundleKind::directory, in_.root_dir,
                                     in_.group),
      in_.bundle_path,
      "rename " + revision_.install_appspec_name + " to " + filename_ + ", or pass --appspec-filename " +
          revision_.install_appspec_name);
}

// Where the appspec is missing or only the Install step finds it. A bundle whose AppSpecFilename is
// missing fails only if some hook event reads the new revision; agent 2.x fails at DownloadBundle
// instead (CD614).
void PlanBuilder::report_layout() {
  Diagnostics kept;
  for (const Diagnostic& d : revision_.layout) {
    if (d.severity != Severity::error) continue;
    if (d.code == "CD302" && (agent2_ || !reads_new_hooks_appspec_)) continue;
    kept.push_back(d);
  }
  // The bundle's own problems come first: they are what a user fixes first.
  out_.warnings.insert(out_.warnings.begin(), kept.begin(), kept.end());
}

}  // namespace cdrun
