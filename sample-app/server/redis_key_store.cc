#include <hiredis.h>

#include <memory>
#include <utility>

#include "key_store.h"

namespace cdrun::sample_app {
namespace {

constexpr const char* kRingKey = "cdrun-sample-app:keyring";

struct ContextCloser {
  void operator()(redisContext* context) const { redisFree(context); }
};
struct ReplyFreer {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using Connection = std::unique_ptr<redisContext, ContextCloser>;
using Reply = std::unique_ptr<redisReply, ReplyFreer>;

class RedisKeyStore : public KeyStore {
 public:
  RedisKeyStore(std::string host, int port) : host_(std::move(host)), port_(port) {}

  Expected<KeyRing> load_or_create() override {
    auto connection = connect();
    if (!connection) return Error{connection.error()};
    redisContext* context = connection.value().get();
    auto existing = command(context, "GET %s", kRingKey);
    if (!existing) return Error{existing.error()};
    if (existing.value()->type != REDIS_REPLY_STRING) {
      auto ring = generate_key_ring();
      if (!ring) return Error{ring.error()};
      const std::string text = serialize_key_ring(ring.value());
      // SETNX: of two instances starting together only one ring is stored; both then read it.
      auto stored = command(context, "SETNX %s %b", kRingKey, text.data(), text.size());
      if (!stored) return Error{stored.error()};
      existing = command(context, "GET %s", kRingKey);
      if (!existing) return Error{existing.error()};
      if (existing.value()->type != REDIS_REPLY_STRING) return Error{where() + ": the key ring vanished after SETNX"};
    }
    auto ring = parse_key_ring(std::string(existing.value()->str, existing.value()->len));
    if (!ring) return Error{where() + " key " + kRingKey + ": " + ring.error()};
    return ring;
  }

  Expected<Done> check() override {
    auto connection = connect();
    if (!connection) return Error{connection.error()};
    auto pong = command(connection.value().get(), "PING");
    if (!pong) return Error{pong.error()};
    return Done{};
  }

  std::string describe() const override { return "redis key ring " + where() + " key " + kRingKey; }

 private:
  std::string where() const { return "redis " + host_ + ":" + std::to_string(port_); }

  // A short-lived connection per use: the ring is read at start and on unknown key ids only,
  // and /health must notice a Redis that went away rather than trust an old socket.
  Expected<Connection> connect() const {
    const timeval timeout{1, 0};
    Connection context(redisConnectWithTimeout(host_.c_str(), port_, timeout));
    if (!context) return Error{"cannot allocate a redis context"};
    if (context->err) return Error{"cannot connect to " + where() + ": " + context->errstr};
    if (redisSetTimeout(context.get(), timeout) != REDIS_OK) return Error{"cannot set a timeout on " + where()};
    return Expected<Connection>(std::move(context));
  }

  template <class... Args>
  Expected<Reply> command(redisContext* context, const char* format, Args... args) const {
    Reply reply(static_cast<redisReply*>(redisCommand(context, format, args...)));
    if (!reply) return Error{where() + " did not answer: " + context->errstr};
    if (reply->type == REDIS_REPLY_ERROR) return Error{where() + " answered: " + std::string(reply->str, reply->len)};
    return Expected<Reply>(std::move(reply));
  }

  std::string host_;
  int port_;
};

}  // namespace

std::unique_ptr<KeyStore> make_redis_key_store(const std::string& host, int port) {
  return std::make_unique<RedisKeyStore>(host, port);
}

}  // namespace cdrun::sample_app
