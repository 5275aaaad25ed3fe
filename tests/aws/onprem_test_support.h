// Shared by the onprem_* tests: a moto account set up as the on-premises docs describe (an IAM user
// allowed only sts:AssumeRole on a role whose trust names that user), and cdrun runs that can only
// see the environment a test gives them.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "tests/aws/moto_server.h"
#include "tests/e2e/run_cdrun.h"

namespace cdrun::testing {

inline const std::string kAccount = "123456789012";
inline const std::string kRoleName = "CodeDeployOnPremRole";
inline const std::string kRoleArn = "arn:aws:iam::123456789012:role/CodeDeployOnPremRole";
inline const std::string kUserName = "codedeploy-onprem";
inline const std::string kUserArn = "arn:aws:iam::123456789012:user/codedeploy-onprem";

inline std::string session_arn_for(const std::string& session) {
  return "arn:aws:sts::123456789012:assumed-role/CodeDeployOnPremRole/" + session;
}

struct OnPremUser {
  std::string access_key_id;
  std::string secret_access_key;
  // "AWS_ACCESS_KEY_ID=...", "AWS_SECRET_ACCESS_KEY=..."
  std::vector<std::string> env() const;
};

// One request to moto as an unchecked client would make it (auth must be relaxed): a syntactically valid
// but unverified SigV4 Authorization header naming `service`, so moto routes it. Much cheaper than a
// process of the awscli; used only to set accounts up, never to check cdrun. Returns the HTTP status
// and puts the body in `body`.
long moto_request(const MotoServer& moto, const std::string& method, const std::string& path, const std::string& service,
                  const std::string& content, std::string& body);
// The text between the first `open` and the `close` after it ("" when either is missing): a value
// out of an XML answer.
std::string between(const std::string& text, const std::string& open, const std::string& close);
// An IAM Query API call (Version 2010-05-08) with the given parameters (values are encoded here);
// fails the test unless moto answers 200. Returns the XML.
std::string moto_iam(const MotoServer& moto, const std::vector<std::pair<std::string, std::string>>& parameters);
// Creates an S3 bucket and puts one object `key` holding `content` into it.
void moto_bucket_with_object(const MotoServer& moto, const std::string& bucket, const std::string& key,
                             const std::string& content);

// With auth relaxed: the user, its access key, the role trusting the user and the user's AssumeOnly
// policy (a separate put-user-policy, as moto's auth checker needs). `extra_user_actions` are added to
// the user's policy on "*" (e.g. codedeploy:RegisterOnPremisesInstance). Leaves auth relaxed.
OnPremUser create_onprem_account(const MotoServer& moto, const std::vector<std::string>& extra_user_actions = {});

// Runs the awscli and fails the test (with its output) unless it exits 0; returns stdout.
std::string aws_ok(const MotoServer& moto, const std::vector<std::string>& args, const std::vector<std::string>& env = {});

// Removes every AWS_* and proxy variable from this process's environment and points HOME at `home`,
// so cdrun (which inherits it through run_cdrun) can only read what a test passes explicitly.
void isolate_environment(const std::string& home);

std::string read_file(const std::string& path);
bool file_exists(const std::string& path);
mode_t mode_of(const std::string& path);  // permission bits, or 07777 when the file is missing

// Names in `dir` that look like leftovers of an atomic write (".NAME.tmp-XXXXXX").
std::vector<std::string> temp_files_in(const std::string& dir);

// A loopback TCP port that refuses connections for as long as the object lives (bound, not listening).
class RefusingPort {
 public:
  RefusingPort();
  ~RefusingPort();
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A program started in the background (environment: ours plus `env`), stdout and stderr going to
// files `output_prefix`.out / .err; killed and reaped if still running when the object goes away.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::string& path, const std::vector<std::string>& args, const std::vector<std::string>& env,
                    const std::string& output_prefix);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;
  // Sends `signal` and waits up to `limit_seconds` for the exit: its status (128+N for signal N), or -1.
  int stop(int signal, int limit_seconds);
  bool running();
  std::string out() const;
  std::string err() const;

 private:
  std::string out_, err_;
  pid_t pid_ = -1;
};

// The value of `key` in the [default] section of an AWS credentials file ("" when absent).
std::string credentials_value(const std::string& credentials_text, const std::string& key);

}  // namespace cdrun::testing
