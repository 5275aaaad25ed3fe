#include "tests/aws/github_bundle_e2e_support.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/aws/s3_bundle_e2e_support.h"

namespace cdrun::testing {
namespace {

std::string git_ok(const std::string& repo, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"-C", repo, "-c", "user.name=cdrun tests", "-c", "user.email=tests@cdrun.invalid"};
  argv.insert(argv.end(), args.begin(), args.end());
  const cdrun::e2e::Outcome run = cdrun::e2e::run_program("/usr/bin/git", argv);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return run.out;
}

}  // namespace

void GithubBundleE2E::SetUp() {
  if (::access("/usr/bin/openssl", X_OK) != 0 || ::access("/usr/bin/git", X_OK) != 0) {
    GTEST_SKIP() << "needs openssl and git";
  }
  isolate_environment(home.path());
  for (const char* name : {"GITHUB_TOKEN", "CODEDEPLOY_GITHUB_TOKEN", "CDRUN_GITHUB_API_URL", "SSL_CERT_FILE"})
    ::unsetenv(name);
  const std::string repo = home.path() + "/web";
  home.write("web/appspec.yml", "version: 0.0\nos: linux\nfiles:\n  - source: site/index.html\n    destination: " +
                                    dest() + "\nhooks:\n  AfterInstall:\n    - location: scripts/record_commit.sh\n");
  home.write("web/site/index.html", "<h1>from git</h1>\n");
  home.write("web/scripts/record_commit.sh", "#!/bin/sh\nprintf '%s' \"$BUNDLE_COMMIT\" > " + commit_file() + "\n",
             0755);
  git_ok(repo, {"init", "-q"});
  git_ok(repo, {"add", "."});
  git_ok(repo, {"commit", "-qm", "the web app"});
  sha = git_ok(repo, {"rev-parse", "HEAD"});
  sha = sha.substr(0, sha.find('\n'));
  git_ok(repo, {"archive", "--format=tar.gz", "--prefix=" + prefix(), "-o", tarball(), "HEAD"});
  git_ok(repo, {"archive", "--format=zip", "--prefix=" + prefix(), "-o", zipball(), "HEAD"});

  const nlohmann::json archives = {{"refs", {"HEAD", "main", sha}}, {"tarball", tarball()}, {"zipball", zipball()}};
  nlohmann::json repos = {{"acme/web", archives}};
  repos["acme/private-web"] = archives;
  repos["acme/private-web"]["token"] = kPrivateToken;
  repos["acme/flaky-web"] = archives;
  repos["acme/flaky-web"]["fail_first"] = 1;
  repos["acme/busy-web"] = archives;
  repos["acme/busy-web"]["rate_limited"] = true;
  home.write("server-config.json", nlohmann::json({{"codeload_host", "localhost"}, {"repos", repos}}).dump());
  ASSERT_EQ(server.start_script(home.path(), std::string(CDRUN_SOURCE_DIR) + "/tests/aws/github_archive_server.py",
                                {home.path() + "/server-config.json", home.path() + "/requests.jsonl"},
                                "IP:127.0.0.1,DNS:localhost"),
            "");
}

std::vector<std::string> GithubBundleE2E::server_env(const std::vector<std::string>& extra) const {
  std::vector<std::string> env{"SSL_CERT_FILE=" + server.cert(),
                               "CDRUN_GITHUB_API_URL=https://127.0.0.1:" + std::to_string(server.port())};
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

cdrun::e2e::Outcome GithubBundleE2E::deploy(const std::vector<std::string>& args,
                                            const std::vector<std::string>& env) const {
  std::vector<std::string> argv{"deploy", "--root-dir", root()};
  argv.insert(argv.end(), args.begin(), args.end());
  return cdrun::e2e::run_cdrun(argv, server_env(env));
}

cdrun::e2e::Outcome GithubBundleE2E::validate(const std::vector<std::string>& args,
                                              const std::vector<std::string>& env) const {
  std::vector<std::string> argv{"validate"};
  argv.insert(argv.end(), args.begin(), args.end());
  return cdrun::e2e::run_cdrun(argv, server_env(env));
}

std::vector<ArchiveRequest> GithubBundleE2E::requests() const {
  std::vector<ArchiveRequest> seen;
  std::ifstream log(home.path() + "/requests.jsonl");
  for (std::string line; std::getline(log, line);) {
    const nlohmann::json request = nlohmann::json::parse(line);
    seen.push_back({request["path"], request["host"], request["user_agent"], request["authorization"]});
  }
  return seen;
}

std::vector<std::string> GithubBundleE2E::deployment_dirs() const {
  return entries_of(root() + "/default-local-deployment-group");
}

void GithubBundleE2E::expect_token_nowhere(const cdrun::e2e::Outcome& run) const {
  EXPECT_EQ(run.out.find(kPrivateToken), std::string::npos);
  EXPECT_EQ(run.err.find(kPrivateToken), std::string::npos);
  const cdrun::e2e::Outcome grep = cdrun::e2e::run_program("/bin/grep", {"-rl", kPrivateToken, root()});
  EXPECT_EQ(grep.out, "") << "the token was written to these files";
}

}  // namespace cdrun::testing
