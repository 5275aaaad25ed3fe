// `cdrun watch --format json|junit`: one document written when the watch ends.
#pragma once

#include <ostream>

#include "runner/watch/watch_engine.h"

namespace cdrun::watch {

// {"deploymentId", "applicationName", "deploymentGroupName", "computePlatform", "status", "result",
//  "exitStatus", "overview": {...}, "errorInformation": {"code","message"}, "rollbackDeploymentId",
//  "createTime", "completeTime", "elapsedSeconds", "targets": [{"targetId", "type", "status",
//  "lifecycleEvents": [{"name", "status", "startTime", "endTime", "diagnostics": {...}}]}]}
void write_watch_json(std::ostream& out, const WatchResult& result);

// One testsuite named after the deployment, one testcase per target and lifecycle event
// (classname = target id, name = event name): Failed events carry a <failure> with the
// diagnostics, Skipped events (and events not finished when the watch ended) are <skipped/>.
void write_watch_junit(std::ostream& out, const WatchResult& result);

}  // namespace cdrun::watch
