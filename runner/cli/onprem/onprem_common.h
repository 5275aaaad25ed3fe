// Pieces `cdrun onprem configure` and `cdrun onprem renew` share: how an identity is named in
// messages, and failure reports that never carry a secret.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "aws/core/aws_errors.h"
#include "aws/core/base_credentials.h"

namespace cdrun::onprem {

// Exit statuses of both subcommands.
enum Exit { kOk = 0, kAwsFailure = 1, kConfigError = 2 };

// "access key AKIA****WXYZ (/root/.aws/credentials [default])"
std::string describe_identity(const aws::BaseCredentials& base);

// explain_failure() with every secret in `secrets` blanked out of AWS's text.
std::string explain(const aws::AwsFailure& failure, const aws::FailureContext& context,
                    const std::vector<std::string>& secrets);

// "cdrun: error: <message>" on `err`; returns `status`.
int fail(std::ostream& err, int status, const std::string& message);

// <config-dir>/cdrun-onprem.json
std::string state_file_in(const std::string& config_dir);

// An absolute, lexically normal form of `path` (relative to the working directory).
std::string absolute_path(const std::string& path);

}  // namespace cdrun::onprem
