// Durations as `cdrun watch --timeout/--interval` take them: "90" or "90s", "15m", "2h", "1h30m",
// "0.5s". nullopt for anything else (and for negative values).
#pragma once

#include <optional>
#include <string>

namespace cdrun::watch {

std::optional<double> parse_watch_duration(const std::string& text);

}  // namespace cdrun::watch
