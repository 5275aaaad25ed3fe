// A private redis-server on 127.0.0.1 for one test: no persistence, its own directory, stopped
// (SIGTERM, bounded wait, SIGKILL) when the object goes away.
#pragma once

#include <memory>
#include <string>

#include "tests/sample_app/child_process.h"

namespace cdrun::sample_app_test {

std::string redis_server_binary();

class RedisServer {
 public:
  explicit RedisServer(const std::string& dir);
  bool ready() const { return port_ > 0; }
  int port() const { return port_; }
  std::string output() const;
  // Stops it now (to see the app notice); returns whether it exited in time.
  bool stop();
  // Sends one inline command (e.g. "PING", "GET key") and returns the raw reply.
  std::string command(const std::string& inline_command) const;

 private:
  static std::string command_on(int port, const std::string& inline_command);

  std::string dir_;
  std::unique_ptr<ChildProcess> process_;
  int port_ = 0;
};

}  // namespace cdrun::sample_app_test
