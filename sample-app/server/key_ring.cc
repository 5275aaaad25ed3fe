#include "key_ring.h"

#include <openssl/rand.h>

#include <ctime>
#include <sstream>

namespace cdrun::sample_app {
namespace {

constexpr const char* kHeader = "cdrun-sample-app keyring v1";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

const Key* KeyRing::find(const std::string& id) const {
  for (const Key& key : keys) {
    if (key.id == id) return &key;
  }
  return nullptr;
}

std::string to_hex(const unsigned char* data, size_t size) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 0x0f];
  }
  return out;
}

std::optional<std::vector<unsigned char>> from_hex(const std::string& text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::vector<unsigned char> bytes;
  bytes.reserve(text.size() / 2);
  for (size_t i = 0; i < text.size(); i += 2) {
    const int high = hex_value(text[i]);
    const int low = hex_value(text[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes.push_back(static_cast<unsigned char>(high * 16 + low));
  }
  return bytes;
}

Expected<KeyRing> generate_key_ring() {
  Key key;
  unsigned char id_bytes[8];
  if (RAND_bytes(id_bytes, sizeof id_bytes) != 1 || RAND_bytes(key.secret.data(), static_cast<int>(key.secret.size())) != 1) {
    return Error{"the OpenSSL random generator failed"};
  }
  key.id = to_hex(id_bytes, sizeof id_bytes);
  key.created = static_cast<std::int64_t>(std::time(nullptr));
  return KeyRing{{key}};
}

std::string serialize_key_ring(const KeyRing& ring) {
  std::string text = std::string(kHeader) + "\n";
  for (const Key& key : ring.keys) {
    text += key.id + " " + std::to_string(key.created) + " " + to_hex(key.secret.data(), key.secret.size()) + "\n";
  }
  return text;
}

Expected<KeyRing> parse_key_ring(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  if (!std::getline(lines, line) || line != kHeader) return Error{"not a key ring (bad header)"};
  KeyRing ring;
  int number = 1;
  while (std::getline(lines, line)) {
    ++number;
    if (line.empty()) continue;
    std::istringstream fields(line);
    Key key;
    std::string secret_hex, extra;
    if (!(fields >> key.id >> key.created >> secret_hex) || (fields >> extra)) {
      return Error{"key ring line " + std::to_string(number) + " is not '<id> <created> <secret>'"};
    }
    const auto secret = from_hex(secret_hex);
    if (key.id.size() != 16 || !from_hex(key.id) || !secret || secret->size() != key.secret.size()) {
      return Error{"key ring line " + std::to_string(number) + " has a malformed id or secret"};
    }
    std::copy(secret->begin(), secret->end(), key.secret.begin());
    ring.keys.push_back(key);
  }
  if (ring.keys.empty()) return Error{"the key ring holds no key"};
  return ring;
}

}  // namespace cdrun::sample_app
