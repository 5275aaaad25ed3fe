// GET /health: what a load balancer or a ValidateService hook asks before sending traffic.
#pragma once

#include <string>

#include "app_context.h"

namespace cdrun::sample_app {

struct HealthReport {
  int status = 200;  // 503 when the database or (redis mode) the key store cannot be used
  std::string json;
};

HealthReport check_health(AppContext& app);

}  // namespace cdrun::sample_app
