#include "tests/aws/onprem_test_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "aws/core/sigv4_signer.h"

extern char** environ;

namespace cdrun::testing {

std::vector<std::string> OnPremUser::env() const {
  return {"AWS_ACCESS_KEY_ID=" + access_key_id, "AWS_SECRET_ACCESS_KEY=" + secret_access_key};
}

std::string aws_ok(const MotoServer& moto, const std::vector<std::string>& args, const std::vector<std::string>& env) {
  const cdrun::e2e::Outcome run = moto.aws(args, env);
  std::string command;
  for (const std::string& a : args) command += " " + a;
  EXPECT_EQ(run.exit_code, 0) << "aws" << command << "\nstdout: " << run.out << "\nstderr: " << run.err;
  if (run.exit_code != 0) throw std::runtime_error("aws" + command + " failed: " + run.err);
  return run.out;
}

std::string between(const std::string& text, const std::string& open, const std::string& close) {
  const size_t start = text.find(open);
  if (start == std::string::npos) return "";
  const size_t end = text.find(close, start + open.size());
  return end == std::string::npos ? "" : text.substr(start + open.size(), end - start - open.size());
}

long moto_request(const MotoServer& moto, const std::string& method, const std::string& path, const std::string& service,
                  const std::string& content, std::string& body) {
  const std::optional<aws::http::HttpResponse> answer = loopback_http(
      method, moto.endpoint() + path,
      {{"Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/" + service +
                             "/aws4_request, SignedHeaders=host, Signature=00"},
       {"X-Amz-Date", "20260101T000000Z"},
       // An explicit type for PUT too: without one moto (Flask) would take the body for a form.
       {"Content-Type", method == "POST" ? "application/x-www-form-urlencoded" : "application/octet-stream"}},
      content, 60);
  if (!answer) return 0;
  body = answer->body;
  return answer->status;
}

std::string moto_iam(const MotoServer& moto, const std::vector<std::pair<std::string, std::string>>& parameters) {
  std::string form = "Version=2010-05-08";
  for (const auto& [name, value] : parameters) {
    form += "&" + name + "=" + aws::percent_encode(value);
  }
  std::string body;
  const long status = moto_request(moto, "POST", "/", "iam", form, body);
  EXPECT_EQ(status, 200) << form << "\n" << body;
  if (status != 200) throw std::runtime_error("IAM setup call failed: " + form);
  return body;
}

void moto_bucket_with_object(const MotoServer& moto, const std::string& bucket, const std::string& key,
                             const std::string& content) {
  std::string body;
  long status = moto_request(moto, "PUT", "/" + bucket, "s3", "", body);
  if (status != 200) throw std::runtime_error("create bucket " + bucket + ": HTTP " + std::to_string(status) + " " + body);
  status = moto_request(moto, "PUT", "/" + bucket + "/" + key, "s3", content, body);
  if (status != 200) throw std::runtime_error("put object " + key + ": HTTP " + std::to_string(status) + " " + body);
}

OnPremUser create_onprem_account(const MotoServer& moto, const std::vector<std::string>& extra_user_actions) {
  const nlohmann::json trust = {
      {"Version", "2012-10-17"},
      {"Statement",
       {{{"Effect", "Allow"}, {"Principal", {{"AWS", kUserArn}}}, {"Action", "sts:AssumeRole"}}}}};
  nlohmann::json statements = {{{"Effect", "Allow"}, {"Action", "sts:AssumeRole"}, {"Resource", kRoleArn}}};
  if (!extra_user_actions.empty())
    statements.push_back({{"Effect", "Allow"}, {"Action", extra_user_actions}, {"Resource", "*"}});
  const nlohmann::json user_policy = {{"Version", "2012-10-17"}, {"Statement", statements}};
  const nlohmann::json s3_read = {
      {"Version", "2012-10-17"},
      {"Statement",
       {{{"Effect", "Allow"},
         {"Action", {"s3:Get*", "s3:List*"}},
         {"Resource", {"arn:aws:s3:::codedeploy-*", "arn:aws:s3:::codedeploy-*/*"}}}}}};

  moto_iam(moto, {{"Action", "CreateUser"}, {"UserName", kUserName}});
  moto_iam(moto, {{"Action", "PutUserPolicy"},
                  {"UserName", kUserName},
                  {"PolicyName", "AssumeOnly"},
                  {"PolicyDocument", user_policy.dump()}});
  const std::string key = moto_iam(moto, {{"Action", "CreateAccessKey"}, {"UserName", kUserName}});
  moto_iam(moto, {{"Action", "CreateRole"}, {"RoleName", kRoleName}, {"AssumeRolePolicyDocument", trust.dump()}});
  moto_iam(moto, {{"Action", "PutRolePolicy"},
                  {"RoleName", kRoleName},
                  {"PolicyName", "S3Read"},
                  {"PolicyDocument", s3_read.dump()}});
  OnPremUser user{between(key, "<AccessKeyId>", "</AccessKeyId>"), between(key, "<SecretAccessKey>", "</SecretAccessKey>")};
  if (user.access_key_id.empty() || user.secret_access_key.empty())
    throw std::runtime_error("CreateAccessKey answered without a key: " + key);
  return user;
}

void isolate_environment(const std::string& home) {
  std::vector<std::string> names;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    const std::string name = entry.substr(0, entry.find('='));
    if (name.rfind("AWS_", 0) == 0 || name == "HTTP_PROXY" || name == "HTTPS_PROXY" || name == "http_proxy" ||
        name == "https_proxy" || name == "ALL_PROXY" || name == "all_proxy")
      names.push_back(name);
  }
  for (const std::string& name : names) ::unsetenv(name.c_str());
  ::setenv("HOME", home.c_str(), 1);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool file_exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

mode_t mode_of(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return 07777;
  return info.st_mode & 07777;
}

std::vector<std::string> temp_files_in(const std::string& dir) {
  std::vector<std::string> found;
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ignored)) {
    const std::string name = entry.path().filename().string();
    if (name.find(".tmp-") != std::string::npos) found.push_back(name);
  }
  return found;
}

