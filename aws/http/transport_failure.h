// Why an HTTP exchange got no answer, in terms a caller can explain without knowing the transport.
#pragma once

#include <string>

namespace cdrun::aws::http {

enum class TransportError {
  kNone,
  kBadUrl,          // the URL is not http(s)://host[:port]/...
  kResolve,         // the server's host name does not resolve
  kConnect,         // the connection was refused or the host is unreachable
  kTimeout,         // no connection or no complete answer before the deadline
  kProxy,           // the proxy: its URL, its name, the connection to it, or its refusal of CONNECT
  kNoCaCertificates,  // no CA bundle or directory anywhere
  kCaUnreadable,    // the CA file given (AWS_CA_BUNDLE, ca_bundle, SSL_CERT_FILE) cannot be loaded
  kTlsVerify,       // the server's certificate is not trusted or does not name the host
  kTlsHandshake,    // TLS failed otherwise (not a TLS server, no common protocol)
  kIo,              // the connection broke while sending or reading
};

struct TransportFailure {
  TransportError error = TransportError::kNone;
  std::string message;  // what happened, with host:port; never holds proxy credentials
};

}  // namespace cdrun::aws::http
