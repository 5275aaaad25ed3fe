#include "tests/aws/onprem_e2e_support.h"

#include <gmock/gmock.h>

namespace cdrun::testing {

using ::testing::HasSubstr;
using ::testing::Not;

OnPremE2E::OnPremE2E() : conf(home.path() + "/conf") {}

void OnPremE2E::SetUp() {
  isolate_environment(home.path());
  home.write("empty-aws-config", "");
  home.write("empty-aws-credentials", "");
  user = create_onprem_account(moto, extra_user_actions());
  moto.enforce_auth();
}

std::vector<std::string> OnPremE2E::isolated_files_env() const {
  return {"AWS_SHARED_CREDENTIALS_FILE=" + home.path() + "/empty-aws-credentials",
          "AWS_CONFIG_FILE=" + home.path() + "/empty-aws-config"};
}

std::vector<std::string> OnPremE2E::user_env() const {
  std::vector<std::string> env = user.env();
  for (const std::string& e : isolated_files_env()) env.push_back(e);
  return env;
}

std::vector<std::string> OnPremE2E::configure_args(const std::string& session) const {
  return {"onprem",       "configure", "--role-arn",   kRoleArn, "--session-name",  session,
          "--region",     "us-east-1", "--config-dir", conf,     "--endpoint-url", moto.endpoint()};
}

cdrun::e2e::Outcome OnPremE2E::configure(const std::vector<std::string>& extra_args,
                                         const std::vector<std::string>& env) const {
  std::vector<std::string> args = configure_args();
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  return cdrun::e2e::run_cdrun(args, env.empty() ? user_env() : env);
}

cdrun::e2e::Outcome OnPremE2E::renew(const std::vector<std::string>& extra_args,
                                     const std::vector<std::string>& env) const {
  std::vector<std::string> args = {"onprem", "renew", "--config-dir", conf};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  return cdrun::e2e::run_cdrun(args, env.empty() ? user_env() : env);
}

cdrun::e2e::Outcome OnPremE2E::aws_as_session(const std::vector<std::string>& args) const {
  return moto.aws(args, {"AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=", "AWS_SHARED_CREDENTIALS_FILE=" +
                                                                          credentials_path()});
}

void OnPremE2E::expect_no_secrets(const cdrun::e2e::Outcome& run) const {
  const std::string credentials = read_file(credentials_path());
  for (const std::string& secret :
       {user.secret_access_key, user.access_key_id, credentials_value(credentials, "aws_secret_access_key"),
        credentials_value(credentials, "aws_session_token")}) {
    if (secret.empty()) continue;
    EXPECT_THAT(run.out, Not(HasSubstr(secret)));
    EXPECT_THAT(run.err, Not(HasSubstr(secret)));
  }
}

FileSnapshot snapshot(const std::string& path) {
  struct stat info {};
  FileSnapshot s;
  if (::stat(path.c_str(), &info) != 0) return s;
  s.content = read_file(path);
  s.inode = info.st_ino;
  s.mode = info.st_mode & 07777;
  return s;
}

}  // namespace cdrun::testing
