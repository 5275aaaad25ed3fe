// The two concrete bundle readers behind open_bundle (internal to appspec/bundle/bundle*.cc).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "appspec/bundle/bundle.h"

namespace cdrun {

// `error` is set (and null returned) only when nothing at all can be read.
std::unique_ptr<Bundle> open_directory_bundle(const std::string& path, const LeftOutFilter& left_out,
                                              std::string& error);
std::unique_ptr<Bundle> open_archive_bundle(const std::string& path, std::optional<BundleKind> declared,
                                            std::string& error);

}  // namespace cdrun
