#include "aws/http/proxy_choice.h"

#include <algorithm>
#include <cctype>

namespace cdrun::aws::http {
namespace {

std::string trimmed_lowercase(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const size_t last = text.find_last_not_of(" \t");
  std::string out = text.substr(first, last - first + 1);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// "[::1]:8080" -> "::1", "host:80" -> "host", "::1" stays (more than one colon: an IPv6 address).
std::string without_port(std::string entry) {
  if (!entry.empty() && entry[0] == '[') {
    const size_t close = entry.find(']');
    return close == std::string::npos ? entry : entry.substr(1, close - 1);
  }
  const size_t colon = entry.find(':');
  if (colon != std::string::npos && entry.find(':', colon + 1) == std::string::npos) entry.erase(colon);
  return entry;
}

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// The first set, non-empty variable of the two.
std::optional<ProxyChoice> first_set(const EnvLookup& env, const std::string& lower, const std::string& upper) {
  for (const std::string& name : {lower, upper}) {
    const std::optional<std::string> value = env(name);
    if (value && !value->empty()) return ProxyChoice{name, *value};
  }
  return std::nullopt;
}

}  // namespace

bool no_proxy_matches(const std::string& no_proxy, const std::string& host) {
  const std::string wanted = trimmed_lowercase(host);
  size_t start = 0;
  while (start <= no_proxy.size()) {
    size_t end = no_proxy.find(',', start);
    if (end == std::string::npos) end = no_proxy.size();
    std::string entry = without_port(trimmed_lowercase(no_proxy.substr(start, end - start)));
    start = end + 1;
    if (entry == "*") return true;
    if (is_ip_literal(entry) || is_ip_literal(wanted)) {
      if (entry == wanted) return true;
      continue;
    }
    while (!entry.empty() && entry[0] == '.') entry.erase(0, 1);
    if (entry.empty()) continue;
    if (wanted == entry || ends_with(wanted, "." + entry)) return true;
  }
  return false;
}

std::optional<ProxyChoice> choose_proxy(const Url& target, const EnvLookup& env) {
  const std::optional<ProxyChoice> exempt = first_set(env, "no_proxy", "NO_PROXY");
  if (exempt && no_proxy_matches(exempt->value, target.host)) return std::nullopt;
  if (target.scheme == "https") return first_set(env, "https_proxy", "HTTPS_PROXY");
  return first_set(env, "http_proxy", "HTTP_PROXY");
}

}  // namespace cdrun::aws::http
