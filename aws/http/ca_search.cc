#include "aws/http/ca_search.h"

namespace cdrun::aws::http {

const std::vector<std::string>& system_ca_files() {
  static const std::vector<std::string> files = {
      "/etc/ssl/certs/ca-certificates.crt",                 // Debian, Ubuntu (ca-certificates)
      "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  // Amazon Linux 2/2023, RHEL 7+, Fedora
      "/etc/pki/tls/certs/ca-bundle.crt",                   // older RHEL and CentOS
      "/etc/ssl/ca-bundle.pem",                             // SUSE
      "/etc/ssl/cert.pem",                                  // Alpine
  };
  return files;
}

const char* const kSystemCaDirectory = "/etc/ssl/certs";

CaTrust find_ca_trust(const std::string& explicit_file, const EnvLookup& env,
                      const std::function<bool(const std::string&)>& exists) {
  CaTrust trust;
  if (!explicit_file.empty()) {
    trust.file = explicit_file;
    trust.source = "AWS_CA_BUNDLE / ca_bundle";
    return trust;
  }
  const std::string env_file = env("SSL_CERT_FILE").value_or("");
  const std::string env_dir = env("SSL_CERT_DIR").value_or("");
  if (!env_file.empty() || !env_dir.empty()) {
    trust.file = env_file;
    trust.dir = env_dir;
    trust.source = env_file.empty() ? "SSL_CERT_DIR" : "SSL_CERT_FILE";
    return trust;
  }
  trust.source = "system bundle";
  for (const std::string& file : system_ca_files()) {
    trust.looked_in.push_back(file);
    if (exists(file)) {
      trust.file = file;
      return trust;
    }
  }
  trust.looked_in.push_back(kSystemCaDirectory);
  if (exists(kSystemCaDirectory)) trust.dir = kSystemCaDirectory;
  return trust;
}

}  // namespace cdrun::aws::http
