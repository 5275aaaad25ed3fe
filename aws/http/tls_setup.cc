#include "aws/http/tls_setup.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <mutex>

#include "aws/http/ca_search.h"

namespace cdrun::aws::http {
namespace {

void initialise_openssl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    OPENSSL_init_ssl(OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_LOAD_SSL_STRINGS | OPENSSL_INIT_LOAD_CRYPTO_STRINGS,
                     nullptr);
  });
}

bool path_exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string openssl_reason() {
  const unsigned long code = ERR_peek_last_error();
  ERR_clear_error();
  if (code == 0) return "";
  const char* reason = ERR_reason_error_string(code);
  return reason != nullptr ? reason : "";
}

}  // namespace

TlsContext make_tls_context(const std::string& explicit_ca_file, const EnvLookup& env) {
  initialise_openssl_once();
  TlsContext made;
  const CaTrust trust = find_ca_trust(explicit_ca_file, env, path_exists);
  if (!trust.found()) {
    made.failure = {TransportError::kNoCaCertificates,
                    "no CA certificates found (looked in " + joined(trust.looked_in) + ")"};
    return made;
  }
  auto context = std::make_unique<boost::asio::ssl::context>(boost::asio::ssl::context::tls_client);
  SSL_CTX* ctx = context->native_handle();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  ERR_clear_error();
  const char* file = trust.file.empty() ? nullptr : trust.file.c_str();
  const char* dir = trust.dir.empty() ? nullptr : trust.dir.c_str();
  if (SSL_CTX_load_verify_locations(ctx, file, dir) != 1) {
    const std::string reason = openssl_reason();
    made.failure = {TransportError::kCaUnreadable,
                    "the CA certificates in " + (file != nullptr ? trust.file : trust.dir) + " (" + trust.source +
                        ") could not be read" + (reason.empty() ? "" : ": " + reason)};
    return made;
  }
  made.context = std::move(context);
  return made;
}

bool expect_peer(SSL* ssl, const std::string& host) {
  if (is_ip_literal(host)) return X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str()) == 1;
  return SSL_set_tlsext_host_name(ssl, host.c_str()) == 1 && SSL_set1_host(ssl, host.c_str()) == 1;
}

std::string verification_problem(SSL* ssl) {
  const long result = SSL_get_verify_result(ssl);
  if (result == X509_V_OK) return "";
  return X509_verify_cert_error_string(result);
}

}  // namespace cdrun::aws::http
