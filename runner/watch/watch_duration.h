// Durations as `cdrun watch --timeout/--interval` take them: "90" or "90s", "15m", "2h", "1h30m",
// "0.5s". nullopt for anything else (and for negative values).
#pragma once

#include <optional>
#include <string>

#include "runner/watch/watch_engine.h"

namespace cdrun::watch {

std::optional<double> parse_watch_duration(const std::string& text);

// The engine's options from `--timeout` ("" = none) and `--interval` as typed; throttling backs off
// up to max(60 s, interval). nullopt with `*error` set (e.g. "--timeout 5x is not a duration (like
// 90s, 15m, 2h, 1h30m)", "--interval must be more than 0") when one is not a duration.
std::optional<WatchOptions> watch_options_from(const std::string& timeout, const std::string& interval,
                                               std::string* error);

}  // namespace cdrun::watch
