#include "aws/http/http_redirects.h"

#include <algorithm>
#include <cctype>

namespace cdrun::aws::http {
namespace {

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool same_name(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

ExchangeResult refused(const std::string& why) {
  return ExchangeResult{std::nullopt, TransportFailure{TransportError::kBadUrl, why}};
}

// The request for the next hop: the new URL and Host, and no Authorization for another server.
HttpRequest next_hop(const HttpRequest& previous, const Url& from, const std::string& url, const Url& to) {
  HttpRequest next = previous;
  next.url = url;
  const bool other_server = !same_name(from.host, to.host) || from.port != to.port;
  next.headers.erase(std::remove_if(next.headers.begin(), next.headers.end(),
                                    [&](const auto& header) {
                                      return same_name(header.first, "Host") ||
                                             (other_server && same_name(header.first, "Authorization"));
                                    }),
                     next.headers.end());
  next.headers.insert(next.headers.begin(), {"Host", host_header(to)});
  return next;
}

}  // namespace

std::string resolve_location(const std::string& base, const std::string& location) {
  if (location.find("://") != std::string::npos) return location;
  const size_t scheme_end = base.find("://");
  if (scheme_end == std::string::npos) return location;
  if (location.rfind("//", 0) == 0) return base.substr(0, scheme_end + 1) + location;
  const size_t path_start = base.find('/', scheme_end + 3);
  const std::string origin = base.substr(0, path_start);
  if (location.rfind('/', 0) == 0) return origin + location;
  // A relative path replaces the base path's last segment (RFC 3986 §5.2.3); its query goes too.
  std::string directory = path_start == std::string::npos ? "/" : base.substr(path_start);
  directory = directory.substr(0, directory.find('?'));
  return origin + directory.substr(0, directory.rfind('/') + 1) + location;
}

ExchangeResult exchange_following_redirects(const HttpRequest& request, const RedirectPolicy& policy) {
  HttpRequest current = request;
  for (int redirects = 0;; ++redirects) {
    ExchangeResult result = policy.send ? policy.send(current) : exchange(current);
    if (!result.response || !is_redirect(result.response->status)) return result;
    const std::string location = result.response->header("Location");
    if (location.empty()) return result;
    if (redirects >= policy.max_redirects) {
      return refused("more than " + std::to_string(policy.max_redirects) + " redirects, the last to " +
                     resolve_location(current.url, location));
    }
    const std::string url = resolve_location(current.url, location);
    const std::optional<Url> from = parse_url(current.url);
    const std::optional<Url> to = parse_url(url);
    if (!from || !to) return refused("a redirect to " + url + ", which is not an http(s) URL");
    if (from->scheme == "https" && to->scheme != "https") {
      return refused("a redirect from https to " + url + " (only https is followed)");
    }
    current = next_hop(current, *from, url, *to);
  }
}

}  // namespace cdrun::aws::http
