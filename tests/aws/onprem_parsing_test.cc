// Unit tests of the text formats cdrun reads and writes for on-premises hosts: the AWS INI files,
// STS's XML, CodeDeploy's JSON errors, timestamps, form encoding, the state file and the agent's yml.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/onprem/codedeploy_onprem_api.h"
#include "aws/core/ini_file.h"
#include "aws/onprem/onprem_config.h"
#include "aws/onprem/session_state.h"
#include "aws/core/sigv4_client.h"
#include "aws/core/sts_assume_role.h"
#include "aws/core/utc_time.h"
#include "aws/core/xml_text.h"

namespace cdrun::aws {
namespace {

using ::testing::HasSubstr;

TEST(OnPremIni, ReadsSectionsKeysCommentsAndContinuationsAsBotocoreDoes) {
  const IniParse parse = parse_ini(
      "\xEF\xBB\xBF# comment\r\n"
      "[default]\r\n"
      "aws_access_key_id = AKIDEXAMPLE\r\n"
      "AWS_Secret_Access_Key=se/cr+et=\r\n"
      "; another comment\n"
      "[ profile ci ]\n"
      "region: eu-west-1\n"
      "s3 =\n"
      "  max_concurrent_requests = 4\n"
      "  addressing_style = path\n"
      "\n"
      "[default]\n"
      "aws_session_token = tok\n");
  ASSERT_TRUE(parse.ok()) << parse.error;
  const IniSection* def = parse.ini.find("default");
  ASSERT_NE(def, nullptr);
  EXPECT_EQ(def->at("aws_access_key_id"), "AKIDEXAMPLE");
  EXPECT_EQ(def->at("aws_secret_access_key"), "se/cr+et=");  // only the first '=' separates
  EXPECT_EQ(def->at("aws_session_token"), "tok");            // a repeated section adds keys
  const IniSection* ci = parse.ini.find("profile ci");
  ASSERT_NE(ci, nullptr);
  EXPECT_EQ(ci->at("region"), "eu-west-1");
  EXPECT_EQ(ci->at("s3"), "max_concurrent_requests = 4\naddressing_style = path");
  EXPECT_EQ(parse.ini.find("ci"), nullptr);
}

TEST(OnPremIni, ReportsLinesThatAreNotIni) {
  EXPECT_THAT(parse_ini("aws_access_key_id = x\n").error, HasSubstr("line 1: a key before any [section]"));
  EXPECT_THAT(parse_ini("[default]\njust words\n").error, HasSubstr("line 2: expected `key = value`"));
  EXPECT_THAT(parse_ini("[default\n").error, HasSubstr("line 1"));
}

TEST(OnPremXml, FindsWholeElementNamesAndDecodesEntities) {
  const std::string xml =
      "<R><ArnPrefix>no</ArnPrefix><Arn attr=\"1\">a&amp;b&lt;c&gt;&quot;&apos;&#65;&#x42;&#xe9;</Arn><Empty/></R>";
  EXPECT_EQ(xml_element_text(xml, "Arn").value_or("?"), "a&b<c>\"'AB\xC3\xA9");
  EXPECT_EQ(xml_element(xml, "ArnPrefix").value_or("?"), "no");
  EXPECT_EQ(xml_element(xml, "Empty").value_or("?"), "");
  EXPECT_FALSE(xml_element(xml, "Missing").has_value());
  EXPECT_FALSE(xml_element("<Open>never closed", "Open").has_value());
  EXPECT_EQ(xml_unescape("&bogus; & &#0; &#xZZ;"), "&bogus; & &#0; &#xZZ;");
}

const char* const kAssumeRoleAnswer = R"(<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <SourceIdentity>x</SourceIdentity>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/R/host1</Arn>
      <AssumedRoleId>AROA123:host1</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAEXAMPLE123456789</AccessKeyId>
      <SecretAccessKey>s3cr3t+/=</SecretAccessKey>
      <SessionToken>FQoG&amp;token</SessionToken>
      <Expiration>2026-11-22T01:30:13.656138Z</Expiration>
    </Credentials>
    <PackedPolicySize>6</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe</RequestId></ResponseMetadata>
</AssumeRoleResponse>)";

TEST(OnPremStsAnswer, ReadsCredentialsRoleArnAndExpiration) {
  const AwsResult<AssumedRole> role = parse_assume_role_answer(200, kAssumeRoleAnswer);
  ASSERT_TRUE(role.ok()) << role.failure.message;
  EXPECT_EQ(role.value->arn, "arn:aws:sts::123456789012:assumed-role/R/host1");
  EXPECT_EQ(role.value->role_id, "AROA123:host1");
  EXPECT_EQ(role.value->credentials.access_key_id, "ASIAEXAMPLE123456789");
  EXPECT_EQ(role.value->credentials.secret_access_key, "s3cr3t+/=");
  EXPECT_EQ(role.value->credentials.session_token, "FQoG&token");
  EXPECT_EQ(role.value->credentials.expiration_time, 1795311013);  // date -u -d 2026-11-22T01:30:13Z +%s
}

TEST(OnPremStsAnswer, ReadsErrorDocumentsAndRejectsAnythingElse) {
  const AwsResult<AssumedRole> denied = parse_assume_role_answer(
      403,
      "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::1:user/u is not "
      "authorized to perform: sts:AssumeRole</Message></Error><RequestId>r-1</RequestId></ErrorResponse>");
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.failure.kind, FailureKind::kService);
  EXPECT_EQ(denied.failure.http_status, 403);
  EXPECT_EQ(denied.failure.code, "AccessDenied");
  EXPECT_THAT(denied.failure.message, HasSubstr("not authorized"));
  EXPECT_EQ(denied.failure.request_id, "r-1");

