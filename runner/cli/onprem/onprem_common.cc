#include "runner/cli/onprem/onprem_common.h"

#include <algorithm>
#include <filesystem>

#include "aws/onprem/session_state.h"
#include "runner/cli/cli_error.h"

namespace cdrun::onprem {

std::string describe_identity(const aws::BaseCredentials& base) {
  return "access key " + aws::mask_access_key(base.keys.access_key_id) + " (" + base.source + ")";
}

std::string explain(const aws::AwsFailure& failure, const aws::FailureContext& context,
                    const std::vector<std::string>& secrets) {
  aws::AwsFailure cleaned = failure;
  cleaned.message = aws::redact(cleaned.message, secrets);
  return aws::redact(aws::explain_failure(cleaned, context), secrets);
}

int fail(std::ostream& err, int status, const std::string& message) {
  err << format_cli_error(message) << "\n";
  return status;
}

std::string state_file_in(const std::string& config_dir) {
  return (std::filesystem::path(config_dir) / aws::kSessionStateName).string();
}

std::string absolute_path(const std::string& path) {
  std::error_code ignored;
  return std::filesystem::absolute(path, ignored).lexically_normal().string();
}

}  // namespace cdrun::onprem
