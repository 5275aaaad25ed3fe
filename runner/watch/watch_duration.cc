#include "runner/watch/watch_duration.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace cdrun::watch {

std::optional<double> parse_watch_duration(const std::string& text) {
  if (text.empty()) return std::nullopt;
  double total = 0;
  const char* cursor = text.c_str();
  while (*cursor != '\0') {
    // Digits only: strtod alone would take signs, spaces, "inf" and hexadecimal.
    if (!std::isdigit(static_cast<unsigned char>(*cursor)) && *cursor != '.') return std::nullopt;
    char* after = nullptr;
    const double number = std::strtod(cursor, &after);
    if (after == cursor) return std::nullopt;
    cursor = after;
    double unit = 1;
    if (*cursor == 'h') {
      unit = 3600;
    } else if (*cursor == 'm') {
      unit = 60;
    } else if (*cursor == 's') {
      unit = 1;
    } else if (*cursor != '\0') {
      return std::nullopt;
    }
    if (*cursor != '\0') ++cursor;
    total += number * unit;
  }
  return total;
}

namespace {

std::optional<double> duration_option(const std::string& text, const std::string& option, std::string* error) {
  std::optional<double> seconds = parse_watch_duration(text);
  if (!seconds) *error = option + " " + text + " is not a duration (like 90s, 15m, 2h, 1h30m)";
  return seconds;
}

}  // namespace

std::optional<WatchOptions> watch_options_from(const std::string& timeout, const std::string& interval,
                                               std::string* error) {
  WatchOptions options;
  if (!timeout.empty()) {
    options.timeout_seconds = duration_option(timeout, "--timeout", error);
    if (!options.timeout_seconds) return std::nullopt;
  }
  const std::optional<double> every = duration_option(interval, "--interval", error);
  if (!every) return std::nullopt;
  if (*every <= 0) {
    *error = "--interval must be more than 0";
    return std::nullopt;
  }
  options.interval_seconds = *every;
  options.max_backoff_seconds = std::max(60.0, *every);
  return options;
}

}  // namespace cdrun::watch
