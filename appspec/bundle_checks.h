// Checks of a bundle's contents against its EC2/on-premises appspec: hook scripts present,
// executable, with a sane shebang, LF line endings, no BOM, no background job holding the
// agent's pipes; every files source present; archive entries staying inside the root.
#pragma once

#include <optional>
#include <string>

#include "appspec/bundle.h"
#include "appspec/diagnostic.h"
#include "appspec/model.h"

namespace cdrun {

struct BundleCheckInput {
  const Bundle* bundle = nullptr;
  AppSpecLocation location;
  const Ec2AppSpec* appspec = nullptr;  // null when the appspec could not be loaded
  std::string appspec_display;          // how the appspec file is named in diagnostics
};

Diagnostics check_bundle(const BundleCheckInput& input);

// Lint of one hook script's text (exposed for tests and for `cdrun validate` of scripts).
Diagnostics lint_script(const std::string& text, const std::string& display_path, unsigned mode,
                        bool check_executable);

}  // namespace cdrun
