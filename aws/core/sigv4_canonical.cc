// The canonical request of SigV4 step 1, built the way AWS's published SigV4 test suite expects for
// services other than S3 (normalized path, each segment encoded once, sorted query and headers).
#include "aws/core/sigv4_signer.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

namespace cdrun::aws {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Leading and trailing blanks go, and every inner run of blanks becomes one space ("a   b" -> "a b").
std::string trimmed_value(const std::string& value) {
  std::string out;
  bool pending_space = false;
  for (char c : value) {
    if (is_blank(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

// RFC 3986 dot-segment removal plus collapsed repeated slashes ("//example//" -> "/example/"); each
// remaining segment is percent-encoded once.
std::string canonical_uri(const std::string& path) {
  std::vector<std::string> segments;
  bool trailing_slash = false;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string segment = path.substr(start, end - start);
    const bool last = end == path.size();
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    if (last) trailing_slash = segment.empty() || segment == "." || segment == "..";
    start = end + 1;
  }
  std::string uri;
  for (const std::string& segment : segments) uri += "/" + percent_encode(segment);
  if (uri.empty() || trailing_slash) uri += "/";
  return uri;
}

// Parameters encoded, then sorted by encoded name and, for repeated names, by encoded value.
std::string canonical_query(const std::string& query) {
  std::vector<std::pair<std::string, std::string>> parameters;
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string pair = query.substr(start, end - start);
    if (!pair.empty()) {
      const std::size_t equals = pair.find('=');
      const std::string name = pair.substr(0, equals);
      const std::string value = equals == std::string::npos ? "" : pair.substr(equals + 1);
      parameters.emplace_back(percent_encode(percent_decode(name)), percent_encode(percent_decode(value)));
    }
    start = end + 1;
  }
  std::sort(parameters.begin(), parameters.end());
  std::string out;
  for (const auto& [name, value] : parameters) out += (out.empty() ? "" : "&") + name + "=" + value;
  return out;
}

// Lowercased name -> its values in request order, trimmed; std::map keeps the names sorted.
std::map<std::string, std::vector<std::string>> grouped_headers(const RequestToSign& request) {
  std::map<std::string, std::vector<std::string>> headers;
  for (const auto& [name, value] : request.headers) headers[lowercase(name)].push_back(trimmed_value(value));
  return headers;
}

}  // namespace

// The service decodes the query it reads off the wire and encodes it again, so an already encoded
// "%2F" must sign as "%2F", not "%252F". A '%' not followed by two hex digits stays a literal '%'.
std::string percent_decode(const std::string& value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '%' && i + 2 < value.size() && hex_value(value[i + 1]) >= 0 && hex_value(value[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(value[i + 1]) * 16 + hex_value(value[i + 2]));
      i += 2;
    } else {
      out += value[i];
    }
  }
  return out;
}

std::string signed_headers(const RequestToSign& request) {
  std::string out;
  for (const auto& entry : grouped_headers(request)) out += (out.empty() ? "" : ";") + entry.first;
  return out;
}

std::string canonical_request(const RequestToSign& request, bool s3) {
  std::string headers;
  const auto headers_by_name = grouped_headers(request);
  for (const auto& [name, values] : headers_by_name) {
    headers += name + ":";
    for (std::size_t i = 0; i < values.size(); ++i) headers += (i == 0 ? "" : ",") + values[i];
    headers += "\n";
  }
  const std::string uri = !s3 ? canonical_uri(request.path) : request.path.empty() ? "/" : request.path;
  std::string payload = sha256_hex(request.body);
  if (s3) {
    const auto told = headers_by_name.find("x-amz-content-sha256");
    if (told != headers_by_name.end() && !told->second.empty()) payload = told->second.front();
  }
  return request.method + "\n" + uri + "\n" + canonical_query(request.query) + "\n" + headers + "\n" +
         signed_headers(request) + "\n" + payload;
}

}  // namespace cdrun::aws
