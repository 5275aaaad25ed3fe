// `cdrun push DIR|FILE --application-name A --s3-location s3://bucket/prefix/`: validate a bundle,
// upload it to S3 (a directory bundled as `cdrun bundle` does), register it as a CodeDeploy revision
// and, with --deployment-group, deploy it.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace cdrun {

// Parses `args` (the words after "push") and runs it: 0 pushed (and deployed when asked), 1 the
// bundle is invalid (nothing uploaded) or S3 / CodeDeploy refused, 2 usage or environment error
// (options, no credentials or region, an unreadable path).
int run_push_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                     std::ostream& err);

}  // namespace cdrun