  const AwsResult<AssumedRole> html = parse_assume_role_answer(502, "<html>Bad gateway</html>");
  EXPECT_EQ(html.failure.kind, FailureKind::kResponse);
  const AwsResult<AssumedRole> no_token = parse_assume_role_answer(
      200, "<AssumeRoleResult><Credentials><AccessKeyId>A</AccessKeyId><SecretAccessKey>S</SecretAccessKey>"
           "<Expiration>2026-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>x</Arn>"
           "</AssumedRoleUser></AssumeRoleResult>");
  EXPECT_EQ(no_token.failure.kind, FailureKind::kResponse);
  const AwsResult<AssumedRole> bad_time = parse_assume_role_answer(
      200, "<AssumeRoleResult><Credentials><AccessKeyId>A</AccessKeyId><SecretAccessKey>S</SecretAccessKey>"
           "<SessionToken>T</SessionToken><Expiration>tomorrow</Expiration></Credentials><AssumedRoleUser><Arn>x"
           "</Arn></AssumedRoleUser></AssumeRoleResult>");
  EXPECT_THAT(bad_time.failure.message, HasSubstr("tomorrow"));
}

TEST(OnPremCodeDeployErrors, ReadsJsonTypesWithOrWithoutNamespaceAndXmlFallback) {
  AwsFailure f = parse_json_error(
      400, R"({"__type":"com.amazonaws.codedeploy#InstanceNameAlreadyRegisteredException","message":"taken"})");
  EXPECT_EQ(f.kind, FailureKind::kService);
  EXPECT_EQ(f.code, "InstanceNameAlreadyRegisteredException");
  EXPECT_EQ(f.message, "taken");
  f = parse_json_error(400, R"({"__type":"AccessDeniedException","Message":"no"})");
  EXPECT_EQ(f.code, "AccessDeniedException");
  EXPECT_EQ(f.message, "no");
  f = parse_json_error(403, "<ErrorResponse><Error><Code>InvalidClientTokenId</Code></Error></ErrorResponse>");
  EXPECT_EQ(f.code, "InvalidClientTokenId");
  f = parse_json_error(500, "Internal Server Error");
  EXPECT_EQ(f.kind, FailureKind::kResponse);
}

TEST(OnPremTime, ParsesAwsTimestampsAndFormatsThemBack) {
  EXPECT_EQ(parse_utc_timestamp("1970-01-01T00:00:00Z").value_or(-1), 0);
  EXPECT_EQ(parse_utc_timestamp("2026-11-22T01:30:13+00:00").value_or(-1), 1795311013);
  EXPECT_EQ(parse_utc_timestamp("2026-11-22T01:30:13.5Z").value_or(-1), 1795311013);
  EXPECT_FALSE(parse_utc_timestamp("2026-11-22 01:30:13Z").has_value());
  EXPECT_FALSE(parse_utc_timestamp("2026-13-22T01:30:13Z").has_value());
  EXPECT_FALSE(parse_utc_timestamp("2026-11-22T01:30:13+02:00").has_value());
  EXPECT_EQ(format_utc_timestamp(1795311013), "2026-11-22T01:30:13Z");
  EXPECT_EQ(format_duration(3725), "1h 02m");
  EXPECT_EQ(format_duration(125), "2m 05s");
  EXPECT_EQ(format_duration(-5), "0s");
}

TEST(OnPremForm, PercentEncodesEveryValueOfTheAssumeRoleForm) {
  EXPECT_EQ(percent_encode("arn:aws:iam::1:role/a b+c~d_e.f-g"), "arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b%2Bc~d_e.f-g");
  EXPECT_EQ(assume_role_form({"arn:aws:iam::123456789012:role/path/R", "host@1", 900}),
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fpath%2FR"
            "&RoleSessionName=host%401&DurationSeconds=900");
}

TEST(OnPremFiles, CredentialsFileAndYmlHaveTheAgentsKeys) {
  SessionCredentials c;
  c.access_key_id = "ASIAX";
  c.secret_access_key = "sec";
  c.session_token = "tok";
  EXPECT_EQ(render_credentials_file(c),
            "[default]\naws_access_key_id = ASIAX\naws_secret_access_key = sec\naws_session_token = tok\n");
  EXPECT_EQ(render_onpremises_yml("arn:aws:sts::1:assumed-role/R/h", "/etc/codedeploy-agent/conf/credentials",
                                  "us-east-1"),
            "---\niam_session_arn: arn:aws:sts::1:assumed-role/R/h\n"
            "aws_credentials_file: /etc/codedeploy-agent/conf/credentials\nregion: us-east-1\n");
  EXPECT_THAT(render_onpremises_yml("a", "/tmp/my creds#1", "r"), HasSubstr("aws_credentials_file: '/tmp/my creds#1'"));
  EXPECT_THAT(render_onpremises_yml("a", "/tmp/it's", "r"), HasSubstr("'/tmp/it''s'"));
}

TEST(OnPremFiles, RegistrationCommandsQuoteForTheShell) {
  const RegistrationCommands commands =
      registration_commands("web-1", "arn:aws:sts::1:assumed-role/R/web-1", "eu-west-1",
                            {{"Name", "web 1"}, {"Env", "prod"}}, "http://127.0.0.1:5000");
  EXPECT_EQ(commands.register_instance,
            "aws deploy register-on-premises-instance --instance-name web-1 --iam-session-arn "
            "arn:aws:sts::1:assumed-role/R/web-1 --region eu-west-1 --endpoint-url http://127.0.0.1:5000");
  EXPECT_EQ(commands.add_tags,
            "aws deploy add-tags-to-on-premises-instances --instance-names web-1 --tags 'Key=Name,Value=web 1' "
            "Key=Env,Value=prod --region eu-west-1 --endpoint-url http://127.0.0.1:5000");
  EXPECT_EQ(registration_commands("h", "a", "r", {}, "").add_tags, "");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
}

TEST(OnPremState, RoundTripsWithoutSecretsAndRejectsDamage) {
  SessionState s;
  s.role_arn = "arn:aws:iam::1:role/R";
  s.session_name = "h";
  s.region = "eu-west-1";
  s.duration_seconds = 7200;
  s.sts_endpoint = "https://sts.example";
  s.profile = "onprem";
  s.profile_explicit = true;
  s.base_credentials_file = "/etc/cdrun/base";
  s.credentials_file = "/etc/codedeploy-agent/conf/credentials";
  s.onpremises_config = "/etc/codedeploy-agent/conf/codedeploy.onpremises.yml";
  s.session_arn = "arn:aws:sts::1:assumed-role/R/h";
  s.access_key_id_masked = "ASIA****ABCD";
  s.issued_at = 1795311013;
  s.expiration = 1795318213;
  const StateParse back = parse_session_state(render_session_state(s));
  ASSERT_TRUE(back.state) << back.error;
  EXPECT_EQ(back.state->role_arn, s.role_arn);
  EXPECT_EQ(back.state->duration_seconds, 7200);
  EXPECT_EQ(back.state->sts_endpoint, s.sts_endpoint);
  EXPECT_EQ(back.state->profile, "onprem");
  EXPECT_TRUE(back.state->profile_explicit);
  EXPECT_EQ(back.state->base_credentials_file, "/etc/cdrun/base");
  EXPECT_EQ(back.state->issued_at, s.issued_at);
  EXPECT_EQ(back.state->expiration, s.expiration);
  EXPECT_THAT(parse_session_state("[]").error, HasSubstr("not a JSON object"));
  EXPECT_THAT(parse_session_state(R"({"role_arn":"a"})").error, HasSubstr("missing"));
  EXPECT_THAT(parse_session_state("{").error, HasSubstr("not a JSON object"));
}

}  // namespace
}  // namespace cdrun::aws
