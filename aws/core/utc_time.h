// ISO 8601 UTC timestamps as AWS writes them ("2026-11-22T01:30:13Z", optionally with fractional
// seconds or "+00:00"), and back.
#pragma once

#include <ctime>
#include <optional>
#include <string>

namespace cdrun::aws {

std::optional<std::time_t> parse_utc_timestamp(const std::string& text);

// "2026-11-22T01:30:13Z"
std::string format_utc_timestamp(std::time_t when);

// "1h 05m", "12m 30s", "45s" (negative values: "0s").
std::string format_duration(long long seconds);

}  // namespace cdrun::aws
