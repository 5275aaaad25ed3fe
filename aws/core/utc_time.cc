#include "aws/core/utc_time.h"

#include <cctype>
#include <cstdio>

namespace cdrun::aws {
namespace {

bool read_digits(const std::string& s, size_t& at, size_t count, int& value) {
  value = 0;
  for (size_t i = 0; i < count; ++i, ++at) {
    if (at >= s.size() || !std::isdigit(static_cast<unsigned char>(s[at]))) return false;
    value = value * 10 + (s[at] - '0');
  }
  return true;
}

bool expect(const std::string& s, size_t& at, char c) {
  if (at >= s.size() || s[at] != c) return false;
  ++at;
  return true;
}

}  // namespace

std::optional<std::time_t> parse_utc_timestamp(const std::string& s) {
  size_t at = 0;
  int year, month, day, hour, minute, second;
  if (!read_digits(s, at, 4, year) || !expect(s, at, '-') || !read_digits(s, at, 2, month) || !expect(s, at, '-') ||
      !read_digits(s, at, 2, day) || !expect(s, at, 'T') || !read_digits(s, at, 2, hour) || !expect(s, at, ':') ||
      !read_digits(s, at, 2, minute) || !expect(s, at, ':') || !read_digits(s, at, 2, second))
    return std::nullopt;
  if (at < s.size() && s[at] == '.') {
    ++at;
    const size_t digits_from = at;
    while (at < s.size() && std::isdigit(static_cast<unsigned char>(s[at]))) ++at;
    if (at == digits_from) return std::nullopt;
  }
  const std::string zone = s.substr(at);
  if (zone != "Z" && zone != "+00:00" && zone != "") return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return timegm(&tm);
}

std::string format_utc_timestamp(std::time_t when) {
  std::tm tm{};
  gmtime_r(&when, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string format_duration(long long seconds) {
  if (seconds < 0) seconds = 0;
  char buffer[48];
  if (seconds >= 3600)
    std::snprintf(buffer, sizeof buffer, "%lldh %02lldm", seconds / 3600, (seconds % 3600) / 60);
  else if (seconds >= 60)
    std::snprintf(buffer, sizeof buffer, "%lldm %02llds", seconds / 60, seconds % 60);
  else
    std::snprintf(buffer, sizeof buffer, "%llds", seconds);
  return buffer;
}

}  // namespace cdrun::aws
