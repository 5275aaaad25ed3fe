// Helpers for end-to-end tests of `cdrun deploy`: bundles written into a temp dir, and a run of
// the built binary into a private deployment root.
#pragma once

#include <string>
#include <vector>

#include "run_cdrun.h"

namespace cdrun::e2e {

class DeployFixture {
 public:
  DeployFixture();
  const TempDir& dir() const { return dir_; }
  std::string root() const { return dir_.path() + "/root"; }
  std::string dest() const { return dir_.path() + "/dest"; }
  std::string bundle(const std::string& name) const { return dir_.path() + "/" + name; }

  // Writes bundle `name` with the appspec text (with @DEST@ replaced by dest()) and scripts.
  std::string write_bundle(const std::string& name, const std::string& appspec,
                           const std::vector<std::pair<std::string, std::string>>& files) const;
  // `cdrun deploy --root-dir root() -l <bundle> args...`
  Outcome deploy(const std::string& bundle_path, const std::vector<std::string>& args = {}) const;

  static std::string read(const std::string& path);         // whole file, "" when absent
  std::string instruction(const std::string& suffix) const;  // deployment-instructions/<group><suffix>
  // The deployment id printed on the "Starting to execute deployment" line.
  static std::string deployment_id(const Outcome& run);

 private:
  TempDir dir_;
};

// A hook script that records its event into trace.log in the fixture dir, then runs `body`.
std::string traced_script(const std::string& trace_file, const std::string& label, const std::string& body = "");

}  // namespace cdrun::e2e
