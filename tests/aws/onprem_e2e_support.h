// The fixture of the cdrun onprem end-to-end tests: a private moto with the on-premises account set up
// and auth enforced, a scratch HOME and configuration directory, and cdrun runs that see only the
// environment a test passes.
#pragma once

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/aws/onprem_test_support.h"

namespace cdrun::testing {

class OnPremE2E : public ::testing::Test {
 protected:
  OnPremE2E();
  void SetUp() override;
  // Actions granted to the user on "*" besides sts:AssumeRole on the role (override to add).
  virtual std::vector<std::string> extra_user_actions() const { return {}; }

  // AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE pointing at empty files, so no machine file is read.
  std::vector<std::string> isolated_files_env() const;
  // The user's keys in the environment, plus isolated_files_env().
  std::vector<std::string> user_env() const;
  std::vector<std::string> configure_args(const std::string& session = "host1") const;
  cdrun::e2e::Outcome configure(const std::vector<std::string>& extra_args = {},
                                const std::vector<std::string>& env = {}) const;  // env "" = user_env()
  cdrun::e2e::Outcome renew(const std::vector<std::string>& extra_args = {}, const std::vector<std::string>& env = {}) const;

  std::string credentials_path() const { return conf + "/credentials"; }
  std::string yml_path() const { return conf + "/codedeploy.onpremises.yml"; }
  std::string state_path() const { return conf + "/cdrun-onprem.json"; }
  // The awscli with the written credentials file as its only credentials.
  cdrun::e2e::Outcome aws_as_session(const std::vector<std::string>& args) const;

  // Fails the test when any secret (the user's secret, the session secret/token in the credentials
  // file right now, the full user key id) appears in `run`'s output.
  void expect_no_secrets(const cdrun::e2e::Outcome& run) const;

  cdrun::e2e::TempDir home;
  std::string conf;  // home/conf
  MotoServer moto;
  OnPremUser user;
};

struct FileSnapshot {
  std::string content;
  ino_t inode = 0;
  mode_t mode = 0;
  bool operator==(const FileSnapshot& other) const {
    return content == other.content && inode == other.inode && mode == other.mode;
  }
};
FileSnapshot snapshot(const std::string& path);

}  // namespace cdrun::testing
