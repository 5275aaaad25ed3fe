// End to end: the Lambda Properties rules (CD540-CD546), valid Lambda appspecs, and the JUnit
// report of an invalid one. Positions are counted by hand from kValidLambda's layout.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "validate_ecs_lambda_e2e_check.h"

namespace cdrun::e2e {
namespace {

TEST(ValidateLambdaPropertiesE2E, CD540NameMissingOrEmpty) {
  // Without Name, Properties starts with Alias on line 6.
  expect_lambda(replaced(kValidLambda, "        Name: my-function\n", ""), {"CD540", "error", 6, 9, "Properties has no Name"});
  expect_lambda(replaced(kValidLambda, "Name: my-function", "Name: \"\""), {"CD540", "error", 6, 15, "Name is empty"});
  expect_lambda(replaced(kValidLambda, "Name: my-function", "Name:"), {"CD540", "error", 6, 9, "Name has no value"});
}

TEST(ValidateLambdaPropertiesE2E, CD541AliasMissingOrEmpty) {
  expect_lambda(replaced(kValidLambda, "        Alias: live\n", ""), {"CD541", "error", 6, 9, "Properties has no Alias"});
  expect_lambda(replaced(kValidLambda, "Alias: live", "Alias:"), {"CD541", "error", 7, 9, "Alias has no value"});
}

TEST(ValidateLambdaPropertiesE2E, CD542CurrentVersionMissingIsOnlyAWarning) {
  expect_lambda(replaced(kValidLambda, "        CurrentVersion: 1\n", ""),
                {"CD542", "warning", 6, 9, "Properties has no CurrentVersion"});
  expect_lambda(replaced(kValidLambda, "CurrentVersion: 1", "CurrentVersion:"),
                {"CD542", "warning", 8, 9, "CurrentVersion has no value"});
}

TEST(ValidateLambdaPropertiesE2E, CD543TargetVersionMissingOrEmpty) {
  expect_lambda(replaced(kValidLambda, "        TargetVersion: 2\n", ""),
                {"CD543", "error", 6, 9, "Properties has no TargetVersion"});
  expect_lambda(replaced(kValidLambda, "TargetVersion: 2", "TargetVersion:"),
                {"CD543", "error", 9, 9, "TargetVersion has no value"});
}

TEST(ValidateLambdaPropertiesE2E, CD544VersionNotAPositiveWholeNumber) {
  const std::string tail = "; it must be a published version number (1, 2, ...)";
  expect_lambda(replaced(kValidLambda, "TargetVersion: 2", "TargetVersion: 0"),
                {"CD544", "error", 9, 24, "TargetVersion is 0" + tail});
  expect_lambda(replaced(kValidLambda, "TargetVersion: 2", "TargetVersion: -1"),
                {"CD544", "error", 9, 24, "TargetVersion is -1" + tail});
  expect_lambda(replaced(kValidLambda, "TargetVersion: 2", "TargetVersion: 1.5"),
                {"CD544", "error", 9, 24, "TargetVersion is 1.5" + tail});
  expect_lambda(replaced(kValidLambda, "TargetVersion: 2", "TargetVersion: \"02\""),
                {"CD544", "error", 9, 24, "TargetVersion is \"02\"" + tail});
  expect_lambda(replaced(kValidLambda, "CurrentVersion: 1", "CurrentVersion: abc"),
                {"CD544", "error", 8, 25, "CurrentVersion is abc" + tail});
}

TEST(ValidateLambdaPropertiesE2E, CD545VersionIsLatest) {
  expect_lambda(replaced(kValidLambda, "TargetVersion: 2", "TargetVersion: $LATEST"),
                {"CD545", "error", 9, 24, "TargetVersion is $LATEST; an alias that shifts traffic cannot point at $LATEST"});
  expect_lambda(replaced(kValidLambda, "CurrentVersion: 1", "CurrentVersion: \"$latest\""),
                {"CD545", "error", 8, 25,
                 "CurrentVersion is \"$latest\"; an alias that shifts traffic cannot point at $LATEST"});
}

TEST(ValidateLambdaPropertiesE2E, CD546SameCurrentAndTargetVersion) {
  // A quoted "2" and a bare 2 name the same version.
  expect_lambda(replaced(kValidLambda, "CurrentVersion: 1", "CurrentVersion: \"2\""),
                {"CD546", "warning", 9, 24, "CurrentVersion and TargetVersion are both 2; there is no traffic to shift"});
}

void expect_valid_lambda(const std::string& appspec) {
  TempDir dir;
  const JsonRun run = validate_appspec_text(dir, appspec);
  ASSERT_TRUE(run.report.is_object()) << run.stderr_text;
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.report["valid"], true);
  EXPECT_EQ(run.report["platform"], "lambda");
  EXPECT_EQ(run.report["summary"]["errors"], 0);
  EXPECT_EQ(codes_of(run.report), std::vector<std::string>{}) << run.report.dump(2);
  EXPECT_FALSE(run.report.contains("agent"));
}

TEST(ValidateLambdaPropertiesE2E, ValidAppSpecAsInTheTemplate) {
  expect_valid_lambda(
      "version: 0.0\n"
      "Resources:\n"
      "  - myLambdaFunction:\n"
      "      Type: AWS::Lambda::Function\n"
      "      Properties:\n"
      "        Name: \"myLambdaFunction\"\n"
      "        Alias: \"myLambdaFunctionAlias\"\n"
      "        CurrentVersion: \"1\"\n"
      "        TargetVersion: \"2\"\n"
      "Hooks:\n"
      "  - BeforeAllowTraffic: \"CodeDeployHook_LambdaFunctionToValidateBeforeTrafficShift\"\n"
      "  - AfterAllowTraffic: \"CodeDeployHook_LambdaFunctionToValidateAfterTrafficShift\"\n");
}

TEST(ValidateLambdaPropertiesE2E, ValidAppSpecInTheReferencePagesLowercase) {
  expect_valid_lambda(
      "version: \"0.0\"\n"
      "resources:\n"
      "  - myLambdaFunction:\n"
      "      type: AWS::Lambda::Function\n"
      "      properties:\n"
      "        name: myLambdaFunction\n"
      "        alias: live\n"
      "        currentversion: 3\n"
      "        targetversion: 4\n");
}

// Runs `xmllint --noout -` on `xml`; true when it exits 0.
bool xmllint_accepts(const std::string& xml) {
  FILE* pipe = popen("/usr/bin/xmllint --noout - 2>/dev/null", "w");
  if (pipe == nullptr) return false;
  fwrite(xml.data(), 1, xml.size(), pipe);
  return pclose(pipe) == 0;
}

TEST(ValidateLambdaPropertiesE2E, JunitReportIsWellFormedXml) {
  if (!std::filesystem::exists("/usr/bin/xmllint")) GTEST_SKIP() << "xmllint is not installed";
  TempDir dir;
  // An error (CD545) and a warning (CD523) whose message quotes markup characters.
  const std::string appspec = replaced(kValidLambda, "TargetVersion: 2", "TargetVersion: $LATEST") +
                              "Hooks:\n  - BeforeAllowTraffic: '<fn>&\"x\"'\n";
  const std::string path = dir.write("appspec.yml", appspec);
  const Outcome run = run_cdrun({"validate", "--format", "junit", path});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(xmllint_accepts(run.out)) << run.out;
  EXPECT_NE(run.out.find("<testsuites name=\"cdrun validate\" tests=\"2\" failures=\"1\" errors=\"0\">"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("classname=\"cdrun.CD545\""), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(path + ":9:24: error: TargetVersion is $LATEST; an alias that shifts traffic cannot point at "
                                "$LATEST [CD545]"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("classname=\"cdrun.CD523\""), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("&apos;&lt;fn&gt;&amp;&quot;x&quot;&apos;"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace cdrun::e2e
