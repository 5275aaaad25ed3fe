// Where the CA certificates that TLS verification trusts come from. A static binary cannot rely on
// OpenSSL's compiled-in directory (it names the build machine's layout), so cdrun looks itself.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "aws/http/http_url.h"

namespace cdrun::aws::http {

struct CaTrust {
  std::string file;  // a PEM bundle to load; empty when none
  std::string dir;   // a hashed certificate directory (c_rehash layout); empty when none
  std::string source;                  // why these: "AWS_CA_BUNDLE / ca_bundle", "SSL_CERT_FILE", "system bundle"
  std::vector<std::string> looked_in;  // every place considered, for "no CA certificates found" messages
  bool found() const { return !file.empty() || !dir.empty(); }
};

// The distributions' bundle files, most common first, then the directory of last resort.
const std::vector<std::string>& system_ca_files();
extern const char* const kSystemCaDirectory;

// `explicit_file` (the caller's AWS_CA_BUNDLE or config ca_bundle) wins and is not checked here:
// loading it reports an unreadable file. Else SSL_CERT_FILE and/or SSL_CERT_DIR; else the first
// existing system file; else the system directory if it exists; else nothing, with `looked_in` set.
CaTrust find_ca_trust(const std::string& explicit_file, const EnvLookup& env,
                      const std::function<bool(const std::string&)>& exists);

}  // namespace cdrun::aws::http
