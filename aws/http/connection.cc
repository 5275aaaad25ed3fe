#include "aws/http/connection.h"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <vector>

#include "aws/http/async_step.h"
#include "aws/http/name_resolver.h"

namespace cdrun::aws::http {
namespace beast = boost::beast;
using boost::asio::ip::tcp;

namespace {

TransportFailure connect_failure(const boost::system::error_code& ec, const std::string& where, long seconds) {
  if (ec == beast::error::timeout)
    return {TransportError::kTimeout, "connection to " + where + " timed out after " + std::to_string(seconds) + "s"};
  if (ec == boost::asio::error::connection_refused)
    return {TransportError::kConnect, "connection refused by " + where};
  return {TransportError::kConnect, "cannot connect to " + where + ": " + ec.message()};
}

// Resolves `host` with c-ares and connects to the first address that answers.
TransportFailure connect_to(boost::asio::io_context& io, beast::tcp_stream& stream, const std::string& host, int port,
                            const Deadlines& deadlines) {
  const std::string where = authority(Url{"", "", "", host, port, ""});
  const Resolution resolution = resolve_host(host, deadlines.connect);
  if (resolution.addresses.empty()) return {TransportError::kResolve, resolution.error};
  std::vector<tcp::endpoint> endpoints;
  for (const std::string& address : resolution.addresses) {
    boost::system::error_code bad;
    const boost::asio::ip::address parsed = boost::asio::ip::make_address(address, bad);
    if (!bad) endpoints.emplace_back(parsed, static_cast<unsigned short>(port));
  }
  stream.expires_at(deadlines.connect);
  const boost::system::error_code ec =
      run_step(io, [&](auto handler) { stream.async_connect(endpoints, std::move(handler)); });
  if (ec) return connect_failure(ec, where, deadlines.connect_seconds);
  return {};
}

// CONNECT host:port through the proxy `stream` is connected to; any status but 2xx is a refusal.
TransportFailure open_tunnel(boost::asio::io_context& io, beast::tcp_stream& stream, const Url& target,
                             const ProxyRoute& proxy, const Deadlines& deadlines) {
  namespace http = beast::http;
  http::request<http::empty_body> connect{http::verb::connect, authority(target), 11};
  connect.set(http::field::host, authority(target));
  const std::string credentials = proxy_authorization(proxy.url);
  if (!credentials.empty()) connect.set(http::field::proxy_authorization, credentials);
  stream.expires_at(deadlines.connect);
  boost::system::error_code ec = run_step(io, [&](auto handler) { http::async_write(stream, connect, std::move(handler)); });
  http::response_parser<http::empty_body> answer;
  answer.skip(true);  // a 200 to CONNECT has no body, whatever its headers say
  beast::flat_buffer buffer;
  if (!ec) ec = run_step(io, [&](auto handler) { http::async_read(stream, buffer, answer, std::move(handler)); });
  if (ec == beast::error::timeout)
    return {TransportError::kTimeout, "the proxy " + proxy.name + " did not open a tunnel to " + authority(target) +
                                          " within " + std::to_string(deadlines.connect_seconds) + "s"};
  if (ec) return {TransportError::kProxy, "the proxy " + proxy.name + " broke the connection: " + ec.message()};
  const http::response<http::empty_body>& status = answer.get();
  if (status.result_int() / 100 != 2)
    return {TransportError::kProxy, "the proxy " + proxy.name + " refused CONNECT " + authority(target) + ": HTTP/1.1 " +
                                        std::to_string(status.result_int()) + " " + std::string(status.reason())};
  return {};
}

}  // namespace

std::optional<ProxyRoute> proxy_route(const ProxyChoice& choice, TransportFailure* failure) {
  const std::optional<Url> url = parse_url(choice.value, "http");
  if (!url || url->scheme != "http") {
    *failure = {TransportError::kProxy, "the proxy in " + choice.variable +
                                            " is not an http://[user:password@]host:port URL (https proxies are not supported)"};
    return std::nullopt;
  }
  return ProxyRoute{*url, without_credentials(*url) + " (from " + choice.variable + ")"};
}

std::string proxy_authorization(const Url& proxy) {
  if (proxy.user.empty()) return "";
  const std::string plain = proxy.user + ":" + proxy.password;
  std::string encoded(beast::detail::base64::encoded_size(plain.size()), '\0');
  encoded.resize(beast::detail::base64::encode(encoded.data(), plain.data(), plain.size()));
  return "Basic " + encoded;
}

Connection open_connection(boost::asio::io_context& io, const Url& target, const std::optional<ProxyRoute>& proxy,
                           const Deadlines& deadlines) {
  Connection connection;
  auto stream = std::make_unique<beast::tcp_stream>(io);
  if (!proxy) {
    connection.failure = connect_to(io, *stream, target.host, target.port, deadlines);
  } else {
    connection.failure = connect_to(io, *stream, proxy->url.host, proxy->url.port, deadlines);
    if (connection.failure.error != TransportError::kNone) {
      connection.failure.error = TransportError::kProxy;
      connection.failure.message = "the proxy " + proxy->name + " is unreachable: " + connection.failure.message;
    } else if (target.scheme == "https") {
      connection.failure = open_tunnel(io, *stream, target, *proxy, deadlines);
    }
  }
  if (connection.failure.error == TransportError::kNone) connection.stream = std::move(stream);
  return connection;
}

}  // namespace cdrun::aws::http
