// Checks of the bundle's entries themselves, independent of the appspec: members escaping the
// root, links leading outside it, device/FIFO entries (internal to appspec/bundle/bundle_checks*.cc).
#pragma once

#include <string>

#include "appspec/bundle/bundle.h"
#include "appspec/bundle/bundle_index.h"

namespace cdrun {

Diagnostics check_bundle_entries(const Bundle& bundle, const BundleIndex& index);

// How a path inside the bundle is named in diagnostics: "dir/scripts/a.sh", "bundle.zip!scripts/a.sh".
std::string bundle_member_display(const Bundle& bundle, const std::string& path);

}  // namespace cdrun
