#include "deploy_fixture.h"

#include <fstream>
#include <regex>
#include <sstream>

namespace cdrun::e2e {

DeployFixture::DeployFixture() = default;

std::string DeployFixture::write_bundle(const std::string& name, const std::string& appspec,
                                        const std::vector<std::pair<std::string, std::string>>& files) const {
  std::string text = appspec;
  for (size_t at; (at = text.find("@DEST@")) != std::string::npos;) text.replace(at, 6, dest());
  dir_.write(name + "/appspec.yml", text);
  for (const auto& [path, content] : files) {
    const bool script = path.size() > 3 && path.compare(path.size() - 3, 3, ".sh") == 0;
    dir_.write(name + "/" + path, content, script ? 0755 : 0644);
  }
  return bundle(name);
}

Outcome DeployFixture::deploy(const std::string& bundle_path, const std::vector<std::string>& args) const {
  std::vector<std::string> argv{"deploy", "--root-dir", root(), "-l", bundle_path};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_cdrun(argv);
}

std::string DeployFixture::read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string DeployFixture::instruction(const std::string& suffix) const {
  return read(root() + "/deployment-instructions/default-local-deployment-group" + suffix);
}

std::string DeployFixture::deployment_id(const Outcome& run) {
  std::smatch m;
  static const std::regex starting("Starting to execute deployment from within folder \\S*/(d-[A-Z0-9]{9}-local)");
  return std::regex_search(run.out, m, starting) ? m[1].str() : std::string();
}

std::string traced_script(const std::string& trace_file, const std::string& label, const std::string& body) {
  return "#!/bin/sh\necho \"$LIFECYCLE_EVENT " + label + " $DEPLOYMENT_ID\" >> " + trace_file + "\n" + body + "\n";
}

}  // namespace cdrun::e2e
