// `cdrun bundle [DIR] -o FILE`: validate a bundle directory, then write it as a deterministic
// zip, tar or tgz archive that CodeDeploy unpacks into exactly that directory.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace cdrun {

// Parses `args` (the words after "bundle") and runs it: 0 written, 1 refused (the directory is not
// a valid bundle, or holds what an archive must not), 2 usage or environment error.
int run_bundle_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                       std::ostream& err);

}  // namespace cdrun
