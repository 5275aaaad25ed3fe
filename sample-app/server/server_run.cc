#include "server_run.h"

#include <httplib.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "http_routes.h"

namespace cdrun::sample_app {
namespace {

sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

// Waits for a stop signal, then stops the server once it is running. Server::stop() is not
// async-signal-safe, hence a thread rather than a signal handler.
class StopWatcher {
 public:
  explicit StopWatcher(httplib::Server& server) : server_(server), thread_([this] { watch(); }) {}
  ~StopWatcher() {
    finished_ = true;
    thread_.join();
  }
  StopWatcher(const StopWatcher&) = delete;
  StopWatcher& operator=(const StopWatcher&) = delete;
  int signal_received() const { return signal_; }

 private:
  void watch() {
    const sigset_t set = stop_signals();
    while (!finished_ && signal_ == 0) {
      const timespec wait{0, 100 * 1000 * 1000};
      const int received = sigtimedwait(&set, nullptr, &wait);
      if (received > 0) signal_ = received;
    }
    // A signal may come before listen_after_bind() has started; stop() does nothing until then.
    while (!finished_) {
      if (server_.is_running()) {
        server_.stop();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  httplib::Server& server_;
  std::atomic<bool> finished_{false};
  std::atomic<int> signal_{0};
  std::thread thread_;
};

std::string identity(const AppContext& app, int port) {
  return "instance=" + app.options.instance + " revision=" + app.options.revision + " listen=" + app.options.listen +
         " port=" + std::to_string(port) + " key_store=" + key_store_name(app.options.key_store);
}

}  // namespace

void block_stop_signals() {
  const sigset_t set = stop_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  // A client that hangs up mid-response must not kill the process.
  signal(SIGPIPE, SIG_IGN);
}

int serve(AppContext& app, std::ostream& out, std::ostream& err) {
  httplib::Server server;
  install_routes(server, app);
  // Idle keep-alive connections hold up a graceful stop for at most this long.
  server.set_keep_alive_timeout(2);
  server.set_payload_max_length(64 * 1024);

  errno = 0;
  int port = app.options.port;
  const bool bound = port == 0 ? (port = server.bind_to_any_port(app.options.listen)) > 0
                               : server.bind_to_port(app.options.listen, port);
  if (!bound) {
    const std::string why = errno != 0 ? std::string(": ") + std::strerror(errno) : "";
    const std::string message =
        "cannot listen on " + app.options.listen + ":" + std::to_string(app.options.port) + why;
    err << "cdrun-sample-app: " << message << "\n";
    app.log->write("error " + message);
    return 1;
  }

  const std::string who = identity(app, port);
  app.log->write("start " + who + " pid=" + std::to_string(getpid()) + " " + app.key_store->describe());
  out << "cdrun-sample-app: listening on http://" << app.options.listen << ":" << port << " (" << who << ")"
      << std::endl;

  int signal_number = 0;
  bool listened = false;
  {
    StopWatcher watcher(server);
    listened = server.listen_after_bind();
    signal_number = watcher.signal_received();
  }
  if (signal_number != 0) {
    app.log->write("stop " + who + " signal=" + strsignal(signal_number));
    return 0;
  }
  app.log->write(std::string("stop ") + who + (listened ? "" : " error=the listening socket failed"));
  return listened ? 0 : 1;
}

}  // namespace cdrun::sample_app
