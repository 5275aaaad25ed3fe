#include "aws/core/sigv4_signer.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace cdrun::aws {
namespace {

const char* const kAlgorithm = "AWS4-HMAC-SHA256";

std::string to_hex(const std::string& bytes) {
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char byte : bytes) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  return out;
}

// Raw (binary) HMAC-SHA256: each step of the signing-key chain keys the next one with these bytes.
std::string hmac_sha256(const std::string& key, const std::string& data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), mac, &length);
  return std::string(reinterpret_cast<const char*>(mac), length);
}

// "20150830/us-east-1/service/aws4_request": the date is the day part of X-Amz-Date.
std::string credential_scope(const SigningKeyParts& key) {
  return key.amz_date.substr(0, 8) + "/" + key.region + "/" + key.service + "/aws4_request";
}

}  // namespace

std::string percent_encode(const std::string& value) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  return to_hex(std::string(reinterpret_cast<const char*>(digest), length));
}

std::string string_to_sign(const std::string& canonical, const SigningKeyParts& key) {
  return std::string(kAlgorithm) + "\n" + key.amz_date + "\n" + credential_scope(key) + "\n" + sha256_hex(canonical);
}

std::string authorization_header(const RequestToSign& request, const SigningKeyParts& key) {
  const std::string to_sign = string_to_sign(canonical_request(request, key.service == "s3"), key);
  std::string signing_key = hmac_sha256("AWS4" + key.secret_access_key, key.amz_date.substr(0, 8));
  signing_key = hmac_sha256(signing_key, key.region);
  signing_key = hmac_sha256(signing_key, key.service);
  signing_key = hmac_sha256(signing_key, "aws4_request");
  const std::string signature = hmac_sha256(signing_key, to_sign);
  return std::string(kAlgorithm) + " Credential=" + key.access_key_id + "/" + credential_scope(key) +
         ", SignedHeaders=" + signed_headers(request) + ", Signature=" + to_hex(signature);
}

}  // namespace cdrun::aws
