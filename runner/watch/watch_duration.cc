#include "runner/watch/watch_duration.h"

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

}  // namespace cdrun::watch
