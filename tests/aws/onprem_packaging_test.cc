// The systemd units shipped for `cdrun onprem renew`: accepted by systemd-analyze verify (when the
// tool exists here), and saying what the README and --help promise.
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "tests/aws/onprem_test_support.h"

namespace cdrun::testing {
namespace {

using ::testing::HasSubstr;

const std::string kUnits = std::string(CDRUN_SOURCE_DIR) + "/packaging/systemd/";

TEST(OnPremPackaging, UnitsRunRenewOneshotEveryFifteenMinutesHardened) {
  const std::string service = read_file(kUnits + "cdrun-onprem-renew.service");
  const std::string timer = read_file(kUnits + "cdrun-onprem-renew.timer");
  for (const char* line : {"Type=oneshot", "ExecStart=/usr/local/bin/cdrun onprem renew", "ProtectSystem=strict",
                           "ReadWritePaths=/etc/codedeploy-agent/conf", "NoNewPrivileges=yes", "PrivateTmp=yes"})
    EXPECT_THAT(service, HasSubstr(std::string("\n") + line + "\n"));
  EXPECT_THAT(timer, HasSubstr("\nOnCalendar=*:0/15\n"));
  EXPECT_THAT(timer, HasSubstr("\nWantedBy=timers.target\n"));
}

TEST(OnPremPackaging, SystemdAnalyzeVerifyAcceptsTheUnits) {
  if (::access("/usr/bin/systemd-analyze", X_OK) != 0) GTEST_SKIP() << "systemd-analyze is not installed";
  cdrun::e2e::TempDir dir;
  // verify wants ExecStart's binary to exist: point it at the one just built.
  const std::string service = std::regex_replace(read_file(kUnits + "cdrun-onprem-renew.service"),
                                                 std::regex("/usr/local/bin/cdrun"), std::string(CDRUN_BINARY));
  dir.write("cdrun-onprem-renew.service", service);
  dir.write("cdrun-onprem-renew.timer", read_file(kUnits + "cdrun-onprem-renew.timer"));
  const cdrun::e2e::Outcome run = cdrun::e2e::run_program(
      "/usr/bin/systemd-analyze",
      {"verify", dir.path() + "/cdrun-onprem-renew.service", dir.path() + "/cdrun-onprem-renew.timer"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(run.err, "");
}

}  // namespace
}  // namespace cdrun::testing
