#include "tests/aws/push_e2e_support.h"

namespace cdrun::testing {

void PushE2E::SetUp() {
  OnPremE2E::SetUp();
  bundle_dir = home.path() + "/app";
  home.write("app/appspec.yml",
             "version: 0.0\nos: linux\nfiles:\n  - source: site\n    destination: /var/www/web\n"
             "hooks:\n  ApplicationStart:\n    - location: scripts/start.sh\n      timeout: 60\n");
  home.write("app/scripts/start.sh", "#!/bin/sh\necho started\n", 0755);
  home.write("app/site/index.html", "<h1>web</h1>\n");
  aws_user({"s3api", "create-bucket", "--bucket", kBucket});
  aws_user({"deploy", "create-application", "--application-name", kApplication});
}

cdrun::e2e::Outcome PushE2E::push(const std::vector<std::string>& args) const {
  std::vector<std::string> all = {"push"};
  all.insert(all.end(), args.begin(), args.end());
  for (const std::string& word : {std::string("--region"), std::string("us-east-1"), std::string("--endpoint-url"),
                                  moto.endpoint()})
    all.push_back(word);
  return cdrun::e2e::run_cdrun(all, user_env());
}

nlohmann::json PushE2E::aws_user(const std::vector<std::string>& args) const {
  const std::string out = aws_ok(moto, args, user_env());
  if (out.find_first_not_of(" \n") == std::string::npos) return nlohmann::json::object();
  return nlohmann::json::parse(out);
}

std::string PushE2E::fetch_object(const std::string& key, const std::string& version) const {
  const std::string to = home.path() + "/fetched";
  std::vector<std::string> args = {"s3api", "get-object", "--bucket", kBucket, "--key", key};
  if (!version.empty()) args.insert(args.end(), {"--version-id", version});
  args.push_back(to);
  aws_user(args);
  return read_file(to);
}

std::string PushE2E::bundle_archive(const std::string& directory, const std::string& name) const {
  const std::string path = home.path() + "/" + name;
  const cdrun::e2e::Outcome run = cdrun::e2e::run_cdrun({"bundle", directory, "-o", path});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return path;
}

std::vector<std::string> PushE2E::object_keys() const {
  const nlohmann::json listing = aws_user({"s3api", "list-objects-v2", "--bucket", kBucket});
  std::vector<std::string> keys;
  for (const nlohmann::json& object : listing.value("Contents", nlohmann::json::array()))
    keys.push_back(object.value("Key", ""));
  return keys;
}

std::string sha256_of_file(const std::string& path) {
  const cdrun::e2e::Outcome run = cdrun::e2e::run_program("/usr/bin/sha256sum", {path});
  return run.out.substr(0, 64);
}

}  // namespace cdrun::testing
