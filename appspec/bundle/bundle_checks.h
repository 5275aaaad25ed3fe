// Checks of a bundle's contents against its EC2/on-premises appspec: hook scripts present,
// executable, with a sane shebang, LF line endings, no BOM, no background job holding the
// agent's pipes; every files source present; archive entries staying inside the root.
#pragma once

#include <optional>
#include <string>

#include "appspec/bundle/bundle.h"
#include "appspec/core/diagnostic.h"
#include "appspec/script/script_lint.h"
#include "appspec/agent/model.h"

namespace cdrun {

struct BundleCheckInput {
  const Bundle* bundle = nullptr;
  AppSpecLocation location;
  const Ec2AppSpec* appspec = nullptr;  // null when the appspec could not be loaded
  std::string appspec_display;          // how the appspec file is named in diagnostics
  bool agent2 = false;                  // agent 2.x is among the agents judged (its predictions apply)
};

Diagnostics check_bundle(const BundleCheckInput& input);

}  // namespace cdrun
