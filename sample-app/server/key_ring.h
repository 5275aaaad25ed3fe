// The anti-forgery key ring: the keys tokens are protected with, found again by id when a token
// comes back. Every instance that must accept another's tokens needs the same ring, which is the
// lesson of ASP.NET Data Protection: a per-machine ring breaks forms behind a load balancer.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "expected.h"

namespace cdrun::sample_app {

struct Key {
  std::string id;                     // 16 hex digits
  std::array<unsigned char, 32> secret{};
  std::int64_t created = 0;           // Unix seconds
};

struct KeyRing {
  std::vector<Key> keys;  // the last one protects new tokens

  const Key* find(const std::string& id) const;
  const Key& current() const { return keys.back(); }
};

// A ring of one fresh key from the OpenSSL random generator.
Expected<KeyRing> generate_key_ring();
// Text form kept by the stores: a header line, then "<id> <created> <secret hex>" per key.
std::string serialize_key_ring(const KeyRing& ring);
Expected<KeyRing> parse_key_ring(const std::string& text);

std::string to_hex(const unsigned char* data, size_t size);
std::optional<std::vector<unsigned char>> from_hex(const std::string& text);

}  // namespace cdrun::sample_app
