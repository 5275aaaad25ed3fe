// End to end: `cdrun validate` with a machine format when the target cannot be read at all. CI
// report steps (CodeBuild report groups, GitHub code scanning) reject an empty file, so the report
// is still a whole document that says what went wrong; the exit status stays 2.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "run_cdrun.h"

namespace cdrun::e2e {
namespace {

TEST(ValidateReadErrorE2E, JunitCarriesTheErrorAsOneFailedTestCase) {
  TempDir dir;
  const std::string missing = dir.path() + "/no-such-bundle";
  const Outcome run = run_cdrun({"validate", "--format", "junit", missing});
  EXPECT_EQ(run.exit_code, 2);
  const std::string message = "cannot read " + missing + ": No such file or directory";
  EXPECT_EQ(run.err, "cdrun: error: " + message + "\n");
  EXPECT_EQ(run.out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"cdrun validate\" tests=\"1\" failures=\"1\" errors=\"0\">\n"
            "  <testsuite name=\"" + missing + "\" tests=\"1\" failures=\"1\" errors=\"0\">\n"
            "    <testcase classname=\"cdrun.validate\" name=\"" + missing + " can be read\">\n"
            "      <failure message=\"" + message + "\" type=\"error\">" + message + "</failure>\n"
            "    </testcase>\n"
            "  </testsuite>\n"
            "</testsuites>\n");
}

TEST(ValidateReadErrorE2E, JsonSaysInvalidWithTheError) {
  TempDir dir;
  // Not an archive: the bundle reader refuses it before any check runs.
  const std::string broken = dir.write("bundle.zip", "this is not a zip archive\n");
  const Outcome run = run_cdrun({"validate", "--format", "json", broken});
  EXPECT_EQ(run.exit_code, 2);
  const nlohmann::json report = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(report.is_object()) << run.out;
  EXPECT_EQ(report["target"], broken);
  EXPECT_EQ(report["valid"], false);
  EXPECT_TRUE(report["platform"].is_null());
  const std::string error = report.value("error", "");
  EXPECT_EQ(error.rfind(broken + " is not a zip, tar or tgz archive", 0), 0u) << error;
  EXPECT_EQ(run.err, "cdrun: error: " + error + "\n");
  EXPECT_EQ(report["diagnostics"], nlohmann::json::array());
  EXPECT_EQ(report["summary"], (nlohmann::json{{"errors", 0}, {"warnings", 0}, {"notes", 0}}));
}

TEST(ValidateReadErrorE2E, SarifReportsAnUnsuccessfulInvocation) {
  TempDir dir;
  const std::string missing = dir.path() + "/gone/appspec.yml";
  const Outcome run = run_cdrun({"validate", "--format", "sarif", missing});
  EXPECT_EQ(run.exit_code, 2);
  const nlohmann::json sarif = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(sarif.is_object()) << run.out;
  EXPECT_EQ(sarif["version"], "2.1.0");
  const nlohmann::json& sarif_run = sarif["runs"][0];
  EXPECT_EQ(sarif_run["results"], nlohmann::json::array());
  const nlohmann::json& invocation = sarif_run["invocations"][0];
  EXPECT_EQ(invocation["executionSuccessful"], false);
  EXPECT_EQ(invocation["toolExecutionNotifications"],
            (nlohmann::json::array({{{"level", "error"},
                                     {"message", {{"text", "cannot read " + missing + ": No such file or directory"}}}}})));
}

TEST(ValidateReadErrorE2E, AValidRunHasNoInvocationFailureAndTextStaysSilentOnStdout) {
  TempDir dir;
  const std::string appspec = dir.write("appspec.yml", "version: 0.0\nos: linux\n");
  const nlohmann::json sarif = nlohmann::json::parse(run_cdrun({"validate", "--format", "sarif", appspec}).out);
  EXPECT_FALSE(sarif["runs"][0].contains("invocations"));
  const Outcome text = run_cdrun({"validate", dir.path() + "/missing"});
  EXPECT_EQ(text.exit_code, 2);
  EXPECT_EQ(text.out, "");
}

TEST(ValidateReadErrorE2E, AnUnreadableAppspecStillGivesAJunitDocument) {
  if (!unprivileged_runs_possible()) GTEST_SKIP() << "as root, this test needs setpriv and a build nobody can run";
  TempDir dir;
  ::chmod(dir.path().c_str(), 0755);  // nobody must reach the unreadable file to be refused by it
  const std::string appspec = dir.write("appspec.yml", "version: 0.0\nos: linux\n", 0000);
  const Outcome run = run_unprivileged(CDRUN_BINARY, {"validate", "--format", "junit", appspec});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("<failure message=\"cannot read " + appspec + ": Permission denied\" type=\"error\">"),
            std::string::npos)
      << run.out;
}

}  // namespace
}  // namespace cdrun::e2e
