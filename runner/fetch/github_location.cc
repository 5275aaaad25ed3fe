#include "runner/fetch/github_location.h"

#include <cctype>
#include <vector>

namespace cdrun {
namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

struct HostAndPath {
  std::string host;
  std::string path;  // without query or fragment, as Ruby's URI#path
};

// nullopt unless `location` is https://host[/path]; the userinfo and port are not part of the host.
std::optional<HostAndPath> split_https(const std::string& location) {
  const size_t colon = location.find("://");
  if (colon == std::string::npos || lower(location.substr(0, colon)) != "https") return std::nullopt;
  std::string rest = location.substr(colon + 3);
  rest = rest.substr(0, rest.find_first_of("?#"));
  const size_t slash = rest.find('/');
  HostAndPath parts;
  std::string authority = rest.substr(0, slash);
  if (const size_t at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  parts.host = authority.substr(0, authority.find(':'));
  parts.path = slash == std::string::npos ? "" : rest.substr(slash);
  return parts;
}

// The path's segments, empty ones dropped as agent 2 does ("/o//r/" gives o, r).
std::vector<std::string> segments_of(const std::string& path) {
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

// Segments from `first` on joined with '/': a ref such as feature/x.
std::string joined_from(const std::vector<std::string>& segments, size_t first) {
  std::string joined;
  for (size_t i = first; i < segments.size(); ++i) joined += (joined.empty() ? "" : "/") + segments[i];
  return joined;
}

std::string without_git_suffix(const std::string& repository) {
  return ends_with(repository, ".git") ? repository.substr(0, repository.size() - 4) : repository;
}

std::optional<GithubLocation> from_web_path(const std::vector<std::string>& segments) {
  if (segments.size() < 2) return std::nullopt;
  GithubLocation parsed{segments[0], without_git_suffix(segments[1]), "HEAD"};
  if (segments.size() > 2) {
    if ((segments[2] != "tree" && segments[2] != "commit") || segments.size() < 4) return std::nullopt;
    parsed.commit = joined_from(segments, 3);
  }
  return parsed;
}

std::optional<GithubLocation> from_api_path(const std::vector<std::string>& segments) {
  if (segments.size() < 5 || segments[0] != "repos") return std::nullopt;
  if (segments[3] != "tarball" && segments[3] != "zipball") return std::nullopt;
  return GithubLocation{segments[1], without_git_suffix(segments[2]), joined_from(segments, 4)};
}

}  // namespace

bool is_github_location(const std::string& location) {
  const std::optional<HostAndPath> parts = split_https(location);
  return parts && ends_with(parts->host, "github.com");
}

GithubLocationParse parse_github_location(const std::string& location) {
  GithubLocationParse parse;
  const std::optional<HostAndPath> parts = split_https(location);
  if (parts) {
    const std::vector<std::string> segments = segments_of(parts->path);
    // 1.8 reads github.com's paths as owner/repo and every other *github.com host's as the API's.
    parse.location = parts->host == "github.com" ? from_web_path(segments) : from_api_path(segments);
    if (parse.location && parse.location->repository.empty()) parse.location.reset();
  }
  if (!parse.location) {
    parse.error = "github location " + location +
                  " not in the expected format of 'https://github.com/<owner>/<repository_name>'(assumes HEAD "
                  "commit) or 'https://api.github.com/repos/<owner>/<repository_name>/tarball/<commit>' or "
                  "'https://api.github.com/repos/<owner>/<repository_name>/zipball/<commit>'";
  }
  return parse;
}

std::string github_location_text(const GithubLocation& location) {
  return "github.com/" + location.owner + "/" + location.repository + " at " + location.commit;
}

std::string github_bundle_type(const std::string& type) { return type == "tar" ? "tar" : "zip"; }

std::string github_archive_url(const std::string& api_base, const GithubLocation& location, const std::string& type) {
  std::string base = api_base;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/repos/" + location.owner + "/" + location.repository + "/" +
         (github_bundle_type(type) == "tar" ? "tarball" : "zipball") + "/" + location.commit;
}

}  // namespace cdrun
