// GitHub bundle locations as codedeploy-local 1.8 reads them (agent-behavior.md §7.3 and line 676:
// github.com/<owner>/<repo> with commit HEAD, api.github.com/repos/<owner>/<repo>/<tarball|zipball>/
// <commit>), with agent 2.x's /tree/<ref>, /commit/<ref> and ".git" (agent2-behavior.md §1.3), the
// BundleType rule (-t when zip or tar, else zip) and the token's sources. Expected values are
// written from those rules by hand.
#include <gtest/gtest.h>

#include <map>

#include "runner/cli/deploy_checks.h"
#include "runner/fetch/github_fetch.h"
#include "runner/fetch/github_location.h"

namespace cdrun {
namespace {

const std::string kFormatTail =
    " not in the expected format of 'https://github.com/<owner>/<repository_name>'(assumes HEAD commit) or "
    "'https://api.github.com/repos/<owner>/<repository_name>/tarball/<commit>' or "
    "'https://api.github.com/repos/<owner>/<repository_name>/zipball/<commit>'";

GithubLocation parsed(const std::string& location) {
  const GithubLocationParse parse = parse_github_location(location);
  EXPECT_TRUE(parse.location) << location << ": " << parse.error;
  return parse.location.value_or(GithubLocation{});
}

void expect_location(const std::string& location, const std::string& owner, const std::string& repository,
                     const std::string& commit) {
  const GithubLocation got = parsed(location);
  EXPECT_EQ(got.owner, owner) << location;
  EXPECT_EQ(got.repository, repository) << location;
  EXPECT_EQ(got.commit, commit) << location;
}

TEST(GithubLocation, TheRepositoryPageMeansItsHeadCommit) {
  expect_location("https://github.com/acme/web-app", "acme", "web-app", "HEAD");
  expect_location("https://github.com/acme/web-app/", "acme", "web-app", "HEAD");
  expect_location("https://github.com/acme/web-app.git", "acme", "web-app", "HEAD");
  expect_location("https://github.com/acme/web-app?tab=readme#top", "acme", "web-app", "HEAD");
  expect_location("HTTPS://github.com/acme/web-app", "acme", "web-app", "HEAD");
}

TEST(GithubLocation, TreeAndCommitPagesNameTheirRefAsAgent2ReadsThem) {
  expect_location("https://github.com/acme/web-app/tree/main", "acme", "web-app", "main");
  expect_location("https://github.com/acme/web-app/tree/feature/login", "acme", "web-app", "feature/login");
  expect_location("https://github.com/acme/web-app/commit/0123456789abcdef0123456789abcdef01234567", "acme", "web-app",
                  "0123456789abcdef0123456789abcdef01234567");
}

TEST(GithubLocation, TheArchiveApiNamesOwnerRepositoryAndCommit) {
  expect_location("https://api.github.com/repos/acme/web-app/tarball/v1.2.0", "acme", "web-app", "v1.2.0");
  expect_location("https://api.github.com/repos/acme/web-app/zipball/abc1234", "acme", "web-app", "abc1234");
  expect_location("https://api.github.com/repos/acme/web-app.git/zipball/release/2", "acme", "web-app", "release/2");
}

TEST(GithubLocation, AnythingElseOnAGithubHostGetsTheAgentsSentence) {
  for (const std::string location :
       {"https://github.com/acme", "https://github.com/", "https://github.com", "https://github.com/acme/.git",
        "https://github.com/acme/web-app/blob/main/README.md", "https://github.com/acme/web-app/tree/",
        "https://api.github.com/repos/acme/web-app", "https://api.github.com/repos/acme/web-app/tarball",
        "https://api.github.com/repos/acme/web-app/archive/main", "https://api.github.com/users/acme/web-app/x/y"}) {
    const GithubLocationParse parse = parse_github_location(location);
    EXPECT_FALSE(parse.location) << location;
    EXPECT_EQ(parse.error, "github location " + location + kFormatTail);
  }
}

TEST(GithubLocation, OnlyHttpsHostsEndingInGithubComAreGithubs) {
  EXPECT_TRUE(is_github_location("https://github.com/a/b"));
  EXPECT_TRUE(is_github_location("https://api.github.com/repos/a/b/tarball/c"));
  EXPECT_TRUE(is_github_location("https://ghe.example.github.com/repos/a/b/tarball/c"));
  EXPECT_FALSE(is_github_location("https://gitlab.com/a/b"));
  EXPECT_FALSE(is_github_location("https://github.com.example.org/a/b"));
  EXPECT_FALSE(is_github_location("s3://github.com/a/b"));
  EXPECT_FALSE(is_github_location("/srv/github.com/a/b"));
}

TEST(GithubLocation, TheArchiveTypeIsTarForTarAndZipOtherwise) {
  EXPECT_EQ(github_bundle_type("tar"), "tar");
  EXPECT_EQ(github_bundle_type("zip"), "zip");
  EXPECT_EQ(github_bundle_type("tgz"), "zip");
  EXPECT_EQ(github_bundle_type("directory"), "zip");
  const GithubLocation location{"acme", "web-app", "HEAD"};
  EXPECT_EQ(github_archive_url("https://api.github.com", location, "tar"),
            "https://api.github.com/repos/acme/web-app/tarball/HEAD");
  EXPECT_EQ(github_archive_url("https://127.0.0.1:8443/", location, "directory"),
            "https://127.0.0.1:8443/repos/acme/web-app/zipball/HEAD");
}

TEST(GithubLocation, TheTokenComesFromTheOptionThenGithubTokenThenTheAgentsVariable) {
  std::map<std::string, std::string> vars;
  const aws::EnvLookup env = [&vars](const std::string& name) -> std::optional<std::string> {
    const auto found = vars.find(name);
    if (found == vars.end()) return std::nullopt;
    return found->second;
  };
  EXPECT_EQ(github_token(std::nullopt, env), "");
  vars["CODEDEPLOY_GITHUB_TOKEN"] = "agent";
  EXPECT_EQ(github_token(std::nullopt, env), "agent");
  vars["GITHUB_TOKEN"] = "github";
  EXPECT_EQ(github_token(std::nullopt, env), "github");
  EXPECT_EQ(github_token(std::string("option"), env), "option");
  EXPECT_EQ(github_token(std::string(""), env), "");  // an empty option: no token at all
  vars["GITHUB_TOKEN"] = "";
  EXPECT_EQ(github_token(std::nullopt, env), "");
  EXPECT_EQ(github_api_base(env), "https://api.github.com");
  vars["CDRUN_GITHUB_API_URL"] = "https://ghe.example.com/api/v3";
  EXPECT_EQ(github_api_base(env), "https://ghe.example.com/api/v3");
}

TEST(GithubLocation, DeployTakesAnyTypeAndAsksForZipUnlessTar) {
  DeployOptions options;
  options.bundle_location = "https://github.com/acme/web-app";
  DeployCheck check = check_deploy_options(options, "/");
  ASSERT_TRUE(check.bundle) << check.error;
  ASSERT_TRUE(check.bundle->remote);
  EXPECT_EQ(check.bundle->type, "zip");
  EXPECT_EQ(std::get<GithubLocation>(check.bundle->remote->where).commit, "HEAD");
  EXPECT_EQ(remote_bundle_variables(*check.bundle->remote), std::vector<std::string>{"BUNDLE_COMMIT=HEAD"});
  options.type = "tar";
  options.github_token = "t0k3n";
  check = check_deploy_options(options, "/");
  ASSERT_TRUE(check.bundle) << check.error;
  EXPECT_EQ(check.bundle->type, "tar");
  EXPECT_EQ(check.bundle->remote->github_token, "t0k3n");
  EXPECT_EQ(check.bundle->remote->user_agent, "cdrun/0.1.0");
}

TEST(GithubLocation, ARevisionReplacesOnlyTheInheritedVariablesItsKindSets) {
  const RemoteBundle github{GithubLocation{"acme", "web-app", "v2"}, "zip", "", ""};
  EXPECT_EQ(remote_bundle_variables(github), std::vector<std::string>{"BUNDLE_COMMIT=v2"});
  EXPECT_TRUE(is_remote_bundle_variable(github, "BUNDLE_COMMIT"));
  EXPECT_FALSE(is_remote_bundle_variable(github, "BUNDLE_KEY"));
  const RemoteBundle s3{S3Location{"b", "k.zip", "", ""}, "zip", "", ""};
  EXPECT_EQ(remote_bundle_variables(s3), (std::vector<std::string>{"BUNDLE_BUCKET=b", "BUNDLE_KEY=k.zip"}));
  for (const char* name : {"BUNDLE_BUCKET", "BUNDLE_KEY", "BUNDLE_VERSION", "BUNDLE_ETAG"})
    EXPECT_TRUE(is_remote_bundle_variable(s3, name)) << name;
  EXPECT_FALSE(is_remote_bundle_variable(s3, "BUNDLE_COMMIT"));
}

TEST(GithubLocation, DeployRefusesAMalformedOneAndOtherHttpsHostsWithTheAgentsMessages) {
  DeployOptions options;
  options.bundle_location = "https://github.com/acme";
  EXPECT_EQ(check_deploy_options(options, "/").error, "github location https://github.com/acme" + kFormatTail);
  options.bundle_location = "https://gitlab.com/acme/web-app";
  EXPECT_EQ(check_deploy_options(options, "/").error,
            "unknown location https://gitlab.com/acme/web-app cannot be determined to be S3, Github, or a local file "
            "/ directory");
  // The agent's CLIValidator checks the events before the spec builder reads the location.
  options.bundle_location = "https://github.com/acme";
  options.events = "ApplicationStart,DownloadBundle";
  EXPECT_EQ(check_deploy_options(options, "/").error,
            "The only events that can be specified before DownloadBundle are BeforeBlockTraffic,AfterBlockTraffic,"
            "ApplicationStop. Please fix the order of your specified events: ApplicationStart,DownloadBundle");
}

}  // namespace
}  // namespace cdrun
