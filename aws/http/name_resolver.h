// Host names to addresses through c-ares, which reads /etc/hosts and /etc/resolv.conf itself: a
// statically linked glibc must never call getaddrinfo (it would load the host's NSS modules). The
// hosts file is read before DNS; CARES_HOSTS, when set, names the hosts file to read instead.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace cdrun::aws::http {

struct Resolution {
  std::vector<std::string> addresses;  // numeric IPv4/IPv6 addresses, in c-ares's order
  std::string error;                   // set when `addresses` is empty: why, and what was read
};

// A literal address comes back as itself without a lookup. Gives up at `deadline`.
Resolution resolve_host(const std::string& host, std::chrono::steady_clock::time_point deadline);

}  // namespace cdrun::aws::http
