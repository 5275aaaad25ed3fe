// Wires the pages, /health, the per-request log line and the error pages into a cpp-httplib server.
#pragma once

#include <httplib.h>

#include "app_context.h"

namespace cdrun::sample_app {

void install_routes(httplib::Server& server, AppContext& app);

}  // namespace cdrun::sample_app
