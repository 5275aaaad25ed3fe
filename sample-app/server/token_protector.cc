#include "token_protector.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <vector>

namespace cdrun::sample_app {
namespace {

constexpr size_t kNonceBytes = 16;

std::string mac_hex(const Key& key, const std::string& message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.secret.data(), static_cast<int>(key.secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
  return to_hex(digest, length);
}

std::vector<std::string> split_dots(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    const size_t dot = text.find('.', start);
    parts.push_back(text.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return parts;
    start = dot + 1;
  }
}

bool all_digits(const std::string& text) {
  return !text.empty() && text.size() <= 18 && text.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

Expected<std::string> TokenProtector::issue(std::int64_t now) const {
  unsigned char nonce[kNonceBytes];
  if (RAND_bytes(nonce, sizeof nonce) != 1) return Error{"the OpenSSL random generator failed"};
  std::lock_guard<std::mutex> lock(mutex_);
  const Key& key = ring_.current();
  const std::string body = key.id + "." + to_hex(nonce, sizeof nonce) + "." + std::to_string(now + kLifetimeSeconds);
  return body + "." + mac_hex(key, body);
}

Expected<Done> TokenProtector::validate(const std::string& token, std::int64_t now) {
  if (token.empty()) return Error{"no token was sent"};
  const auto parts = split_dots(token);
  if (parts.size() != 4 || parts[1].size() != kNonceBytes * 2 || !all_digits(parts[2])) {
    return Error{"the token is malformed"};
  }
  KeyRing snapshot;
  const Key* key = find_key(parts[0], snapshot);
  if (!key) return Error{"the token's key " + parts[0] + " is not in this instance's key ring"};
  const std::string expected = mac_hex(*key, parts[0] + "." + parts[1] + "." + parts[2]);
  if (parts[3].size() != expected.size() || CRYPTO_memcmp(parts[3].data(), expected.data(), expected.size()) != 0) {
    return Error{"the token's signature does not match"};
  }
  if (std::stoll(parts[2]) < now) return Error{"the token has expired"};
  return Done{};
}

const Key* TokenProtector::find_key(const std::string& id, KeyRing& snapshot) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!ring_.find(id)) {
    auto reloaded = store_.load_or_create();
    if (reloaded) ring_ = std::move(reloaded.value());
  }
  snapshot = ring_;
  return snapshot.find(id);
}

}  // namespace cdrun::sample_app
