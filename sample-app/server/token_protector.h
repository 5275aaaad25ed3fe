// Anti-forgery tokens: "<key id>.<nonce>.<expiry>.<mac>", the MAC being HMAC-SHA256 under the key
// named by the id. Any process holding the same key ring can validate any other's tokens.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "expected.h"
#include "key_ring.h"
#include "key_store.h"

namespace cdrun::sample_app {

class TokenProtector {
 public:
  static constexpr std::int64_t kLifetimeSeconds = 2 * 60 * 60;

  TokenProtector(KeyStore& store, KeyRing ring) : store_(store), ring_(std::move(ring)) {}

  Expected<std::string> issue(std::int64_t now) const;
  // Done when the token was issued with a key of the ring, is unmodified and unexpired.
  Expected<Done> validate(const std::string& token, std::int64_t now);

 private:
  // A key id this process has not seen may be a key another instance added to a shared store.
  const Key* find_key(const std::string& id, KeyRing& snapshot);

  KeyStore& store_;
  mutable std::mutex mutex_;
  KeyRing ring_;
};

}  // namespace cdrun::sample_app
