#include "health.h"

#include <nlohmann/json.hpp>

namespace cdrun::sample_app {

HealthReport check_health(AppContext& app) {
  nlohmann::ordered_json body = {{"status", "ok"},
                         {"instance", app.options.instance},
                         {"revision", app.options.revision},
                         {"database", "ok"},
                         {"key_store", key_store_name(app.options.key_store)}};
  std::string reason;
  const auto database = app.users.check();
  if (!database) {
    body["database"] = "error";
    reason = database.error();
  }
  if (app.options.key_store == KeyStoreKind::redis) {
    const auto redis = app.key_store->check();
    body["redis"] = redis ? "ok" : "error";
    if (!redis) reason += (reason.empty() ? "" : "; ") + redis.error();
  }
  if (reason.empty()) return HealthReport{200, body.dump()};
  body["status"] = "unhealthy";
  body["reason"] = reason;
  return HealthReport{503, body.dump()};
}

}  // namespace cdrun::sample_app
