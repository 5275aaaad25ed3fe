// What `cdrun push` prints once it has pushed: the S3 object, the revision registered, and the
// command to run next (`aws deploy create-deployment ...`, or `cdrun watch ID` once deployed).
#pragma once

#include <ostream>
#include <string>

#include "runner/publish/publish_revision.h"

namespace cdrun::publish {

// "bucket=B,key=K,bundleType=zip,eTag=E[,version=V]": the awscli's --s3-location shorthand.
std::string s3_location_shorthand(const aws::S3Revision& revision);

// The command a user runs next.
std::string next_command(const PublishRequest& request, const PublishResult& result);

// Text: a few lines for a person. JSON: one object {"s3Object", "revision", "deploymentId"?, "next"}.
void write_push_text(std::ostream& out, const PublishRequest& request, const PublishResult& result);
void write_push_json(std::ostream& out, const PublishRequest& request, const PublishResult& result);

}  // namespace cdrun::publish
