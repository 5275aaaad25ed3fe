// HTTP for the deployment tests through the real curl: every request bounded by --max-time, so a
// hung proxy fails a test instead of hanging it.
#include <cstdlib>
#include <string>

#include "deploy_support.h"

namespace cdrun::sample_app_e2e {
namespace {

constexpr const char* kMaxSeconds = "10";

// curl -i prints the status line and headers, a blank line, then the body (no redirects followed).
HttpReply parse_reply(const e2e::Outcome& run) {
  HttpReply reply;
  if (run.exit_code != 0) {
    reply.error = "curl exit " + std::to_string(run.exit_code) + ": " + run.err;
    return reply;
  }
  const size_t end_of_headers = run.out.find("\r\n\r\n");
  reply.headers = run.out.substr(0, end_of_headers);
  reply.body = end_of_headers == std::string::npos ? "" : run.out.substr(end_of_headers + 4);
  const size_t space = reply.headers.find(' ');
  if (reply.headers.rfind("HTTP/", 0) == 0 && space != std::string::npos) {
    reply.status = std::atoi(reply.headers.c_str() + space + 1);
  } else {
    reply.error = "no HTTP status line in: " + run.out.substr(0, 200);
  }
  return reply;
}

}  // namespace

HttpReply http_get(const std::string& url) {
  const std::string curl = find_program("curl");
  return parse_reply(e2e::run_program(curl, {"-sS", "-i", "--max-time", kMaxSeconds, url}));
}

HttpReply http_post_form(const std::string& url, const std::vector<std::pair<std::string, std::string>>& fields) {
  std::vector<std::string> args{"-sS", "-i", "--max-time", kMaxSeconds};
  for (const auto& [name, value] : fields) {
    args.push_back("--data-urlencode");
    args.push_back(name + "=" + value);
  }
  args.push_back(url);
  return parse_reply(e2e::run_program(find_program("curl"), args));
}

}  // namespace cdrun::sample_app_e2e
