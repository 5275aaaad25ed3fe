// An S3 bundle location downloaded into a local archive file: the user's credentials, region and S3
// endpoint resolved as the AWS CLI does (aws/core client_settings: AWS_ENDPOINT_URL_S3 and
// AWS_ENDPOINT_URL included), GetObject with retries, then the agent's ETag check. Every failure is
// one sentence naming the location and what to do, with no secret in it.
#pragma once

#include <string>

#include "aws/core/environment.h"
#include "aws/s3/s3_get_object.h"
#include "runner/fetch/fetch_result.h"
#include "runner/fetch/s3_location.h"

namespace cdrun {

// Downloads `location` into `destination`, which does not exist afterwards when this fails (an ETag
// mismatch included). `env` is the environment the AWS settings are read from.
FetchResult fetch_s3_bundle(const S3Location& location, const std::string& destination, const aws::EnvLookup& env,
                            const aws::S3Retry& retry = {});

// The archive format of a downloaded bundle: from the key's extension (.zip, .tgz/.tar.gz, .tar),
// else from the file's first bytes (zip "PK\3\4", gzip 1f 8b), else tar. "zip", "tgz" or "tar".
std::string fetched_archive_type(const std::string& key, const std::string& file);

}  // namespace cdrun
