// `cdrun deploy|plan|validate` with GitHub bundle locations, against the loopback stand-in for
// GitHub's archive API (github_bundle_e2e_support.h: GitHub itself cannot be reached from here).
// Expected messages are codedeploy-local 1.8's where it has one (agent-behavior.md §7.3), else
// written by hand from what the message must say: the location and what to do.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/aws/github_bundle_e2e_support.h"

namespace cdrun::testing {
namespace {

using cdrun::e2e::Outcome;
using ::testing::HasSubstr;
using ::testing::Not;

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

TEST_F(GithubBundleE2E, TheRepositoryPageDeploysItsHeadWithoutTheArchivesTopDirectory) {
  // An inherited BUNDLE_COMMIT is replaced by the revision's, as the agent sets it.
  const Outcome run = deploy({"-l", "https://github.com/acme/web"}, {"BUNDLE_COMMIT=inherited"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("Local deployment successful"));
  EXPECT_EQ(read_file(dest() + "/index.html"), "<h1>from git</h1>\n");
  EXPECT_FALSE(file_exists(dest() + "/" + prefix()));
  EXPECT_EQ(read_file(commit_file()), "HEAD");
  // -t defaults to directory, which 1.8 turns into zip: the zipball, through the redirect.
  const std::vector<ArchiveRequest> seen = requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].path, "/repos/acme/web/zipball/HEAD");
  EXPECT_EQ(seen[0].user_agent, "cdrun/0.1.0");
  EXPECT_EQ(seen[1].path, "/codeload/acme/web/legacy.zip/HEAD");
  EXPECT_EQ(seen[1].host, "localhost:" + std::to_string(server.port()));
}

TEST_F(GithubBundleE2E, AnApiLocationWithTarGetsTheTarballWhateverItsOwnSegmentSays) {
  const Outcome run = deploy({"-l", "https://api.github.com/repos/acme/web/zipball/" + sha, "-t", "tar"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(read_file(dest() + "/index.html"), "<h1>from git</h1>\n");
  EXPECT_EQ(read_file(commit_file()), sha);
  ASSERT_FALSE(requests().empty());
  EXPECT_EQ(requests()[0].path, "/repos/acme/web/tarball/" + sha);
}

TEST_F(GithubBundleE2E, ValidateOfTheLocationSaysWhatValidateOfTheSameArchiveSays) {
  const Outcome remote = validate({"https://github.com/acme/web"});
  const Outcome local = validate({zipball()});
  EXPECT_EQ(remote.exit_code, local.exit_code) << remote.err;
  EXPECT_EQ(remote.exit_code, 0) << remote.out << remote.err;
  EXPECT_THAT(remote.out, HasSubstr("\"" + prefix() + "\""));  // the top directory is the bundle root
  EXPECT_EQ(remote.out, replaced(local.out, zipball(), "https://github.com/acme/web"));
  EXPECT_THAT(remote.out, Not(HasSubstr("cdrun-fetch-")));

  const Outcome remote_tar = validate({"https://github.com/acme/web/tree/main", "-t", "tar"});
  const Outcome local_tar = validate({tarball(), "-t", "tar"});
  EXPECT_EQ(remote_tar.exit_code, 0) << remote_tar.out << remote_tar.err;
  EXPECT_EQ(remote_tar.out, replaced(local_tar.out, tarball(), "https://github.com/acme/web/tree/main"));
}

TEST_F(GithubBundleE2E, PlanReadsTheDownloadedRevisionAndNamesTheLocation) {
  const Outcome run = cdrun::e2e::run_cdrun({"plan", "--root-dir", root(), "-l", "https://github.com/acme/web"},
                                            server_env());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("bundle: https://github.com/acme/web (zip)"));
  EXPECT_THAT(run.out, HasSubstr("top-level directory \"" + prefix() + "\" stripped"));
  EXPECT_THAT(run.out, HasSubstr("site/index.html -> " + dest()));
  EXPECT_THAT(run.out, HasSubstr("script: scripts/record_commit.sh"));
  EXPECT_THAT(run.out, Not(HasSubstr("cdrun-fetch-")));
  EXPECT_TRUE(deployment_dirs().empty());
}

TEST_F(GithubBundleE2E, APrivateRepositoryNeedsTheTokenWhichIsNeverShownNorSentToCodeload) {
  const Outcome without = deploy({"-l", "https://github.com/acme/private-web"});
  EXPECT_EQ(without.exit_code, 1);
  EXPECT_THAT(without.out,
              HasSubstr("ERROR: cannot download github.com/acme/private-web at HEAD: GitHub has no repository "
                        "acme/private-web with a commit HEAD (HTTP 404); check the owner, repository and commit, and "
                        "for a private repository set GITHUB_TOKEN or pass --github-token\n"));
  EXPECT_FALSE(file_exists(dest() + "/index.html"));
  EXPECT_TRUE(deployment_dirs().empty());

  const Outcome with = deploy({"-l", "https://github.com/acme/private-web"}, {"GITHUB_TOKEN=" + kPrivateToken});
  EXPECT_EQ(with.exit_code, 0) << with.out << with.err;
  EXPECT_EQ(read_file(dest() + "/index.html"), "<h1>from git</h1>\n");
  expect_token_nowhere(with);
  for (const ArchiveRequest& request : requests()) {
    if (request.path.rfind("/codeload/", 0) == 0) {
      EXPECT_FALSE(request.authorization) << request.path;
    }
  }
  EXPECT_TRUE(requests()[requests().size() - 2].authorization);  // the API request that worked

  const Outcome option = validate({"https://github.com/acme/private-web", "--github-token", kPrivateToken});
  EXPECT_EQ(option.exit_code, 0) << option.out << option.err;
  expect_token_nowhere(option);
  // An empty option means no token, whatever the environment holds.
  const Outcome emptied = validate({"https://github.com/acme/private-web", "--github-token", ""},
                                   {"GITHUB_TOKEN=" + kPrivateToken});
  EXPECT_THAT(emptied.err, HasSubstr("(HTTP 404)"));
  const Outcome deploy_emptied = deploy({"-l", "https://github.com/acme/private-web", "--github-token="},
                                        {"CODEDEPLOY_GITHUB_TOKEN=" + kPrivateToken});
  EXPECT_THAT(deploy_emptied.out, HasSubstr("(HTTP 404)"));
}

TEST_F(GithubBundleE2E, AWrongTokenIsRefusedWithoutBeingPrinted) {
  const std::string wrong = "ghp_wrongTokenAlsoNeverPrinted";
  const Outcome run = deploy({"-l", "https://github.com/acme/web", "--github-token", wrong});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("ERROR: cannot download github.com/acme/web at HEAD: GitHub refused the token given "
                                 "(HTTP 401)"));
  EXPECT_EQ(run.out.find(wrong), std::string::npos);
  EXPECT_EQ(run.err.find(wrong), std::string::npos);
}

TEST_F(GithubBundleE2E, AServerErrorOnceIsRetried) {
  const Outcome run = deploy({"-l", "https://github.com/acme/flaky-web"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(read_file(dest() + "/index.html"), "<h1>from git</h1>\n");
  ASSERT_EQ(requests().size(), 3u);  // 500, then 302 and the archive
  EXPECT_EQ(requests()[0].path, requests()[1].path);
}

TEST_F(GithubBundleE2E, ARateLimitSaysToSetAToken) {
  const Outcome run = deploy({"-l", "https://github.com/acme/busy-web"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("ERROR: cannot download github.com/acme/busy-web at HEAD: GitHub's API rate limit is "
                                 "used up (HTTP 403, x-ratelimit-remaining: 0); set GITHUB_TOKEN or pass "
                                 "--github-token for a higher limit, or wait until it resets\n"));
  EXPECT_EQ(requests().size(), 1u);  // not retried
  EXPECT_TRUE(deployment_dirs().empty());
}

TEST_F(GithubBundleE2E, AMalformedLocationGetsTheAgentsSentenceAndExitCode) {
  const std::string expected =
      "github location https://github.com/acme not in the expected format of "
      "'https://github.com/<owner>/<repository_name>'(assumes HEAD commit) or "
      "'https://api.github.com/repos/<owner>/<repository_name>/tarball/<commit>' or "
      "'https://api.github.com/repos/<owner>/<repository_name>/zipball/<commit>'";
  const Outcome run = deploy({"-l", "https://github.com/acme"});
  const Outcome missing = deploy({"-l", home.path() + "/no-such-bundle"});
  EXPECT_EQ(run.exit_code, missing.exit_code);
  EXPECT_THAT(run.out, HasSubstr("ERROR: " + expected + "\n"));
  const Outcome checked = validate({"https://github.com/acme"});
  EXPECT_EQ(checked.exit_code, 2);
  EXPECT_THAT(checked.err, HasSubstr(expected));
  const Outcome other_host = deploy({"-l", "https://gitlab.com/acme/web"});
  EXPECT_THAT(other_host.out, HasSubstr("ERROR: unknown location https://gitlab.com/acme/web cannot be determined to be "
                                        "S3, Github, or a local file / directory\n"));
  EXPECT_TRUE(requests().empty());
}

}  // namespace
}  // namespace cdrun::testing
