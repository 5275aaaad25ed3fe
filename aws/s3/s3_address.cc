#include "aws/s3/s3_address.h"

#include "aws/core/sigv4_signer.h"

namespace cdrun::aws {
namespace {

bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

std::string s3_encode_key(const std::string& key) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = key.find('/', start);
    out += percent_encode(key.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) return out;
    out += '/';
    start = slash + 1;
  }
}

bool s3_virtual_host_bucket(const std::string& bucket) {
  if (bucket.size() < 3 || bucket.size() > 63) return false;
  if (!lower_alnum(bucket.front()) || !lower_alnum(bucket.back())) return false;
  for (char c : bucket)
    if (!lower_alnum(c) && c != '-') return false;
  return true;
}

S3Address s3_object_address(const std::string& endpoint, bool custom, const std::string& bucket,
                            const std::string& key) {
  std::string base = endpoint;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string scheme_end = "://";
  const std::size_t host_start = base.find(scheme_end);
  if (!custom && host_start != std::string::npos && s3_virtual_host_bucket(bucket))
    return {base.substr(0, host_start + scheme_end.size()) + bucket + "." + base.substr(host_start + scheme_end.size()),
            "/" + s3_encode_key(key)};
  return {base, "/" + percent_encode(bucket) + "/" + s3_encode_key(key)};
}

std::string s3_etag_without_quotes(const std::string& etag) {
  std::string out;
  for (char c : etag)
    if (c != '"') out += c;
  return out;
}

}  // namespace cdrun::aws
