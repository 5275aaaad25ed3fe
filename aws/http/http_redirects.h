// A GET that follows redirects as curl -L does, for downloads whose server answers with a 3xx to the
// place the bytes are (GitHub's archive API sends a 302 to codeload.github.com). exchange() itself
// never follows one: AWS calls must not.
#pragma once

#include <functional>
#include <string>

#include "aws/http/http_exchange.h"

namespace cdrun::aws::http {

struct RedirectPolicy {
  int max_redirects = 5;
  // The transport for each hop (tests pass a fake); empty means exchange().
  std::function<ExchangeResult(const HttpRequest&)> send;
};

// The answer at the end of the redirects. Each 301, 302, 303, 307 or 308 with a Location is followed
// (relative Locations resolved against the URL that gave them) with the same request, except that
// Host is set for the new URL and Authorization is dropped when the host or port changes, so that a
// token given to one server never reaches another. A redirect from https to anything but https, or
// more than `max_redirects` of them, is a kBadUrl failure naming the refused URL.
ExchangeResult exchange_following_redirects(const HttpRequest& request, const RedirectPolicy& policy = {});

// `location` (a Location header's value) made absolute against `base`, an absolute http(s) URL.
std::string resolve_location(const std::string& base, const std::string& location);

}  // namespace cdrun::aws::http
