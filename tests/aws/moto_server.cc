#include "tests/aws/moto_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

namespace cdrun::testing {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kReadyTimeout = std::chrono::seconds(60);
constexpr auto kTermGrace = std::chrono::seconds(3);
constexpr int kStartAttempts = 3;  // a new port each time: another process may take the one we probed

// The HTTP status of one request, or 0 when there was no answer (refused, timed out).
long http_status(const std::string& url, const char* post_body, long timeout_seconds) {
  std::vector<std::pair<std::string, std::string>> headers;
  // moto reads the body as a float; a form content type would let Flask swallow it (spec §2.1).
  if (post_body) headers.emplace_back("Content-Type", "text/plain");
  const std::optional<aws::http::HttpResponse> answer =
      loopback_http(post_body ? "POST" : "GET", url, headers, post_body ? post_body : "", timeout_seconds);
  return answer ? answer->status : 0;
}

// Reaps `pid` if it has exited; true when it is gone.
bool reaped(pid_t pid) {
  int status = 0;
  pid_t r = waitpid(pid, &status, WNOHANG);
  return r == pid || (r < 0 && errno == ECHILD);
}

void write_empty(const std::string& path) { std::ofstream(path, std::ios::trunc); }

}  // namespace

int free_loopback_port() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    throw std::runtime_error("could not bind a loopback port");
  }
  close(fd);
  return ntohs(addr.sin_port);
}

aws::http::EnvLookup fixed_env(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    const auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

aws::http::ExchangeResult test_get(const std::string& url, const std::string& ca_file,
                                   std::map<std::string, std::string> env) {
  aws::http::HttpRequest request;
  request.method = "GET";
  request.url = url;
  request.headers = {{"Host", aws::http::host_header(*aws::http::parse_url(url))}};
  request.ca_file = ca_file;
  request.connect_timeout_seconds = 5;
  request.total_timeout_seconds = 20;
  request.env = fixed_env(std::move(env));
  return aws::http::exchange(request);
}

std::optional<aws::http::HttpResponse> loopback_http(const std::string& method, const std::string& url,
                                                     std::vector<std::pair<std::string, std::string>> headers,
                                                     const std::string& body, long timeout_seconds) {
  aws::http::HttpRequest request;
  request.method = method;
  request.url = url;
  const std::optional<aws::http::Url> parsed = aws::http::parse_url(url);
  if (parsed) headers.insert(headers.begin(), {"Host", aws::http::host_header(*parsed)});
  request.headers = std::move(headers);
  request.body = body;
  request.total_timeout_seconds = timeout_seconds;
  request.env = fixed_env({});
  aws::http::ExchangeResult result = aws::http::exchange(request);
  return std::move(result.response);
}

MotoServer::MotoServer() {
  std::string pattern = (std::filesystem::temp_directory_path() / "cdrun-moto-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  write_empty(dir_ + "/aws-config");
  write_empty(dir_ + "/aws-credentials");
  std::string failure;
  for (int attempt = 0; attempt < kStartAttempts; ++attempt) {
    if (start_once(failure)) return;
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
  throw std::runtime_error(failure);
}

bool MotoServer::start_once(std::string& failure) {
  port_ = free_loopback_port();
  const std::string script = std::string(CDRUN_SOURCE_DIR) + "/tests/aws/moto_onprem_server.py";
  const std::string port = std::to_string(port_);
  const std::string log = dir_ + "/moto.log";
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    setpgid(0, 0);  // its own group: the destructor signals the group, so no werkzeug child outlives the test
    int in = open("/dev/null", O_RDONLY);
    int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0) _exit(126);
    dup2(in, 0);
    dup2(out, 1);
    dup2(out, 2);
    setenv("MOTO_IAM_LOAD_MANAGED_POLICIES", "true", 1);
    setenv("PYTHONUNBUFFERED", "1", 1);  // so the log tail in an error message is current
    execlp("python3", "python3", script.c_str(), "-H", "127.0.0.1", "-p", port.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  setpgid(pid_, pid_);  // also from here, so kill(-pid) works even before the child ran setpgid

  const auto deadline = Clock::now() + kReadyTimeout;
  while (Clock::now() < deadline) {
    if (http_status(endpoint() + "/moto-api/", nullptr, 2) == 200) return true;
    if (reaped(pid_)) {
      pid_ = -1;
      failure = "moto exited before it answered on port " + port + "; log tail:\n" + log_tail();
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  failure = "moto did not answer GET /moto-api/ within 60 s on port " + port + "; log tail:\n" + log_tail();
  stop();
  return false;
}

MotoServer::~MotoServer() {
  stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void MotoServer::stop() {
  if (pid_ <= 0) return;
  kill(-pid_, SIGTERM);
  const auto deadline = Clock::now() + kTermGrace;
  bool gone = false;
  while (!(gone = reaped(pid_)) && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  kill(-pid_, SIGKILL);  // also takes down anything else left in the group
  if (!gone) waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::string MotoServer::log_tail() const {
  std::ifstream in(dir_ + "/moto.log", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  constexpr size_t kTail = 3000;
  return text.size() > kTail ? text.substr(text.size() - kTail) : text;
}

std::string MotoServer::endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

void MotoServer::enforce_auth() const {
  long status = http_status(endpoint() + "/moto-api/reset-auth", "0", 10);
  if (status != 200) throw std::runtime_error("reset-auth 0 answered HTTP " + std::to_string(status));
}

void MotoServer::relax_auth() const {
  long status = http_status(endpoint() + "/moto-api/reset-auth", "inf", 10);
  if (status != 200) throw std::runtime_error("reset-auth inf answered HTTP " + std::to_string(status));
}

cdrun::e2e::Outcome MotoServer::aws(const std::vector<std::string>& args, const std::vector<std::string>& env) const {
  // `timeout` bounds the call; `env` gives a clean, ordered environment (later assignments win, so the caller's
  // `env` overrides ours, and nothing from the test's own environment can point the cli elsewhere).
  std::vector<std::string> argv{"-k", "5", "120", "/usr/bin/env"};
  for (const char* name : {"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_REGION",
                           "AWS_DEFAULT_REGION", "AWS_CA_BUNDLE", "AWS_ENDPOINT_URL", "AWS_ROLE_ARN",
                           "AWS_WEB_IDENTITY_TOKEN_FILE", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"}) {
    argv.insert(argv.end(), {"-u", name});
  }
  argv.insert(argv.end(), {"AWS_MAX_ATTEMPTS=1", "AWS_PAGER=", "AWS_CONFIG_FILE=" + dir_ + "/aws-config",
                           "AWS_SHARED_CREDENTIALS_FILE=" + dir_ + "/aws-credentials",
                           "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
                           "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"});
  argv.insert(argv.end(), env.begin(), env.end());
  argv.insert(argv.end(), {"aws", "--endpoint-url", endpoint(), "--region", "us-east-1", "--output", "json",
                           "--cli-connect-timeout", "10", "--cli-read-timeout", "60"});
  argv.insert(argv.end(), args.begin(), args.end());
  return cdrun::e2e::run_program("/usr/bin/timeout", argv);
}

}  // namespace cdrun::testing
