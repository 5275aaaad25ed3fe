// GitHub bundle locations (agent-behavior.md §7.3, line 676; agent2-behavior.md §1.3), parsed after
// codedeploy-local 1.8's rule where it has one:
//   https://github.com/<owner>/<repo>                          commit HEAD
//   https://<host ending in github.com>/repos/<owner>/<repo>/<tarball|zipball>/<commit>
// and agent 2.x's additions, which 1.8 did not refuse but could not download (it took everything after
// the owner as the repository name): https://github.com/<owner>/<repo>/tree/<ref> and /commit/<ref>,
// and a trailing ".git" on the repository name. Like agent 2, a ref may hold '/' (feature/x).
// cdrun refuses with 1.8's sentence what 1.8 accepted only to fail in the download: an empty owner,
// repository or commit, and any other github.com path (/blob/x, /pulls) or api segment than
// tarball|zipball.
#pragma once

#include <optional>
#include <string>

namespace cdrun {

struct GithubLocation {
  std::string owner;
  std::string repository;  // without ".git"
  std::string commit;      // "HEAD", a sha, a branch or a tag, as written: BUNDLE_COMMIT
};

struct GithubLocationParse {
  std::optional<GithubLocation> location;
  std::string error;  // 1.8's "github location <l> not in the expected format of ..." sentence
};

// True when codedeploy-local 1.8 takes `location` for GitHub: scheme https (any case) and a host
// ending in "github.com" (as Ruby's String#end_with?, so case-sensitive).
bool is_github_location(const std::string& location);

GithubLocationParse parse_github_location(const std::string& location);

// "github.com/<owner>/<repo> at <commit>": how messages name what was asked for.
std::string github_location_text(const GithubLocation& location);

// The archive's URL: <api_base>/repos/<owner>/<repo>/<tarball|zipball>/<commit>, tarball for type
// "tar" and zipball otherwise (1.8 and agent 2 choose by -t, not by the location's own segment).
std::string github_archive_url(const std::string& api_base, const GithubLocation& location, const std::string& type);

// The archive type 1.8 asks GitHub for: -t when it is zip or tar, else zip (agent-behavior.md §7.3).
std::string github_bundle_type(const std::string& type);

}  // namespace cdrun
