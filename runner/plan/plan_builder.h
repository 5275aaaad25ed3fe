// `cdrun plan`'s prediction: walks the events in the order `cdrun deploy` would run them and says,
// for each, which revision it reads and what it would run, then what would make the deployment
// fail. Reads the deployment root and the bundle; writes nothing.
#pragma once

#include <optional>
#include <string>

#include "appspec/bundle/bundle.h"
#include "runner/plan/plan_model.h"

namespace cdrun {

struct PlanRequest {
  std::string root_dir;
  std::string group = "default-local-deployment-group";
  std::string bundle_path;                      // absolute
  BundleKind bundle_kind = BundleKind::directory;
  std::optional<std::string> appspec_filename;  // --appspec-filename
  std::string file_exists_behavior = "DISALLOW";  // -b, upper-cased
  std::optional<std::string> events;            // --events, as given
  bool ignore_application_stop_failures = false;
  std::string cwd;                              // relative destinations are taken against it
  PlanAgents agents = PlanAgents::v1_8;         // --agent-version
};

PlanReport build_plan(const PlanRequest& request);

}  // namespace cdrun
