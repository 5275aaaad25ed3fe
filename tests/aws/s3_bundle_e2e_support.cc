#include "tests/aws/s3_bundle_e2e_support.h"

#include <dirent.h>

#include <algorithm>

#include <nlohmann/json.hpp>

namespace cdrun::testing {

S3BundleE2E::S3BundleE2E() = default;

void S3BundleE2E::SetUp() {
  isolate_environment(home.path());
  home.write("empty-aws-config", "");
  home.write("empty-aws-credentials", "");
  const nlohmann::json policy = {
      {"Version", "2012-10-17"},
      {"Statement",
       {{{"Effect", "Allow"}, {"Action", {"s3:GetObject", "s3:GetObjectVersion"}}, {"Resource", "*"}},
        {{"Effect", "Deny"},
         {"Action", "s3:*"},
         {"Resource", {"arn:aws:s3:::" + kDeniedBucket, "arn:aws:s3:::" + kDeniedBucket + "/*"}}}}}};
  moto_iam(moto, {{"Action", "CreateUser"}, {"UserName", "deployer"}});
  moto_iam(moto, {{"Action", "PutUserPolicy"},
                  {"UserName", "deployer"},
                  {"PolicyName", "ReadBundles"},
                  {"PolicyDocument", policy.dump()}});
  const std::string key = moto_iam(moto, {{"Action", "CreateAccessKey"}, {"UserName", "deployer"}});
  user = {between(key, "<AccessKeyId>", "</AccessKeyId>"), between(key, "<SecretAccessKey>", "</SecretAccessKey>")};
  ASSERT_FALSE(user.secret_access_key.empty()) << key;
  aws_ok(moto, {"s3api", "create-bucket", "--bucket", kBundleBucket});
  aws_ok(moto, {"s3api", "put-bucket-versioning", "--bucket", kBundleBucket, "--versioning-configuration",
                "Status=Enabled"});
  aws_ok(moto, {"s3api", "create-bucket", "--bucket", kDeniedBucket});
  moto.enforce_auth();
}

std::string S3BundleE2E::write_bundle(const std::string& name, const std::string& content,
                                      const std::vector<std::pair<std::string, std::string>>& extra) const {
  const std::string tree = name + "-tree";
  home.write(tree + "/appspec.yml",
             "version: 0.0\nos: linux\nfiles:\n  - source: content.txt\n    destination: " + dest() + "\n");
  home.write(tree + "/content.txt", content);
  for (const auto& [file, bytes] : extra) {
    const bool script = file.size() > 3 && file.compare(file.size() - 3, 3, ".sh") == 0;
    home.write(tree + "/" + file, bytes, script ? 0755 : 0644);
  }
  const std::string archive = home.path() + "/" + name;
  const cdrun::e2e::Outcome tar =
      cdrun::e2e::run_program("/bin/tar", {"-czf", archive, "-C", home.path() + "/" + tree, "."});
  EXPECT_EQ(tar.exit_code, 0) << tar.err;
  return archive;
}

UploadedObject S3BundleE2E::upload(const std::string& bucket, const std::string& key, const std::string& file) const {
  moto.relax_auth();
  const std::string answer = aws_ok(moto, {"s3api", "put-object", "--bucket", bucket, "--key", key, "--body", file});
  moto.enforce_auth();
  const nlohmann::json put = nlohmann::json::parse(answer);
  std::string etag = put.value("ETag", "");
  etag.erase(std::remove(etag.begin(), etag.end(), '"'), etag.end());
  return {put.value("VersionId", ""), etag};
}

std::vector<std::string> S3BundleE2E::user_env() const {
  std::vector<std::string> env = user.env();
  env.push_back("AWS_REGION=us-east-1");
  env.push_back("AWS_ENDPOINT_URL_S3=" + moto.endpoint());
  env.push_back("AWS_SHARED_CREDENTIALS_FILE=" + home.path() + "/empty-aws-credentials");
  env.push_back("AWS_CONFIG_FILE=" + home.path() + "/empty-aws-config");
  return env;
}

cdrun::e2e::Outcome S3BundleE2E::deploy(const std::string& location, const std::vector<std::string>& env) const {
  return cdrun::e2e::run_cdrun({"deploy", "--root-dir", root(), "-l", location, "-t", "tgz"},
                               env.empty() ? user_env() : env);
}

std::vector<std::string> S3BundleE2E::deployment_dirs() const {
  return entries_of(root() + "/default-local-deployment-group");
}

std::vector<std::string> entries_of(const std::string& path) {
  std::vector<std::string> names;
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) return names;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(dir);
  return names;
}

void S3BundleE2E::expect_no_secret(const cdrun::e2e::Outcome& run) const {
  EXPECT_EQ(run.out.find(user.secret_access_key), std::string::npos);
  EXPECT_EQ(run.err.find(user.secret_access_key), std::string::npos);
}

std::string sha256_of(const std::string& file) {
  const cdrun::e2e::Outcome sum = cdrun::e2e::run_program("/usr/bin/sha256sum", {file});
  return sum.out.substr(0, sum.out.find(' '));
}

}  // namespace cdrun::testing
