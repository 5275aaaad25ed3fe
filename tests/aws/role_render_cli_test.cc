// `cdrun role render` as a user calls it: what goes where, and exit 2 with a precise message on bad input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "tests/aws/role_test_support.h"

namespace cdrun::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

void expect_usage_error(const std::vector<std::string>& args, const std::string& message) {
  cdrun::e2e::Outcome run = render_roles(args);
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_THAT(run.err, HasSubstr(message));
  EXPECT_EQ(run.out, "") << "nothing may be printed when the input is bad";
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> result;
  size_t start = 0;
  for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    result.push_back(text.substr(start, end - start));
  }
  return result;
}

TEST(RoleRenderCli, PrintsTheTemplateWithoutOut) {
  cdrun::e2e::Outcome run = render_roles({"--parts", "service-role"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, StartsWith("AWSTemplateFormatVersion: '2010-09-09'\n"));
  EXPECT_THAT(run.out, HasSubstr("Type: AWS::IAM::Role"));
  EXPECT_EQ(run.err, "");
}

TEST(RoleRenderCli, ListsTheFilesOfTheParts) {
  cdrun::e2e::Outcome run = render_roles({"--parts", "onprem,ec2-instance", "--list"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // Parts come in their fixed order, whatever order --parts names them in.
  EXPECT_THAT(lines(run.out), ElementsAre("codedeploy-roles.yaml", "ec2-instance-trust.json", "ec2-instance-s3-read.json",
                                          "onprem-role-trust.json", "onprem-role-s3-read.json",
                                          "onprem-user-assume-only.json"));
  run = render_roles({"--parts", "service-role,ci-deployer,application", "--application-name", "A",
                      "--deployment-group-name", "G", "--ec2-tag", "k=v", "--list"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(lines(run.out), ElementsAre("codedeploy-roles.yaml", "service-role-trust.json", "ci-deployer-policy.json"));
}

TEST(RoleRenderCli, PrintsOneDocument) {
  cdrun::e2e::Outcome run = render_roles({"--parts", "ec2-instance", "--print", "ec2-instance-trust.json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Json trust = Json::parse(run.out);
  EXPECT_EQ(trust["Statement"][0]["Principal"]["Service"], "ec2.amazonaws.com");
}

TEST(RoleRenderCli, WritesEveryFileIntoOut) {
  cdrun::e2e::TempDir dir;
  const std::string out = dir.path() + "/new/roles";
  std::vector<std::string> args = all_parts_args();
  args.insert(args.end(), {"--account", "123456789012", "--region", "eu-west-1", "--out", out});
  cdrun::e2e::Outcome run = render_roles(args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> expected{"codedeploy-roles.yaml",        "ec2-instance-trust.json",
                                          "ec2-instance-s3-read.json",    "onprem-role-trust.json",
                                          "onprem-role-s3-read.json",     "onprem-user-assume-only.json",
                                          "service-role-trust.json",      "ci-deployer-policy.json"};
  std::vector<std::string> printed;
  for (const std::string& name : expected) {
    EXPECT_TRUE(std::filesystem::is_regular_file(out + "/" + name)) << name;
    printed.push_back(out + "/" + name);
  }
  EXPECT_EQ(lines(run.out), printed);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(out), std::filesystem::directory_iterator()), 8);
  EXPECT_EQ(read_text_file(out + "/codedeploy-roles.yaml"), render_roles(all_parts_args()).out)
      << "--out writes the template that stdout shows";
}

TEST(RoleRenderCli, RejectsUnknownPartsAndBadLists) {
  expect_usage_error({"--parts", "onprem,ec2"}, "--parts: unknown part 'ec2' (expected ec2-instance, onprem, ");
  expect_usage_error({"--parts", "onprem,,service-role"}, "empty item");
  expect_usage_error({"--parts", ""}, "empty item");
  expect_usage_error({}, "--parts is required");
  expect_usage_error({"--parts", "onprem", "--no-such-option"}, "--no-such-option");
}

TEST(RoleRenderCli, RejectsBadTags) {
  const std::vector<std::string> app{"--parts", "application", "--application-name", "A", "--deployment-group-name", "G"};
  for (const std::string bad : {"Name", "=web", "Name=", "="}) {
    std::vector<std::string> args = app;
    args.insert(args.end(), {"--ec2-tag", bad});
    expect_usage_error(args, "--ec2-tag '" + bad + "': expected Key=Value with a non-empty key and value");
  }
  std::vector<std::string> args = app;
  args.insert(args.end(), {"--onprem-tag", "Name=a\tb"});
  expect_usage_error(args, "--onprem-tag 'Name=a\tb': control characters are not allowed");
  expect_usage_error(app, "the application part needs at least one --ec2-tag or --onprem-tag");
  expect_usage_error({"--parts", "onprem", "--onprem-tag", "Name=x"}, "--onprem-tag selects deployment-group instances");
  // A value may itself contain '=': only the first one splits.
  args = app;
  args.insert(args.end(), {"--ec2-tag", "Query=a=b"});
  EXPECT_EQ(render_roles(args).exit_code, 0);
}

TEST(RoleRenderCli, RejectsBadNamesAccountsAndRegions) {
  expect_usage_error({"--parts", "onprem", "--bucket-prefix", "Codedeploy-"}, "--bucket-prefix 'Codedeploy-'");
  expect_usage_error({"--parts", "onprem", "--bucket-prefix", "-x"}, "--bucket-prefix '-x'");
  expect_usage_error({"--parts", "onprem", "--bucket-prefix", "codedeploy-*"}, "--bucket-prefix 'codedeploy-*'");
  expect_usage_error({"--parts", "onprem", "--name-prefix", "My Roles"}, "--name-prefix 'My Roles' may only contain");
  // 50 + "EC2InstanceRole" (15) = 65 > 64, the IAM limit for role names.
  expect_usage_error({"--parts", "ec2-instance", "--name-prefix", std::string(50, 'a')},
                     "role name '" + std::string(50, 'a') + "EC2InstanceRole' is 65 characters long; IAM allows at most 64");
  EXPECT_EQ(render_roles({"--parts", "onprem", "--name-prefix", std::string(50, 'a')}).exit_code, 0)
      << "the on-premises names are short enough";
  expect_usage_error({"--parts", "onprem", "--onprem-user-name", "host/user"}, "--onprem-user-name 'host/user'");
  expect_usage_error({"--parts", "onprem", "--account", "12345678901"}, "--account '12345678901': an AWS account id is exactly 12 digits");
  expect_usage_error({"--parts", "onprem", "--account", "12345678901a"}, "exactly 12 digits");
  expect_usage_error({"--parts", "onprem", "--region", "useast1"}, "--region 'useast1' does not look like an AWS region");
  expect_usage_error({"--parts", "ci-deployer", "--application-name", "A"},
                     "--deployment-group-name is required by the application and ci-deployer parts");
  expect_usage_error({"--parts", "onprem", "--application-name", "A"}, "--application-name is only used by");
  expect_usage_error({"--parts", "ci-deployer", "--application-name", "my app", "--deployment-group-name", "G"},
                     "--application-name 'my app': use 1-100 letters, digits and _+=,.@-");
  expect_usage_error({"--parts", "service-role", "--onprem-user-name", "u"}, "--onprem-user-name is only used by the onprem part");
}

TEST(RoleRenderCli, DocumentsWithArnsNeedAccountAndRegion) {
  expect_usage_error({"--parts", "onprem", "--print", "onprem-role-trust.json"},
                     "onprem-role-trust.json names account-scoped ARNs: give --account");
  expect_usage_error({"--parts", "onprem", "--print", "onprem-role-s3-read.json"},
                     "onprem-role-s3-read.json names region-scoped ARNs: give --region");
  expect_usage_error({"--parts", "onprem", "--print", "ec2-instance-trust.json"},
                     "--print 'ec2-instance-trust.json': these parts produce codedeploy-roles.yaml, onprem-role-trust.json");
  cdrun::e2e::TempDir dir;
  expect_usage_error({"--parts", "onprem", "--region", "us-east-1", "--out", dir.path() + "/x"}, "give --account");
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/x")) << "nothing is written when a document cannot be rendered";
  // Documents without ARNs of the account need neither.
  EXPECT_EQ(render_roles({"--parts", "ec2-instance", "--print", "ec2-instance-trust.json"}).exit_code, 0);
}

TEST(RoleRenderCli, ReportsAnUnwritableOut) {
  cdrun::e2e::TempDir dir;
  const std::string file = dir.write("not-a-dir", "x");
  expect_usage_error({"--parts", "service-role", "--out", file + "/sub"}, "--out '" + file + "/sub'");
  expect_usage_error({"--parts", "service-role", "--out", dir.path(), "--print", "service-role-trust.json"},
                     "excludes");
}

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(RoleRenderCli, AnOutThatIsAFileIsRefusedWithTheReason) {
  cdrun::e2e::TempDir dir;
  const std::string file = dir.write("roles", "x");
  const cdrun::e2e::Outcome run = render_roles({"--parts", "service-role", "--out", file});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "cdrun: error: --out '" + file + "': " + file + " is not a directory; none of the files was written\n");
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(read_text_file(file), "x");
}

// Renders the service-role part into DIR/roles, which holds an earlier template ("old\n") and a
// directory named `blocker` that stands in the way of one of the files.
cdrun::e2e::Outcome render_into_blocked_out(const cdrun::e2e::TempDir& dir, const std::string& blocker) {
  dir.write("roles/codedeploy-roles.yaml", "old\n");
  std::filesystem::create_directory(dir.path() + "/roles/" + blocker);
  return render_roles({"--parts", "service-role", "--out", dir.path() + "/roles"});
}

TEST(RoleRenderCli, OneDocumentThatCannotBeWrittenLeavesEveryFileAsItWas) {
  cdrun::e2e::TempDir dir;
  const std::string out = dir.path() + "/roles";
  const cdrun::e2e::Outcome run = render_into_blocked_out(dir, "service-role-trust.json");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "cdrun: error: --out '" + out + "': cannot write " + out +
                         "/service-role-trust.json: Is a directory; none of the files was written\n");
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(read_text_file(out + "/codedeploy-roles.yaml"), "old\n");
  EXPECT_THAT(names_in(out), ElementsAre("codedeploy-roles.yaml", "service-role-trust.json"));
}

TEST(RoleRenderCli, AFailureAfterTheFirstDocumentWasStagedLeavesNothingBehind) {
  cdrun::e2e::TempDir dir;
  // Occupies the place the second document is staged in, so writing it fails after the first.
  const cdrun::e2e::Outcome run = render_into_blocked_out(dir, ".service-role-trust.json.cdrun-new");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("; none of the files was written\n"));
  EXPECT_EQ(read_text_file(dir.path() + "/roles/codedeploy-roles.yaml"), "old\n");
  EXPECT_THAT(names_in(dir.path() + "/roles"), ElementsAre(".service-role-trust.json.cdrun-new", "codedeploy-roles.yaml"));
}

// Root may write into a directory of mode 0555, so as root (CI) the binary runs as nobody.
cdrun::e2e::Outcome render_roles_unprivileged(const std::vector<std::string>& args) {
  if (::geteuid() != 0) return render_roles(args);
  std::vector<std::string> argv{"--reuid=65534", "--regid=65534", "--clear-groups", CDRUN_BINARY, "role", "render"};
  argv.insert(argv.end(), args.begin(), args.end());
  return cdrun::e2e::run_program("/usr/bin/setpriv", argv);
}

bool nobody_can_run_cdrun() {
  if (::geteuid() != 0) return true;
  return ::access("/usr/bin/setpriv", X_OK) == 0 &&
         cdrun::e2e::run_program("/usr/bin/setpriv", {"--reuid=65534", "--regid=65534", "--clear-groups", CDRUN_BINARY,
                                                      "--version"})
                 .exit_code == 0;
}

TEST(RoleRenderCli, AnUnwritableOutIsRefusedWithTheReason) {
  if (!nobody_can_run_cdrun()) GTEST_SKIP() << "as root, this test needs setpriv and a build nobody can run";
  cdrun::e2e::TempDir dir;
  ::chmod(dir.path().c_str(), 0755);  // nobody must reach the 0555 directory inside
  const std::string out = dir.path() + "/roles";
  std::filesystem::create_directory(out);
  ::chmod(out.c_str(), 0555);
  const cdrun::e2e::Outcome run = render_roles_unprivileged({"--parts", "service-role", "--out", out});
  ::chmod(out.c_str(), 0755);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "cdrun: error: --out '" + out + "': cannot create a temporary file in " + out +
                         ": Permission denied; none of the files was written\n");
  EXPECT_THAT(names_in(out), ::testing::IsEmpty());
}

}  // namespace
}  // namespace cdrun::testing
