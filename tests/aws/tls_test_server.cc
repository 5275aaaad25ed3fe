#include "tests/aws/tls_test_server.h"

#include <chrono>
#include <fstream>
#include <thread>

namespace cdrun::testing {
namespace {

// Binds port 0 and prints the port it got, so there is no race for a free port.
const char* const kServer = R"(import http.server, ssl, sys
class Handler(http.server.BaseHTTPRequestHandler):
    def answer(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b"not an AWS answer"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_POST = answer
    do_GET = answer
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(sys.argv[1], sys.argv[2])
server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
)";

}  // namespace

std::string TlsTestServer::start(const std::string& dir) {
  std::ofstream(dir + "/server.py") << kServer;
  return start_script(dir, dir + "/server.py", {}, "IP:127.0.0.1");
}

std::string TlsTestServer::start_script(const std::string& dir, const std::string& script,
                                        const std::vector<std::string>& args, const std::string& alt_names) {
  cert_ = dir + "/cert.pem";
  const cdrun::e2e::Outcome made = cdrun::e2e::run_program(
      "/usr/bin/openssl", {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                           "-keyout", dir + "/key.pem", "-out", cert_, "-days", "2", "-subj", "/CN=127.0.0.1",
                           "-addext", "subjectAltName=" + alt_names});
  if (made.exit_code != 0) return "openssl req failed: " + made.err;
  std::vector<std::string> argv{"python3", script, cert_, dir + "/key.pem"};
  argv.insert(argv.end(), args.begin(), args.end());
  server_ = std::make_unique<BackgroundProcess>("/usr/bin/env", argv, std::vector<std::string>{}, dir + "/server");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline && server_->running() && server_->out().find('\n') == std::string::npos)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const std::string printed = server_->out();
  if (printed.find('\n') == std::string::npos) return "the TLS test server did not start: " + server_->err();
  port_ = std::stoi(printed);
  return "";
}

}  // namespace cdrun::testing
