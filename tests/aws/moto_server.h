// A private moto server (with the on-premises CodeDeploy shim) for one test, and the awscli pointed at it.
#pragma once

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aws/http/http_exchange.h"
#include "tests/e2e/run_cdrun.h"

namespace cdrun::testing {

class MotoServer {
 public:
  MotoServer();   // starts `python3 <CDRUN_SOURCE_DIR>/tests/aws/moto_onprem_server.py -H 127.0.0.1 -p <free port>` with
                  // MOTO_IAM_LOAD_MANAGED_POLICIES=true, its own process group, output to a temp log;
                  // waits (bounded, 60 s) until GET /moto-api/ answers 200; throws std::runtime_error (with the log tail) on failure
  ~MotoServer();  // SIGTERM to its group, SIGKILL after 3 s, reaps; removes temp files
  MotoServer(const MotoServer&) = delete;
  MotoServer& operator=(const MotoServer&) = delete;
  std::string endpoint() const;   // "http://127.0.0.1:PORT"
  void enforce_auth() const;      // POST /moto-api/reset-auth, body "0", Content-Type text/plain (throws on non-200)
  void relax_auth() const;        // same with body "inf"
  // Runs the awscli (`aws`, on PATH) with --endpoint-url endpoint() --region us-east-1 --output json, env
  // AWS_MAX_ATTEMPTS=1, AWS_PAGER=, AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE pointing to empty temp files,
  // AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE, AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY unless `env` overrides them.
  cdrun::e2e::Outcome aws(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) const;

 private:
  bool start_once(std::string& failure);  // false (with the reason) if the server did not come up on this port
  void stop();
  std::string log_tail() const;

  std::string dir_;  // temp dir: server log, empty awscli config and credentials files
  int port_ = 0;
  pid_t pid_ = -1;
};

// A loopback port nobody listens on right now (the kernel picks it; we release it for a server to bind).
int free_loopback_port();

// An environment holding just `values`, for aws/http calls that must not see this process's variables.
aws::http::EnvLookup fixed_env(std::map<std::string, std::string> values);

// GET `url` trusting `ca_file` ("" = the default search) with only `env` as the environment; connect
// timeout 5 s, total 20 s. What the aws/http transport tests look at.
aws::http::ExchangeResult test_get(const std::string& url, const std::string& ca_file,
                                   std::map<std::string, std::string> env = {});

// One request straight to a loopback test server, never through a proxy from the environment (the
// proxy variables are not consulted): the answer, or nullopt when there was none.
std::optional<aws::http::HttpResponse> loopback_http(const std::string& method, const std::string& url,
                                                     std::vector<std::pair<std::string, std::string>> headers,
                                                     const std::string& body, long timeout_seconds);

}  // namespace cdrun::testing
