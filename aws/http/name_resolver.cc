#include "aws/http/name_resolver.h"

#include <ares.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/select.h>

#include <cstdlib>
#include <mutex>

#include "aws/http/http_url.h"

namespace cdrun::aws::http {
namespace {

struct LookupState {
  bool done = false;
  int status = ARES_SUCCESS;
  std::vector<std::string> addresses;
};

void collect_addresses(void* arg, int status, int, ares_addrinfo* result) {
  auto* state = static_cast<LookupState*>(arg);
  state->done = true;
  state->status = status;
  if (result == nullptr) return;
  for (ares_addrinfo_node* node = result->nodes; node != nullptr; node = node->ai_next) {
    char text[INET6_ADDRSTRLEN] = {0};
    if (node->ai_family == AF_INET)
      inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(node->ai_addr)->sin_addr, text, sizeof text);
    else if (node->ai_family == AF_INET6)
      inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(node->ai_addr)->sin6_addr, text, sizeof text);
    if (text[0] != '\0') state->addresses.emplace_back(text);
  }
  ares_freeaddrinfo(result);
}

// Which files c-ares read, so "does not resolve" says where to look (CARES_HOSTS replaces /etc/hosts).
std::string resolver_sources() {
  const char* hosts = std::getenv("CARES_HOSTS");
  return std::string("hosts file ") + (hosts != nullptr ? hosts : "/etc/hosts") + ", resolver config /etc/resolv.conf";
}

// Runs c-ares's sockets until the lookup finishes or the deadline passes.
void wait_for(ares_channel channel, const LookupState& state, std::chrono::steady_clock::time_point deadline) {
  while (!state.done) {
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) return;
    fd_set readers;
    fd_set writers;
    FD_ZERO(&readers);
    FD_ZERO(&writers);
    const int highest = ares_fds(channel, &readers, &writers);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(left).count();
    timeval limit{static_cast<time_t>(micros / 1000000), static_cast<suseconds_t>(micros % 1000000)};
    timeval wait_until_next;
    timeval* wait = ares_timeout(channel, &limit, &wait_until_next);
    select(highest, &readers, &writers, nullptr, wait);
    ares_process(channel, &readers, &writers);
  }
}

}  // namespace

Resolution resolve_host(const std::string& host, std::chrono::steady_clock::time_point deadline) {
  Resolution resolution;
  if (is_ip_literal(host)) {
    resolution.addresses.push_back(host);
    return resolution;
  }
  static std::once_flag library_init;
  static int library_status = ARES_SUCCESS;
  std::call_once(library_init, [] { library_status = ares_library_init(ARES_LIB_INIT_ALL); });
  ares_channel channel = nullptr;
  ares_options options{};
  options.lookups = const_cast<char*>("fb");  // hosts file first, then DNS, whatever nsswitch.conf says
  const int init = library_status != ARES_SUCCESS ? library_status : ares_init_options(&channel, &options, ARES_OPT_LOOKUPS);
  if (init != ARES_SUCCESS) {
    resolution.error = std::string("the resolver could not start (") + ares_strerror(init) + "; " + resolver_sources() + ")";
    return resolution;
  }
  LookupState state;
  ares_addrinfo_hints hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = ARES_AI_ENVHOSTS;  // CARES_HOSTS may name another hosts file (tests use one)
  ares_getaddrinfo(channel, host.c_str(), nullptr, &hints, collect_addresses, &state);
  wait_for(channel, state, deadline);
  if (!state.done) {
    ares_cancel(channel);  // calls collect_addresses with ARES_ECANCELLED before returning
    resolution.error = "cannot resolve host " + host + ": no answer in time (" + resolver_sources() + ")";
  } else if (state.addresses.empty()) {
    resolution.error = "cannot resolve host " + host + ": " +
                       (state.status == ARES_SUCCESS ? "no addresses" : ares_strerror(state.status)) + " (" +
                       resolver_sources() + ")";
  }
  ares_destroy(channel);
  resolution.addresses = std::move(state.addresses);
  return resolution;
}

}  // namespace cdrun::aws::http
