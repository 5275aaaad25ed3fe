// End to end: os: windows bundles, whose paths the Windows agent joins with Windows rules: a
// backslash is a separator, a leading "\" (or ".\") means the bundle root, and names match
// without regard to case. Modelled on AWS's SampleApp_Windows (aws-codedeploy-samples).
#include <gtest/gtest.h>

#include "bundle_builder.h"
#include "validate_bundle_expect.h"

namespace cdrun::e2e {
namespace {

// SampleApp_Windows's appspec, as AWS publishes it.
const std::string kSampleAppWindows =
    "version: 0.0\n"
    "os: windows\n"
    "files:\n"
    "  - source: \\index.html\n"
    "    destination: c:\\inetpub\\wwwroot\n"
    "hooks:\n"
    "  BeforeInstall:\n"
    "    - location: \\before-install.bat\n"
    "      timeout: 900\n";

const std::string kBeforeInstall = "REM Install Internet Information Server (IIS).\r\n"
                                   "c:\\Windows\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe -Command Import-Module "
                                   "-Name ServerManager\r\n";

void expect_clean(const JsonRun& run) {
  EXPECT_EQ(run.exit_code, 0) << run.report.dump(2);
  EXPECT_EQ(run.report["summary"]["errors"], 0) << run.report.dump(2);
  EXPECT_EQ(run.report["summary"]["warnings"], 0) << run.report.dump(2);
}

TEST(ValidateWindowsBundleE2E, SampleAppWindowsIsValidAsDirectoryAndZip) {
  TempDir dir;
  dir.write("bundle/appspec.yml", kSampleAppWindows);
  dir.write("bundle/index.html", "<h1>Hello</h1>\r\n");
  dir.write("bundle/before-install.bat", kBeforeInstall);
  expect_clean(validate_json(dir.path() + "/bundle", {"--strict"}));

  const std::string zip = dir.path() + "/SampleApp_Windows.zip";
  write_archive(zip, ArchiveFormat::zip,
                {file_member("appspec.yml", kSampleAppWindows), file_member("index.html", "<h1>Hello</h1>\r\n"),
                 file_member("before-install.bat", kBeforeInstall)});
  expect_clean(validate_json(zip, {"--strict"}));
}

TEST(ValidateWindowsBundleE2E, BackslashPathsAndLetterCaseResolveAsOnWindows) {
  TempDir dir;
  dir.write("appspec.yml",
            "version: 0.0\n"
            "os: windows\n"
            "files:\n"
            "  - source: \\\n"
            "    destination: c:\\app\n"
            "  - source: .\\Content\\site\n"
            "    destination: c:\\inetpub\\wwwroot\n"
            "hooks:\n"
            "  ApplicationStop:\n"
            "    - location: .\\RemoveApp.ps1\n"
            "    - location: deploy\\ApplicationStop.ps1\n"
            "  ApplicationStart:\n"
            "    - location: Deploy\\START.PS1\n");
  dir.write("content/Site/default.htm", "<p>hi</p>\r\n");
  dir.write("RemoveApp.ps1", "Remove-Item c:\\app -Recurse\r\n");
  dir.write("deploy/ApplicationStop.ps1", "Stop-Service app\r\n");
  dir.write("deploy/start.ps1", "Start-Service app\r\n");
  expect_clean(validate_json(dir.path(), {"--strict"}));
}

TEST(ValidateWindowsBundleE2E, MissingFilesAreStillErrors) {
  TempDir dir;
  const std::string appspec = dir.write("appspec.yml",
                                        "version: 0.0\n"
                                        "os: windows\n"
                                        "files:\n"
                                        "  - source: \\web\n"               // 4: '-' at 3, mapping at 5
                                        "    destination: c:\\inetpub\n"
                                        "hooks:\n"
                                        "  BeforeInstall:\n"
                                        "    - location: \\scripts\\missing.bat\n");  // 8: mapping at 7
  dir.write("scripts/install.bat", "echo install\r\n");
  const JsonRun run = validate_json(dir.path());
  expect_diagnostic(run, {"CD340", "error", appspec, 4, 5,
                          "files source \"\\web\" is not in the bundle; Install fails with \"No such file or directory @ "
                          "rb_sysopen\""});
  expect_diagnostic(run, {"CD330", "error", appspec, 8, 7,
                          "hook BeforeInstall script \"\\scripts\\missing.bat\" is not in the bundle; the agent fails with "
                          "\"Script does not exist at specified location: .../deployment-archive/scripts/missing.bat\""});
  EXPECT_EQ(run.exit_code, 1);
}

// On Linux a backslash is an ordinary character: the same location names a file the bundle lacks.
TEST(ValidateWindowsBundleE2E, BackslashIsNoSeparatorForLinux) {
  TempDir dir;
  const std::string appspec =
      dir.write("appspec.yml", "version: 0.0\nos: linux\nhooks:\n  BeforeInstall:\n    - location: scripts\\install.sh\n");
  dir.write("scripts/install.sh", "#!/bin/bash\ntrue\n", 0755);
  const JsonRun run = validate_json(dir.path());
  expect_diagnostic(run, {"CD330", "error", appspec, 5, 7,
                          "hook BeforeInstall script \"scripts\\install.sh\" is not in the bundle; the agent fails with "
                          "\"Script does not exist at specified location: .../deployment-archive/scripts\\install.sh\""});
}

}  // namespace
}  // namespace cdrun::e2e
