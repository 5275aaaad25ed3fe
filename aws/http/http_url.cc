#include "aws/http/http_url.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace cdrun::aws::http {
namespace {

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string percent_decode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool parse_port(const std::string& digits, int* port) {
  if (digits.empty() || digits.size() > 5) return false;
  for (char c : digits)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  *port = std::stoi(digits);
  return *port > 0 && *port <= 65535;
}

}  // namespace

std::optional<Url> parse_url(const std::string& text, const std::string& default_scheme) {
  Url url;
  std::string rest = text;
  const size_t scheme_end = text.find("://");
  if (scheme_end != std::string::npos) {
    url.scheme = lowercase(text.substr(0, scheme_end));
    rest = text.substr(scheme_end + 3);
  } else {
    url.scheme = default_scheme;
  }
  if (url.scheme != "http" && url.scheme != "https") return std::nullopt;
  const size_t path_start = rest.find_first_of("/?#");
  std::string authority_text = rest.substr(0, path_start);
  if (path_start != std::string::npos) {
    url.target = rest.substr(path_start);
    const size_t fragment = url.target.find('#');
    if (fragment != std::string::npos) url.target.erase(fragment);
  }
  if (url.target.empty() || url.target[0] != '/') url.target = "/" + url.target;
  const size_t at = authority_text.rfind('@');
  if (at != std::string::npos) {
    const std::string userinfo = authority_text.substr(0, at);
    const size_t colon = userinfo.find(':');
    url.user = percent_decode(userinfo.substr(0, colon));
    if (colon != std::string::npos) url.password = percent_decode(userinfo.substr(colon + 1));
    authority_text = authority_text.substr(at + 1);
  }
  std::string port_text;
  if (!authority_text.empty() && authority_text[0] == '[') {
    const size_t close = authority_text.find(']');
    if (close == std::string::npos) return std::nullopt;
    url.host = authority_text.substr(1, close - 1);
    const std::string after = authority_text.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return std::nullopt;
      port_text = after.substr(1);
      if (port_text.empty()) return std::nullopt;
    }
    if (!is_ip_literal(url.host) || url.host.find(':') == std::string::npos) return std::nullopt;
  } else {
    const size_t colon = authority_text.find(':');
    url.host = authority_text.substr(0, colon);
    if (colon != std::string::npos) {
      port_text = authority_text.substr(colon + 1);
      if (port_text.empty()) return std::nullopt;
    }
  }
  url.host = lowercase(url.host);
  if (url.host.empty()) return std::nullopt;
  url.port = url.scheme == "https" ? 443 : 80;
  if (!port_text.empty() && !parse_port(port_text, &url.port)) return std::nullopt;
  return url;
}

bool is_ip_literal(const std::string& host) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 || inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

namespace {
std::string bracketed(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}
}  // namespace

std::string authority(const Url& url) { return bracketed(url.host) + ":" + std::to_string(url.port); }

std::string host_header(const Url& url) {
  const int default_port = url.scheme == "https" ? 443 : 80;
  return url.port == default_port ? bracketed(url.host) : authority(url);
}

std::string without_credentials(const Url& url) { return url.scheme + "://" + authority(url); }

}  // namespace cdrun::aws::http
