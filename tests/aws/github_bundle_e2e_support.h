// The fixture of the GitHub bundle location tests. GitHub itself cannot be reached from the test
// machines: tests/aws/github_archive_server.py stands in for it on loopback HTTPS (its header says
// what it emulates), with a certificate for both 127.0.0.1 and localhost, so that its 302 from the
// API (127.0.0.1) to the codeload path (localhost) crosses hosts as api.github.com -> codeload does.
// The archives are real: `git archive --prefix=<owner>-<repo>-<sha7>/` of a git repository made
// here, tar.gz for the tarball and zip for the zipball, as GitHub builds them.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/aws/onprem_test_support.h"
#include "tests/aws/tls_test_server.h"

namespace cdrun::testing {

inline const std::string kPrivateToken = "ghp_e2eTestTokenThatMustNeverBePrinted";

// One request the server saw.
struct ArchiveRequest {
  std::string path;
  std::string host;
  std::string user_agent;
  bool authorization = false;
};

class GithubBundleE2E : public ::testing::Test {
 protected:
  void SetUp() override;

  // The API base and CA cdrun needs to reach the server, plus `extra`.
  std::vector<std::string> server_env(const std::vector<std::string>& extra = {}) const;
  cdrun::e2e::Outcome deploy(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) const;
  cdrun::e2e::Outcome validate(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) const;
  std::vector<ArchiveRequest> requests() const;
  // The deployment directories under root()'s default group (none when a deployment failed early).
  std::vector<std::string> deployment_dirs() const;
  // No output, deployment root file or log holds the token.
  void expect_token_nowhere(const cdrun::e2e::Outcome& run) const;

  std::string dest() const { return home.path() + "/dest"; }
  std::string root() const { return home.path() + "/root"; }
  std::string commit_file() const { return home.path() + "/bundle-commit.txt"; }
  std::string tarball() const { return home.path() + "/legacy.tar.gz"; }
  std::string zipball() const { return home.path() + "/legacy.zip"; }
  std::string prefix() const { return "acme-web-" + sha.substr(0, 7) + "/"; }

  cdrun::e2e::TempDir home;
  TlsTestServer server;
  std::string sha;  // the repository's one commit
};

}  // namespace cdrun::testing