RefusingPort::RefusingPort() {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof addr;
  if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &length) != 0)
    throw std::runtime_error("cannot bind a loopback port");
  port_ = ntohs(addr.sin_port);
}

RefusingPort::~RefusingPort() {
  if (fd_ >= 0) ::close(fd_);
}

BackgroundProcess::BackgroundProcess(const std::string& path, const std::vector<std::string>& args,
                                     const std::vector<std::string>& env, const std::string& output_prefix)
    : out_(output_prefix + ".out"), err_(output_prefix + ".err") {
  std::vector<std::string> argv_storage{path};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<std::string> env_storage;
  for (char** e = environ; *e; ++e) env_storage.emplace_back(*e);
  env_storage.insert(env_storage.end(), env.begin(), env.end());
  std::vector<char*> argv, envp;
  for (auto& a : argv_storage) argv.push_back(a.data());
  for (auto& e : env_storage) envp.push_back(e.data());
  argv.push_back(nullptr);
  envp.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0) ::_exit(126);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
}

BackgroundProcess::~BackgroundProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

int BackgroundProcess::stop(int signal, int limit_seconds) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, signal);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(limit_seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return -1;
}

bool BackgroundProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_) return true;
  pid_ = -1;
  return false;
}

std::string BackgroundProcess::out() const { return read_file(out_); }
std::string BackgroundProcess::err() const { return read_file(err_); }

std::string credentials_value(const std::string& text, const std::string& key) {
  std::istringstream lines(text);
  std::string line;
  bool in_default = false;
  while (std::getline(lines, line)) {
    if (!line.empty() && line[0] == '[') {
      in_default = line == "[default]";
      continue;
    }
    const size_t equals = line.find('=');
    if (!in_default || equals == std::string::npos) continue;
    std::string name = line.substr(0, equals);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (name != key) continue;
    std::string value = line.substr(equals + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    return value;
  }
  return "";
}

}  // namespace cdrun::testing
