// Which proxy a request goes through, read from the environment as curl and the AWS CLI read it:
// https_proxy/HTTPS_PROXY for https URLs, http_proxy/HTTP_PROXY for http URLs (lowercase first), and
// no_proxy/NO_PROXY to go direct.
#pragma once

#include <optional>
#include <string>

#include "aws/http/http_url.h"

namespace cdrun::aws::http {

// True when `host` is exempt from proxying by the NO_PROXY value `no_proxy`: comma-separated entries,
// "*" for every host; a name matches itself and its subdomains ("example.com" and ".example.com"
// both match "a.example.com"); IP addresses match exactly. Entries carry no port; one is ignored.
bool no_proxy_matches(const std::string& no_proxy, const std::string& host);

struct ProxyChoice {
  std::string variable;  // the environment variable the proxy came from, for messages
  std::string value;     // its raw value (may hold credentials: never print it)
};

// nullopt = go direct (no proxy variable for the scheme, or NO_PROXY exempts the host).
std::optional<ProxyChoice> choose_proxy(const Url& target, const EnvLookup& env);

}  // namespace cdrun::aws::http
