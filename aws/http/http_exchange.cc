#include "aws/http/http_exchange.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

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

constexpr std::uint64_t kLargestBody = 64ull << 20;

ExchangeResult failed(TransportFailure failure) { return ExchangeResult{std::nullopt, std::move(failure)}; }

std::vector<std::pair<std::string, std::string>> header_fields(const bhttp::fields& fields) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& field : fields) out.emplace_back(std::string(field.name_string()), std::string(field.value()));
  return out;
}

// The body of the answer whose header `head` holds: into memory, or for a 2xx answer into
// `body_file` when one is named. Beast lets a parser change its body type once the header is read.
template <class Stream>
boost::system::error_code read_body(boost::asio::io_context& io, Stream& stream, beast::flat_buffer& buffer,
                                    bhttp::response_parser<bhttp::empty_body>& head, const std::string& body_file,
                                    HttpResponse& out) {
  const int status = static_cast<int>(head.get().result_int());
  out.status = status;
  out.headers = header_fields(head.get().base());
  if (body_file.empty() || status < 200 || status > 299) {
    bhttp::response_parser<bhttp::string_body> parser{std::move(head)};
    parser.body_limit(kLargestBody);
    const boost::system::error_code ec =
        run_step(io, [&](auto handler) { bhttp::async_read(stream, buffer, parser, std::move(handler)); });
    out.body = std::move(parser.get().body());
    return ec;
  }
  // Created 0600 before Beast opens it, so the bundle is never readable by others while it arrives.
  const int fd = ::open(body_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return boost::system::error_code(errno, boost::system::system_category());
  ::close(fd);
  bhttp::response_parser<bhttp::file_body> parser{std::move(head)};
  parser.body_limit(boost::none);
  boost::system::error_code ec;
  parser.get().body().open(body_file.c_str(), beast::file_mode::write_existing, ec);
  if (ec) return ec;
  ec = run_step(io, [&](auto handler) { bhttp::async_read(stream, buffer, parser, std::move(handler)); });
  // The body's size() is the file's size when it was opened (0 here), not what was written since.
  boost::system::error_code size_error;
  out.body_file_bytes = parser.get().body().file().size(size_error);
  parser.get().body().close();
  return ec;
}

// Writes the request and reads the answer on `stream` (TCP or TLS over `timed`, which holds the deadline).
template <class Stream>
ExchangeResult send_and_read(boost::asio::io_context& io, Stream& stream, beast::tcp_stream& timed,
                             const Request& request, const std::string& where, const Deadlines& deadlines,
                             const std::string& body_file) {
  timed.expires_at(deadlines.total);
  boost::system::error_code ec = run_step(io, [&](auto handler) { bhttp::async_write(stream, request, std::move(handler)); });
  bhttp::response_parser<bhttp::empty_body> head;
  beast::flat_buffer buffer;
  if (!ec) ec = run_step(io, [&](auto handler) { bhttp::async_read_header(stream, buffer, head, std::move(handler)); });
  HttpResponse response;
  if (!ec) ec = read_body(io, stream, buffer, head, body_file, response);
  if (ec == beast::error::timeout)
    return failed({TransportError::kTimeout, "no complete answer from " + where + " within " +
                                                 std::to_string(deadlines.total_seconds) + "s"});
  if (ec) return failed({TransportError::kIo, "the connection to " + where + " broke: " + ec.message()});
  return ExchangeResult{std::move(response), {}};
}

ExchangeResult over_tls(boost::asio::io_context& io, std::unique_ptr<beast::tcp_stream> tcp, const Url& url,
                        const Request& request, const HttpRequest& input, const Deadlines& deadlines) {
  const std::string& ca_file = input.ca_file;
  const EnvLookup& env = input.env;
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
  return send_and_read(io, stream, stream.next_layer(), request, where, deadlines, input.response_body_file);
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
    return over_tls(io, std::move(connection.stream), *url, request, input, deadlines);
  return send_and_read(io, *connection.stream, *connection.stream, request, authority(*url), deadlines,
                       input.response_body_file);
}

std::string HttpResponse::header(const std::string& name) const {
  for (const auto& [field, value] : headers)
    if (beast::iequals(field, name)) return value;
  return "";
}

}  // namespace cdrun::aws::http
