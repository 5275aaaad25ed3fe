// OpenSSL set up for cdrun's calls: no openssl.cnf (a static binary must not load the host's OpenSSL
// configuration or its modules), peer verification always on, CAs from find_ca_trust.
#pragma once

#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

#include "aws/http/http_url.h"
#include "aws/http/transport_failure.h"

namespace cdrun::aws::http {

struct TlsContext {
  std::unique_ptr<boost::asio::ssl::context> context;  // null when `failure` is set
  TransportFailure failure;
};

// A client context trusting `explicit_ca_file` if given, else what find_ca_trust finds in `env`.
TlsContext make_tls_context(const std::string& explicit_ca_file, const EnvLookup& env);

// Before the handshake: SNI for host names (never for IP literals) and the name or address the
// certificate must carry.
bool expect_peer(SSL* ssl, const std::string& host);

// After a failed handshake: the verification failure in OpenSSL's words ("self-signed certificate",
// "certificate has expired", "hostname mismatch"), or "" when the certificate was not the problem.
std::string verification_problem(SSL* ssl);

}  // namespace cdrun::aws::http
