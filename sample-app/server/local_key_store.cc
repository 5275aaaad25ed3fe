#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "key_store.h"

namespace cdrun::sample_app {
namespace {

std::string errno_text() { return std::strerror(errno); }

class LocalKeyStore : public KeyStore {
 public:
  explicit LocalKeyStore(const std::string& data_dir)
      : dir_(data_dir + "/keys"), path_(dir_ + "/keyring") {}

  Expected<KeyRing> load_or_create() override {
    if (::mkdir(dir_.c_str(), 0700) != 0 && errno != EEXIST) {
      return Error{"cannot create key directory " + dir_ + ": " + errno_text()};
    }
    if (::access(path_.c_str(), F_OK) != 0) {
      auto created = create();
      if (!created) return Error{created.error()};
    }
    return read();
  }

  Expected<Done> check() override { return Done{}; }
  std::string describe() const override { return "local key ring " + path_; }

 private:
  // Writes a fresh ring beside the final name, then link()s it into place: link fails with
  // EEXIST if another process got there first, and then its ring is the one everybody reads.
  Expected<Done> create() {
    auto ring = generate_key_ring();
    if (!ring) return Error{ring.error()};
    const std::string temporary = path_ + ".tmp." + std::to_string(::getpid());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return Error{"cannot create " + temporary + ": " + errno_text()};
    const std::string text = serialize_key_ring(ring.value());
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    const std::string write_error = errno_text();
    ::close(fd);
    if (!written) {
      ::unlink(temporary.c_str());
      return Error{"cannot write " + temporary + ": " + write_error};
    }
    const int linked = ::link(temporary.c_str(), path_.c_str());
    const int link_errno = errno;
    ::unlink(temporary.c_str());
    if (linked != 0 && link_errno != EEXIST) {
      return Error{"cannot create " + path_ + ": " + std::strerror(link_errno)};
    }
    return Done{};
  }

  Expected<KeyRing> read() const {
    std::ifstream in(path_);
    if (!in) return Error{"cannot read key ring " + path_ + ": " + errno_text()};
    std::ostringstream text;
    text << in.rdbuf();
    auto ring = parse_key_ring(text.str());
    if (!ring) return Error{"key ring " + path_ + ": " + ring.error()};
    return ring;
  }

  std::string dir_;
  std::string path_;
};

}  // namespace

std::unique_ptr<KeyStore> make_local_key_store(const std::string& data_dir) {
  return std::make_unique<LocalKeyStore>(data_dir);
}

std::unique_ptr<KeyStore> make_key_store(const Options& options) {
  if (options.key_store == KeyStoreKind::redis) return make_redis_key_store(options.redis_host, options.redis_port);
  return make_local_key_store(options.data_dir);
}

}  // namespace cdrun::sample_app
