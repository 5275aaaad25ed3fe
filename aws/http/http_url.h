// URLs as the AWS calls and proxy variables use them: scheme http or https, a host (a name, an IPv4
// address or a bracketed IPv6 address), an optional port and the path with its query.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace cdrun::aws::http {

// nullopt when unset; the same shape as aws/core's EnvLookup, so callers pass theirs.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

struct Url {
  std::string scheme;    // "http" or "https", lowercase
  std::string user;      // percent-decoded userinfo (proxy URLs only); empty when absent
  std::string password;
  std::string host;      // without brackets: "example.com", "127.0.0.1", "::1"
  int port = 0;          // the explicit port, else 80/443 by scheme
  std::string target;    // path and query, "/" when the URL has none
};

// nullopt for anything else: another scheme, no host, a port out of range, an unclosed '['.
// `default_scheme` is used when the text has no "scheme://" (proxy variables often omit it).
std::optional<Url> parse_url(const std::string& text, const std::string& default_scheme = "");

bool is_ip_literal(const std::string& host);

// "host:port", IPv6 in brackets: the CONNECT target and the key proxies and logs use.
std::string authority(const Url& url);

// The Host header: the authority without the scheme's default port.
std::string host_header(const Url& url);

// scheme://host:port without user or password: the way a proxy is named in messages.
std::string without_credentials(const Url& url);

}  // namespace cdrun::aws::http
