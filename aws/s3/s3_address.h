// Where an S3 object is asked for. AWS's own endpoints get the virtual-hosted form
// (https://BUCKET.s3.REGION.amazonaws.com/KEY), which every bucket created since 2020 needs; a
// bucket whose name does not fit in a host name (dots, capitals, underscores) and any custom endpoint
// (AWS_ENDPOINT_URL_S3, a test server, an S3-compatible store) get the path style (ENDPOINT/BUCKET/KEY).
#pragma once

#include <string>

namespace cdrun::aws {

struct S3Address {
  std::string endpoint;  // the URL to sign against and connect to: "https://b.s3.us-east-1.amazonaws.com"
  std::string path;      // the path on the wire, percent-encoded: "/releases/app%201.zip" or "/b/releases/..."
};

// `endpoint` is the resolved S3 endpoint (aws/core resolve_endpoint with "S3", "s3"); `custom` is true
// when it came from an option or the environment rather than the regional default.
S3Address s3_object_address(const std::string& endpoint, bool custom, const std::string& bucket,
                            const std::string& key);

// The key as it goes on the wire: every byte but the unreserved ones and '/' percent-encoded.
std::string s3_encode_key(const std::string& key);

// True when `bucket` may be the first label of a host name: 3-63 of [a-z0-9-], starting and ending
// with a letter or digit, no dots (a dotted name breaks the wildcard certificate).
bool s3_virtual_host_bucket(const std::string& bucket);

// An ETag as CodeDeploy and the agent compare it: every '"' removed (S3 sends it quoted).
std::string s3_etag_without_quotes(const std::string& etag);

}  // namespace cdrun::aws
