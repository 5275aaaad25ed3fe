#include "aws/http/http_exchange.h"

#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "aws/http/async_step.h"
#include "aws/http/connection.h"
#include "aws/http/tls_setup.h"

namespace cdrun::aws::http {
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

using Request = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;

constexpr std::uint64_t kLargestBody = 64ull << 20;

ExchangeResult failed(TransportFailure failure) { return ExchangeResult{std::nullopt, std::move(failure)}; }

// Writes the request and reads the answer on `stream` (TCP or TLS over `timed`, which holds the deadline).
template <class Stream>
ExchangeResult send_and_read(boost::asio::io_context& io, Stream& stream, beast::tcp_stream& timed,
                             const Request& request, const std::string& where, const Deadlines& deadlines) {
  timed.expires_at(deadlines.total);
  boost::system::error_code ec = run_step(io, [&](auto handler) { bhttp::async_write(stream, request, std::move(handler)); });
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(kLargestBody);
  beast::flat_buffer buffer;
  if (!ec) ec = run_step(io, [&](auto handler) { bhttp::async_read(stream, buffer, parser, std::move(handler)); });
  if (ec == beast::error::timeout)
    return failed({TransportError::kTimeout, "no complete answer from " + where + " within " +
                                                 std::to_string(deadlines.total_seconds) + "s"});
  if (ec) return failed({TransportError::kIo, "the connection to " + where + " broke: " + ec.message()});
  Response& response = parser.get();
  return ExchangeResult{HttpResponse{static_cast<int>(response.result_int()), std::move(response.body())}, {}};
}

ExchangeResult over_tls(boost::asio::io_context& io, std::unique_ptr<beast::tcp_stream> tcp, const Url& url,
                        const Request& request, const std::string& ca_file, const EnvLookup& env,
                        const Deadlines& deadlines) {
  TlsContext tls = make_tls_context(ca_file, env);
  if (!tls.context) return failed(tls.failure);
  boost::asio::ssl::stream<beast::tcp_stream> stream(std::move(*tcp), *tls.context);
  const std::string where = authority(url);
  if (!expect_peer(stream.native_handle(), url.host))
    return failed({TransportError::kTlsHandshake, "TLS: cannot check the certificate of " + url.host});
  stream.next_layer().expires_at(deadlines.connect);
  const boost::system::error_code ec = run_step(io, [&](auto handler) {
    stream.async_handshake(boost::asio::ssl::stream_base::client, std::move(handler));
  });
  if (ec == beast::error::timeout)
    return failed({TransportError::kTimeout, "the TLS handshake with " + where + " did not finish within " +
                                                 std::to_string(deadlines.connect_seconds) + "s"});
  if (ec) {
    const std::string problem = verification_problem(stream.native_handle());
    if (!problem.empty())
      return failed({TransportError::kTlsVerify, "TLS: certificate verify failed for " + where + ": " + problem});
    return failed({TransportError::kTlsHandshake, "TLS handshake with " + where + " failed: " + ec.message()});
  }
  return send_and_read(io, stream, stream.next_layer(), request, where, deadlines);
}

}  // namespace

ExchangeResult exchange(const HttpRequest& input) {
  const std::optional<Url> url = parse_url(input.url);
  if (!url) return failed({TransportError::kBadUrl, input.url + " is not an http:// or https:// URL with a host"});
  const auto now = std::chrono::steady_clock::now();
  Deadlines deadlines{now + std::chrono::seconds(input.connect_timeout_seconds),
                      now + std::chrono::seconds(input.total_timeout_seconds), input.connect_timeout_seconds,
                      input.total_timeout_seconds};
  if (deadlines.connect > deadlines.total) deadlines.connect = deadlines.total;

  std::optional<ProxyRoute> proxy;
  if (const std::optional<ProxyChoice> choice = choose_proxy(*url, input.env)) {
    TransportFailure bad_proxy;
    proxy = proxy_route(*choice, &bad_proxy);
    if (!proxy) return failed(bad_proxy);
  }
  // Through a proxy, plain http asks the proxy for the absolute URL; https tunnels and asks the server.
  const bool absolute_form = proxy && url->scheme == "http";
  Request request{bhttp::string_to_verb(input.method),
                  absolute_form ? without_credentials(*url) + url->target : url->target, 11};
  for (const auto& [name, value] : input.headers) request.set(name, value);
  if (absolute_form && !proxy_authorization(proxy->url).empty())
    request.set(bhttp::field::proxy_authorization, proxy_authorization(proxy->url));
  request.set(bhttp::field::connection, "close");
  request.body() = input.body;
  request.prepare_payload();

  boost::asio::io_context io;
  Connection connection = open_connection(io, *url, proxy, deadlines);
  if (!connection.stream) return failed(connection.failure);
  if (url->scheme == "https")
    return over_tls(io, std::move(connection.stream), *url, request, input.ca_file, input.env, deadlines);
  return send_and_read(io, *connection.stream, *connection.stream, request, authority(*url), deadlines);
}

}  // namespace cdrun::aws::http
