// `cdrun deploy --format json`: every event and script (which revision, exit status, duration,
// output tail, reason) as one JSON object on stdout.
#pragma once

#include <ostream>

#include "runner/engine/deployment_run.h"

namespace cdrun {

void write_deploy_json(std::ostream& out, const DeploymentInput& input, const DeploymentOutcome& outcome);

}  // namespace cdrun
