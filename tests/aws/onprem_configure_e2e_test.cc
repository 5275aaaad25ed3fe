// `cdrun onprem configure` end to end, against moto with signatures, keys and IAM policies checked.
#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/aws/onprem_e2e_support.h"

namespace cdrun::testing {
namespace {

using cdrun::e2e::Outcome;
using cdrun::e2e::run_cdrun;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;

std::vector<std::string> words_of(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// The line of `text` starting with `prefix` (after indentation), or "".
std::string line_starting(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const size_t start = line.find_first_not_of(' ');
    if (start != std::string::npos && line.compare(start, prefix.size(), prefix) == 0) return line.substr(start);
  }
  return "";
}

using OnPremConfigure = OnPremE2E;

TEST_F(OnPremConfigure, WritesSessionCredentialsThatTheAwsCliUsesAsTheAssumedRole) {
  moto.relax_auth();
  moto_bucket_with_object(moto, "codedeploy-artifacts-test", "app/bundle.txt", "hello");
  moto_bucket_with_object(moto, "other-bucket", "secret.txt", "nope");
  moto.enforce_auth();

  const Outcome run = configure();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  expect_no_secrets(run);

  const std::string credentials = read_file(credentials_path());
  EXPECT_EQ(mode_of(credentials_path()), 0600u);
  EXPECT_THAT(credentials, ::testing::StartsWith("[default]\n"));
  EXPECT_THAT(credentials_value(credentials, "aws_access_key_id"), MatchesRegex("ASIA[A-Z0-9]{12,}"));
  EXPECT_THAT(credentials_value(credentials, "aws_secret_access_key"), Not(IsEmpty()));
  EXPECT_THAT(credentials_value(credentials, "aws_session_token"), Not(IsEmpty()));

  EXPECT_EQ(read_file(yml_path()), "---\niam_session_arn: arn:aws:sts::123456789012:assumed-role/CodeDeployOnPremRole/"
                                   "host1\naws_credentials_file: " + credentials_path() + "\nregion: us-east-1\n");
  EXPECT_EQ(mode_of(yml_path()), 0644u);

  const nlohmann::json state = nlohmann::json::parse(read_file(state_path()));
  EXPECT_EQ(state.value("role_arn", ""), kRoleArn);
  EXPECT_EQ(state.value("sts_endpoint", ""), moto.endpoint());
  const std::string state_text = read_file(state_path());
  for (const char* key : {"aws_secret_access_key", "aws_session_token"})
    EXPECT_THAT(state_text, Not(HasSubstr(credentials_value(credentials, key)))) << key;
  EXPECT_THAT(temp_files_in(conf), IsEmpty());

  // The awscli, given only the written file, is the assumed role: S3 reads on codedeploy-* only.
  const Outcome identity = aws_as_session({"sts", "get-caller-identity"});
  ASSERT_EQ(identity.exit_code, 0) << identity.err;
  EXPECT_EQ(nlohmann::json::parse(identity.out).value("Arn", ""), session_arn_for("host1"));
  const Outcome allowed = aws_as_session({"s3", "cp", "s3://codedeploy-artifacts-test/app/bundle.txt", "-"});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_EQ(allowed.out, "hello");
  const Outcome denied = aws_as_session({"s3", "cp", "s3://other-bucket/secret.txt", "-"});
  EXPECT_NE(denied.exit_code, 0);
  EXPECT_THAT(denied.err, AllOf(HasSubstr("403"), Not(HasSubstr("nope"))));
}

TEST_F(OnPremConfigure, PrintsRegistrationCommandsThatWork) {
  const Outcome run = configure({"--instance-name", "web-1", "--tags", "Name=web-1,Env=test"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string register_line = line_starting(run.out, "aws deploy register-on-premises-instance");
  const std::string tags_line = line_starting(run.out, "aws deploy add-tags-to-on-premises-instances");
  ASSERT_THAT(register_line, HasSubstr("--iam-session-arn " + session_arn_for("host1"))) << run.out;
  ASSERT_THAT(tags_line, HasSubstr("Key=Env,Value=test")) << run.out;
  // Nothing was registered by configure itself.
  moto.relax_auth();
  EXPECT_NE(moto.aws({"deploy", "get-on-premises-instance", "--instance-name", "web-1"}).exit_code, 0);
  // As printed (the words after "aws"), run by an administrator.
  for (const std::string& line : {register_line, tags_line}) {
    std::vector<std::string> words = words_of(line);
    words.erase(words.begin());
    aws_ok(moto, words);
  }
  const nlohmann::json info =
      nlohmann::json::parse(aws_ok(moto, {"deploy", "get-on-premises-instance", "--instance-name", "web-1"}));
  EXPECT_EQ(info["instanceInfo"].value("iamSessionArn", ""), session_arn_for("host1"));
  EXPECT_EQ(info["instanceInfo"]["tags"].size(), 2u);
}

class OnPremConfigureRegister : public OnPremE2E {
  std::vector<std::string> extra_user_actions() const override {
    return {"codedeploy:RegisterOnPremisesInstance", "codedeploy:AddTagsToOnPremisesInstances",
            "codedeploy:GetOnPremisesInstance"};
  }
};

TEST_F(OnPremConfigureRegister, RegistersAndTagsTheInstanceUnderTheSessionArn) {
  const Outcome run = configure({"--register", "--instance-name", "web-1", "--tags", "Name=web-1,Env=test"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  expect_no_secrets(run);
  EXPECT_THAT(run.out, AllOf(HasSubstr("Registered on-premises instance web-1 as " + session_arn_for("host1")),
                             HasSubstr("Tagged web-1: Name=web-1 Env=test")));
  EXPECT_THAT(run.out, Not(HasSubstr("aws deploy register-on-premises-instance")));
  const nlohmann::json info = nlohmann::json::parse(
      aws_ok(moto, {"deploy", "get-on-premises-instance", "--instance-name", "web-1"}, user.env()));
  EXPECT_EQ(info["instanceInfo"].value("iamSessionArn", ""), session_arn_for("host1"));
  EXPECT_EQ(info["instanceInfo"]["tags"],
            nlohmann::json::parse(R"([{"Key":"Name","Value":"web-1"},{"Key":"Env","Value":"test"}])"));

  // Running it again is fine: the name is registered with this very session ARN.
  const Outcome again = configure({"--register", "--instance-name", "web-1", "--tags", "Role=web"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("is already registered as " + session_arn_for("host1")));

  // Another session wanting the same name is refused, with the owner named.
  std::vector<std::string> args = configure_args("host2");
  args.insert(args.end(), {"--register", "--instance-name", "web-1"});
  const Outcome taken = run_cdrun(args, user_env());
  EXPECT_EQ(taken.exit_code, 1);
  EXPECT_THAT(taken.err, AllOf(HasSubstr("InstanceNameAlreadyRegisteredException"),
                               HasSubstr("registered with " + session_arn_for("host1"))));
}

TEST_F(OnPremConfigure, RegistrationWithoutPermissionIsAccessDeniedAfterTheFilesAreWritten) {
  const Outcome run = configure({"--register"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, AllOf(HasSubstr("cannot register host1"), HasSubstr("codedeploy:RegisterOnPremisesInstance"),
                             HasSubstr("AccessDenied"), HasSubstr("session files are written")));
  EXPECT_TRUE(file_exists(credentials_path()));
  expect_no_secrets(run);
}

// The session files are valid and kept: the message says which they are and how to finish.
TEST_F(OnPremConfigure, FailedRegistrationNamesTheWrittenFilesAndTheCommandsThatFinish) {
  const Outcome run = configure({"--register", "--tags", "Env=test"});
  EXPECT_EQ(run.exit_code, 1);
  const std::string common = " --region us-east-1 --endpoint-url " + moto.endpoint();
  EXPECT_THAT(run.err, ::testing::EndsWith(
                           "\nThe session files are written (" + credentials_path() + ", " + yml_path() + " and " +
                           state_path() +
                           ") and the agent can use them, but CodeDeploy deploys to this instance only once it is "
                           "registered: fix the cause and re-run this command, or register it with:\n"
                           "  aws deploy register-on-premises-instance --instance-name host1 --iam-session-arn " +
                           session_arn_for("host1") + common +
                           "\n  aws deploy add-tags-to-on-premises-instances --instance-names host1 --tags "
                           "Key=Env,Value=test" + common + "\n"));
  for (const std::string& path : {credentials_path(), yml_path(), state_path()}) EXPECT_TRUE(file_exists(path)) << path;
  // They are what the message says: the session's credentials work.
  const Outcome identity = aws_as_session({"sts", "get-caller-identity"});
  EXPECT_EQ(identity.exit_code, 0) << identity.err;
  expect_no_secrets(run);
}

TEST_F(OnPremConfigure, RejectedCallsAreExplainedAndWriteNothing) {
  ASSERT_EQ(configure().exit_code, 0);
  const FileSnapshot credentials = snapshot(credentials_path());
  const FileSnapshot yml = snapshot(yml_path());
  const FileSnapshot state = snapshot(state_path());

  struct Case {
    std::vector<std::string> env;
    std::string role;
    std::string code;
    std::string explanation;
  };
  const std::vector<Case> cases = {
      {{"AWS_ACCESS_KEY_ID=" + user.access_key_id, "AWS_SECRET_ACCESS_KEY=" + user.secret_access_key + "x"}, kRoleArn,
       "SignatureDoesNotMatch", "the secret access key does not belong to access key"},
      {{"AWS_ACCESS_KEY_ID=AKIAAAAAAAAAAAAAAAAA", "AWS_SECRET_ACCESS_KEY=" + user.secret_access_key}, kRoleArn,
       "InvalidClientTokenId", "AWS does not know access key AKIA****AAAA"},
      {user.env(), "arn:aws:iam::123456789012:role/SomeoneElsesRole", "AccessDenied",
       "is not allowed sts:AssumeRole on arn:aws:iam::123456789012:role/SomeoneElsesRole"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> env = c.env;
    for (const std::string& e : isolated_files_env()) env.push_back(e);
    std::vector<std::string> args = configure_args();
    args[3] = c.role;
    const Outcome rejected = run_cdrun(args, env);
    EXPECT_EQ(rejected.exit_code, 1) << c.code;
    EXPECT_THAT(rejected.err, AllOf(HasSubstr(c.code), HasSubstr(c.explanation), HasSubstr("Nothing was written")));
    EXPECT_THAT(rejected.err, Not(HasSubstr(user.secret_access_key)));
    EXPECT_EQ(snapshot(credentials_path()), credentials) << c.code;
    EXPECT_EQ(snapshot(yml_path()), yml) << c.code;
    EXPECT_EQ(snapshot(state_path()), state) << c.code;
    // Into a fresh directory: not even the directory appears.
    args[9] = home.path() + "/fresh";
    EXPECT_EQ(run_cdrun(args, env).exit_code, 1);
    EXPECT_FALSE(file_exists(home.path() + "/fresh"));
  }
  EXPECT_THAT(temp_files_in(conf), IsEmpty());
}

TEST_F(OnPremConfigure, TakesBaseCredentialsFromASharedCredentialsFileProfile) {
  const std::string file = home.write("aws/credentials", "[default]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\n"
                                                         "aws_secret_access_key = wrong\n[onprem]\naws_access_key_id = " +
                                                             user.access_key_id + "\naws_secret_access_key = " +
                                                             user.secret_access_key + "\n",
                                      0600);
  // Environment keys are ignored when --profile is given, as the awscli ignores them.
  const std::vector<std::string> env = {"AWS_SHARED_CREDENTIALS_FILE=" + file,
                                        "AWS_CONFIG_FILE=" + home.path() + "/empty-aws-config",
                                        "AWS_ACCESS_KEY_ID=AKIAAAAAAAAAAAAAAAAA", "AWS_SECRET_ACCESS_KEY=wrong"};
  const Outcome run = configure({"--profile", "onprem"}, env);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("(" + file + " [onprem])"));
  EXPECT_THAT(run.err, Not(HasSubstr("environment variables")));  // no warning about env keys
  expect_no_secrets(run);
  const nlohmann::json state = nlohmann::json::parse(read_file(state_path()));
  EXPECT_EQ(state.value("profile", ""), "onprem");
  EXPECT_EQ(state.value("base_credentials_file", ""), file);

  // AWS_PROFILE selects the profile too.
  const Outcome by_variable =
      configure({}, {"AWS_SHARED_CREDENTIALS_FILE=" + file, "AWS_CONFIG_FILE=" + home.path() + "/empty-aws-config",
                     "AWS_PROFILE=onprem"});
  EXPECT_EQ(by_variable.exit_code, 0) << by_variable.err;
  // And the default profile's wrong keys fail as they should.
  const Outcome by_default =
      configure({}, {"AWS_SHARED_CREDENTIALS_FILE=" + file, "AWS_CONFIG_FILE=" + home.path() + "/empty-aws-config"});
  EXPECT_EQ(by_default.exit_code, 1);
  EXPECT_THAT(by_default.err, HasSubstr("InvalidClientTokenId"));
}

TEST_F(OnPremConfigure, FilesGetTheirModesEvenWithUmask000) {
  home.write("conf/credentials", "[default]\nstale = yes\n", 0666);
  const mode_t old_umask = ::umask(0);
  const Outcome run = configure();
  ::umask(old_umask);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(mode_of(credentials_path()), 0600u);
  EXPECT_EQ(mode_of(yml_path()), 0644u);
  EXPECT_EQ(mode_of(state_path()), 0644u);
  EXPECT_THAT(read_file(credentials_path()), Not(HasSubstr("stale")));
}

TEST_F(OnPremConfigure, EndpointOptionBeatsTheEnvironmentAndTheStsVariableBeatsTheGenericOne) {
  const RefusingPort dead;
  std::vector<std::string> env = user_env();
  env.push_back("AWS_ENDPOINT_URL=" + dead.url());
  Outcome run = configure({}, env);  // --endpoint-url (moto) given by configure_args
  EXPECT_EQ(run.exit_code, 0) << run.err;

  std::vector<std::string> args = configure_args();
  args.resize(args.size() - 2);  // no --endpoint-url
  env = user_env();
  env.push_back("AWS_ENDPOINT_URL=" + moto.endpoint());
  run = run_cdrun(args, env);
  EXPECT_EQ(run.exit_code, 0) << run.err;

  env.push_back("AWS_ENDPOINT_URL_STS=" + dead.url());
  args[9] = home.path() + "/fresh";
  run = run_cdrun(args, env);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("no connection to " + dead.url()));
  EXPECT_FALSE(file_exists(home.path() + "/fresh"));
}

}  // namespace
}  // namespace cdrun::testing
