// A TCP connection to the server of a request: directly, or through a proxy (for https a CONNECT
// tunnel, inside which TLS runs end to end; for http a connection to the proxy itself).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "aws/http/http_url.h"
#include "aws/http/proxy_choice.h"
#include "aws/http/transport_failure.h"

namespace cdrun::aws::http {

struct Deadlines {
  std::chrono::steady_clock::time_point connect;  // name lookup, TCP, proxy tunnel and TLS handshake
  std::chrono::steady_clock::time_point total;    // the whole exchange
  long connect_seconds = 0;                       // the limits as configured, for messages
  long total_seconds = 0;
};

// A proxy to go through: its parsed URL and how to name it in messages (no credentials).
struct ProxyRoute {
  Url url;
  std::string name;  // "http://proxy:3128 (from https_proxy)"
};

// nullopt with `failure` set when the proxy variable's value is not an http:// proxy URL.
std::optional<ProxyRoute> proxy_route(const ProxyChoice& choice, TransportFailure* failure);

struct Connection {
  std::unique_ptr<boost::beast::tcp_stream> stream;  // null when `failure` is set
  TransportFailure failure;
};

// Connected to `target` (through a tunnel when `proxy` is given and `target` is https), or to the
// proxy when `target` is http and `proxy` is given.
Connection open_connection(boost::asio::io_context& io, const Url& target, const std::optional<ProxyRoute>& proxy,
                           const Deadlines& deadlines);

// "Basic base64(user:password)" for Proxy-Authorization; "" when the proxy URL has no user.
std::string proxy_authorization(const Url& proxy);

}  // namespace cdrun::aws::http
