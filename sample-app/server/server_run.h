// Serving until SIGTERM/SIGINT: bind, log start, listen, stop gracefully, log stop.
#pragma once

#include <ostream>

#include "app_context.h"

namespace cdrun::sample_app {

// Blocks SIGTERM and SIGINT so that only serve()'s watcher thread receives them. Call it first in
// main, before any thread exists: threads inherit the mask.
void block_stop_signals();

// Returns the process exit code: 0 after a stop signal, 1 when the address cannot be bound.
int serve(AppContext& app, std::ostream& out, std::ostream& err);

}  // namespace cdrun::sample_app
