#include "runner/fetch/s3_location.h"

#include <cctype>

#include "aws/core/sigv4_signer.h"

namespace cdrun {
namespace {

// The first value of `name` in "a=1&b=2" (the agent reads the first), %XX-decoded, "" when absent.
// A '+' stays a '+': S3 version ids may hold one.
std::string query_value(const std::string& query, const std::string& name) {
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string pair = query.substr(start, end - start);
    const size_t equals = pair.find('=');
    if (pair.substr(0, equals) == name) return equals == std::string::npos ? "" : aws::percent_decode(pair.substr(equals + 1));
    start = end + 1;
  }
  return "";
}

}  // namespace

bool is_s3_location(const std::string& location) {
  if (location.size() < 3) return false;
  return std::tolower(static_cast<unsigned char>(location[0])) == 's' && location[1] == '3' && location[2] == ':';
}

S3LocationParse parse_s3_location(const std::string& location) {
  S3LocationParse parse;
  const std::string format_error =
      "s3 location " + location + " not in the expected format of 's3://bucket/key'";
  std::string rest = location.substr(3);
  const size_t fragment = rest.find('#');
  if (fragment != std::string::npos) rest.resize(fragment);
  std::string query;
  if (const size_t mark = rest.find('?'); mark != std::string::npos) {
    query = rest.substr(mark + 1);
    rest.resize(mark);
  }
  // "s3:bucket/key" has no authority and so no path to the agent's URI: the same refusal.
  if (rest.rfind("//", 0) != 0) {
    parse.error = format_error;
    return parse;
  }
  const size_t slash = rest.find('/', 2);
  S3Location parsed;
  parsed.bucket = rest.substr(2, slash == std::string::npos ? std::string::npos : slash - 2);
  parsed.key = slash == std::string::npos ? "" : rest.substr(slash + 1);
  // An empty key ("s3://bucket/") passes the agent's check and fails in GetObject; cdrun refuses it
  // here with the same sentence, before anything is created.
  if (parsed.bucket.empty() || parsed.key.empty()) {
    parse.error = format_error;
    return parse;
  }
  parsed.version_id = query_value(query, "versionId");
  parsed.etag = query_value(query, "etag");
  parse.location = parsed;
  return parse;
}

std::string s3_location_text(const S3Location& location) {
  std::string text = "s3://" + location.bucket + "/" + location.key;
  if (!location.version_id.empty()) text += "?versionId=" + location.version_id;
  return text;
}

}  // namespace cdrun
