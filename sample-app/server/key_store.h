// Where the key ring lives. Both stores create the ring on first use in a way that lets two
// processes starting together end up with the same ring (the loser reads the winner's).
#pragma once

#include <memory>
#include <string>

#include "expected.h"
#include "key_ring.h"
#include "options.h"

namespace cdrun::sample_app {

class KeyStore {
 public:
  virtual ~KeyStore() = default;
  virtual Expected<KeyRing> load_or_create() = 0;
  // Whether the store can be reached now (/health); the local store always can once loaded.
  virtual Expected<Done> check() = 0;
  virtual std::string describe() const = 0;
};

// DATA_DIR/keys/keyring: directory 0700, file 0600.
std::unique_ptr<KeyStore> make_local_key_store(const std::string& data_dir);
// The string key "cdrun-sample-app:keyring" on a Redis server.
std::unique_ptr<KeyStore> make_redis_key_store(const std::string& host, int port);
std::unique_ptr<KeyStore> make_key_store(const Options& options);

}  // namespace cdrun::sample_app
