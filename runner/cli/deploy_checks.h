// codedeploy-local's CLIValidator (agent-behavior.md §7.3), messages verbatim, for local bundles, S3
// locations (§7.1, §3.1: an S3 revision's BundleType must be tar, tgz or zip) and GitHub locations
// (§7.3: their BundleType is -t when zip or tar, else zip).
#pragma once

#include <optional>
#include <string>

#include "appspec/bundle/bundle.h"
#include "runner/layout/agent_config.h"
#include "runner/cli/deploy_options.h"
#include "runner/fetch/fetch_places.h"

namespace cdrun {

struct LocalBundle {
  std::string location;  // as given (also APPLICATION_NAME's default)
  std::string path;      // File.expand_path of the local path
  std::string type;      // tgz | tar | zip | directory
  std::optional<RemoteBundle> remote;  // an S3 or GitHub location, to download before use (`path` is then "")
};

struct DeployCheck {
  std::optional<LocalBundle> bundle;
  std::string error;  // the agent's ValidationError message (printed as "ERROR: <message>")
  std::string hint = {};  // cdrun's advice printed after it as "hint: <hint>" ("" for none)
};

// `cwd` is the process working directory, the default bundle location.
DeployCheck check_deploy_options(const DeployOptions& options, const std::string& cwd);

// The agent configuration deploy and plan use: -c (else the default file), --root-dir over
// :root_dir:, the defaults for what is unset, and a valid :max_revisions:. `error` is the message
// printed as "ERROR: <message>". With --root-dir the local deployment log goes under the root too,
// unless the -c file sets :log_dir:.
AgentConfigLoad resolve_deploy_config(const DeployOptions& options);

// Creates AgentConfig::per_user_dir (nothing to do when empty). "" on success, else one sentence
// naming the directory, the reason and the way out (a writable XDG_STATE_HOME or HOME, --root-dir).
std::string create_per_user_directory(const std::string& dir);

// The advice for a deployment root or log directory refused with `error_number`: only for
// EACCES, EPERM and EROFS, where running as root or choosing --root-dir helps; "" otherwise.
std::string permission_hint(int error_number);

std::string process_working_directory();
BundleKind bundle_kind_of(const std::string& type);  // tgz | tar | zip | directory
std::string upper_case(std::string text);            // as the agent upcases -b

// `text` with every `copy` replaced by `given`: findings about a downloaded bundle name the location
// the user gave, not the temporary copy read.
std::string named_as_given(std::string text, const std::string& copy, const std::string& given);
void name_as_given(Diagnostics& diagnostics, const std::string& copy, const std::string& given);

}  // namespace cdrun
