#include "tests/sample_app/redis_server.h"

#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>

#include "tests/sample_app/http_client.h"

namespace cdrun::sample_app_test {

std::string redis_server_binary() { return "/usr/bin/redis-server"; }

RedisServer::RedisServer(const std::string& dir) : dir_(dir) {
  std::filesystem::create_directories(dir_);
  // redis-server cannot bind port 0 and report it, so take a free port and retry on a clash.
  for (int attempt = 0; attempt < 5 && port_ == 0; ++attempt) {
    const int port = free_loopback_port();
    process_ = std::make_unique<ChildProcess>(
        redis_server_binary(),
        std::vector<std::string>{"--port", std::to_string(port), "--bind", "127.0.0.1", "--save", "",
                                 "--appendonly", "no", "--dir", dir_, "--daemonize", "no", "--protected-mode", "no"},
        dir_ + "/redis.out", dir_ + "/redis.out");
    wait_until([&] { return !process_->running() || port_accepts(port); }, std::chrono::seconds(10));
    if (process_->running() && command_on(port, "PING").rfind("+PONG", 0) == 0) port_ = port;
  }
}

std::string RedisServer::output() const { return read_text_file(dir_ + "/redis.out"); }

bool RedisServer::stop() {
  process_->send_signal(SIGTERM);
  const bool exited = process_->wait_exit(std::chrono::seconds(10)).has_value();
  port_ = 0;
  return exited;
}

std::string RedisServer::command(const std::string& inline_command) const { return command_on(port_, inline_command); }

std::string RedisServer::command_on(int port, const std::string& inline_command) {
  const int fd = connect_loopback(port);
  if (fd < 0) return "";
  const std::string line = inline_command + "\r\n";
  std::string reply;
  if (::send(fd, line.data(), line.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(line.size())) {
    char buffer[4096];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n > 0) reply.assign(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return reply;
}

}  // namespace cdrun::sample_app_test
