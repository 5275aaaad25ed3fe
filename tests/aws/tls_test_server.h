// A local HTTPS server for the TLS tests: a fresh self-signed certificate for IP 127.0.0.1 (its own
// CA file) and a few lines of Python's http.server behind ssl answering every POST and GET with a
// page that is not AWS's: getting that page proves the handshake and the verification passed.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tests/aws/onprem_test_support.h"

namespace cdrun::testing {

class TlsTestServer {
 public:
  // Makes the certificate and key in `dir` and starts the server; "" when it listens, else why not.
  std::string start(const std::string& dir);
  // The same with another server: `python3 script CERT KEY args...`, which must print the port it
  // listens on, and a certificate for `alt_names` (e.g. "IP:127.0.0.1,DNS:localhost").
  std::string start_script(const std::string& dir, const std::string& script, const std::vector<std::string>& args,
                           const std::string& alt_names);
  int port() const { return port_; }
  const std::string& cert() const { return cert_; }  // the certificate, which is also its CA file
  std::string url(const std::string& host = "127.0.0.1") const {
    return "https://" + host + ":" + std::to_string(port_) + "/";
  }

 private:
  std::string cert_;
  int port_ = 0;
  std::unique_ptr<BackgroundProcess> server_;
};

}  // namespace cdrun::testing
