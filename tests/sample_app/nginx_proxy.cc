#include "tests/sample_app/nginx_proxy.h"

#include <filesystem>
#include <fstream>

#include "tests/e2e/run_cdrun.h"
#include "tests/sample_app/http_client.h"

namespace cdrun::sample_app_test {

std::string nginx_binary() { return "/usr/sbin/nginx"; }

std::string nginx_config(int listen_port, const std::vector<int>& backend_ports) {
  std::string upstream;
  for (const int port : backend_ports) upstream += "    server 127.0.0.1:" + std::to_string(port) + ";\n";
  // Relative paths resolve against -p; the temp paths keep nginx out of /var/lib/nginx.
  return "worker_processes 1;\n"
         "pid logs/nginx.pid;\n"
         "error_log logs/error.log warn;\n"
         "events { worker_connections 64; }\n"
         "http {\n"
         "  access_log logs/access.log;\n"
         "  client_body_temp_path tmp/body;\n"
         "  proxy_temp_path tmp/proxy;\n"
         "  fastcgi_temp_path tmp/fastcgi;\n"
         "  uwsgi_temp_path tmp/uwsgi;\n"
         "  scgi_temp_path tmp/scgi;\n"
         "  upstream sample_app {\n" +
         upstream +
         "  }\n"
         "  server {\n"
         "    listen 127.0.0.1:" +
         std::to_string(listen_port) +
         ";\n"
         "    location / {\n"
         "      proxy_pass http://sample_app;\n"
         "      proxy_set_header Host $host;\n"
         "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
         "    }\n"
         "  }\n"
         "}\n";
}

NginxProxy::NginxProxy(const std::string& prefix, const std::vector<int>& backend_ports) : prefix_(prefix) {
  for (const char* dir : {"conf", "logs", "tmp"}) std::filesystem::create_directories(prefix_ + "/" + dir);
  const std::vector<std::string> common = {"-p", prefix_ + "/", "-c", "conf/nginx.conf", "-e", "logs/error.log"};
  // Another process may take the chosen port before nginx binds it: try a few.
  for (int attempt = 0; attempt < 5 && port_ == 0; ++attempt) {
    const int port = free_loopback_port();
    std::ofstream(prefix_ + "/conf/nginx.conf") << nginx_config(port, backend_ports);
    std::vector<std::string> test_args = common;
    test_args.push_back("-t");
    const auto test = e2e::run_program(nginx_binary(), test_args);
    config_test_output_ = test.out + test.err;
    config_test_passed_ = test.exit_code == 0;
    if (!config_test_passed_) return;
    std::vector<std::string> run_args = common;
    run_args.insert(run_args.end(), {"-g", "daemon off;"});
    process_ = std::make_unique<ChildProcess>(nginx_binary(), run_args, prefix_ + "/logs/stdout",
                                              prefix_ + "/logs/stderr");
    wait_until([&] { return !process_->running() || port_accepts(port); }, std::chrono::seconds(10));
    if (process_->running() && port_accepts(port)) port_ = port;
  }
}

std::string NginxProxy::error_log() const { return read_text_file(prefix_ + "/logs/error.log"); }

}  // namespace cdrun::sample_app_test
