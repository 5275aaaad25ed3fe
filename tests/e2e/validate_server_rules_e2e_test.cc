// End to end: cdrun's own EC2/on-premises rules (CD2xx) through the built binary.
#include <gtest/gtest.h>

#include "validate_json.h"

namespace cdrun::e2e {
namespace {

const std::string kHead = "version: 0.0\nos: linux\n";
// Rules about what agent 1.8 does with a value that agent 2.x rejects outright (its CD110/CD111
// are tested in validate_agent2_e2e_test.cc): judged with agent 1.8 alone.
const std::vector<std::string> kAgent18{"--agent-version", "1.8"};

struct Expect {
  std::string code;
  std::string severity;
  int line;
  int column;
  std::string message;
  int exit_code = -1;  // expected exit status; by default 1 for an error, else 0
};

void check(const std::string& appspec, const Expect& e, const std::vector<std::string>& args = {}) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, appspec, args);
  auto found = with_code(run.report, e.code);
  ASSERT_FALSE(found.empty()) << e.code << " missing in\n" << run.report.dump(2);
  const auto& d = found[0];
  EXPECT_EQ(d["severity"], e.severity) << d.dump();
  EXPECT_EQ(d["line"], e.line) << d.dump();
  EXPECT_EQ(d["column"], e.column) << d.dump();
  EXPECT_EQ(d["message"], e.message) << d.dump();
  EXPECT_EQ(run.exit_code, e.exit_code >= 0 ? e.exit_code : e.severity == "error" ? 1 : 0) << run.report.dump(2);
}

TEST(ValidateServerRulesE2E, CD200UnknownEventWithDidYouMean) {
  TempDir dir;
  JsonRun run = validate_appspec_text(dir, kHead + "hooks:\n  ApplicationStrat:\n    - location: a.sh\n");
  auto found = with_code(run.report, "CD200");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["message"], "unknown lifecycle event 'ApplicationStrat'");
  EXPECT_EQ(found[0]["line"], 4);
  EXPECT_EQ(found[0]["column"], 3);
  EXPECT_EQ(found[0]["hint"].get<std::string>().rfind("did you mean ApplicationStart?", 0), 0u);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.report["agent"]["accepts"], true);  // the agent's parser does not check names
}

TEST(ValidateServerRulesE2E, CD201ReservedEvent) {
  check(kHead + "hooks:\n  Install:\n    - location: a.sh\n",
        {"CD201", "error", 4, 3, "Install is reserved for CodeDeploy and cannot run scripts"});
}

// The agent never sums timeouts (its sum function is dead code): only timeouts written out can
// hint at the service's hour per event, and only as a note.
TEST(ValidateServerRulesE2E, CD203ExplicitTimeoutsOverAnHourAreANote) {
  check(kHead + "hooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: 3000\n    - location: b.sh\n      timeout: 900\n",
        {"CD203", "note", 4, 3,
         "the timeouts of AfterInstall add up to 3900 seconds; CodeDeploy fails the event if its scripts really run "
         "longer than 3600 seconds together"});
}

TEST(ValidateServerRulesE2E, CD203ScriptsWithoutTimeoutAreNotCountedAsAnHour) {
  for (const std::string& hooks : {std::string("    - location: a.sh\n      timeout: 3000\n    - location: b.sh\n"),
                                   std::string("    - location: a.sh\n    - location: b.sh\n    - location: c.sh\n")}) {
    TempDir dir;
    JsonRun run = validate_appspec_text(dir, kHead + "hooks:\n  AfterInstall:\n" + hooks);
    EXPECT_TRUE(with_code(run.report, "CD203").empty()) << run.report.dump(2);
    EXPECT_EQ(run.exit_code, 0) << run.report.dump(2);
  }
}

TEST(ValidateServerRulesE2E, CD204TimeoutsReadDifferentlyThanWritten) {
  check(kHead + "hooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: 30abc\n",
        {"CD204", "warning", 6, 16, "timeout '30abc' is a string; the agent reads it as 30 seconds"}, kAgent18);
  check(kHead + "hooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: 2.9\n",
        {"CD204", "warning", 6, 16, "timeout 2.9 is not a whole number; the agent truncates it to 2 seconds"}, kAgent18);
  check(kHead + "hooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: 1e3\n",
        {"CD204", "warning", 6, 16, "timeout '1e3' is a string; the agent reads it as 1 second"}, kAgent18);
  check(kHead + "hooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: 0300\n",
        {"CD204", "warning", 6, 16, "timeout 0300 is read by YAML 1.1 as 192 seconds"}, kAgent18);
}

TEST(ValidateServerRulesE2E, CD205TrafficEventsNeedALoadBalancer) {
  check(kHead + "hooks:\n  BeforeBlockTraffic:\n    - location: a.sh\n",
        {"CD205", "note", 4, 3, "BeforeBlockTraffic runs only when the deployment group has a load balancer"});
}

// The agents expand a relative destination against their working directory (agent-behavior.md
// II:184-187, agent 2's nu_path::expand_path): the deployment works, the files land elsewhere.
TEST(ValidateServerRulesE2E, CD206RelativeDestinationIsAWarning) {
  check(kHead + "files:\n  - source: app\n    destination: var/www\n",
        {"CD206", "warning", 5, 18, "destination 'var/www' is not an absolute path"});
  check("version: 0.0\nos: windows\nfiles:\n  - source: app\n    destination: inetpub\n",
        {"CD206", "warning", 5, 18, "destination 'inetpub' is not an absolute path"});
}

// The Windows agent builds the command from the script path alone and never reads runas.
TEST(ValidateServerRulesE2E, CD207RunasOnWindowsIsIgnored) {
  check("version: 0.0\nos: windows\nhooks:\n  AfterInstall:\n    - location: a.bat\n      runas: admin\n",
        {"CD207", "note", 5, 7, "runas is ignored on Windows: the agent runs the script as its own user"});
}

TEST(ValidateServerRulesE2E, CD209UnquotedModeWithLeadingZero) {
  check(kHead + "files:\n  - source: a\n    destination: /a\npermissions:\n  - object: /a\n    mode: 0644\n",
        {"CD209", "error", 8, 11, "mode 0644 is the YAML 1.1 number 420: the agent will chmod 420"});
}

TEST(ValidateServerRulesE2E, CD210VersionZeroAndCD211QuotedVersion) {
  check("version: 0\nos: linux\n", {"CD210", "warning", 1, 10, "version 0 is accepted by the agent only because 0 == 0.0 in Ruby"});
  check("version: \"0.0\"\nos: linux\n",
        {"CD211", "error", 1, 10, "quoted version \"0.0\" is a string; the agent compares version with the number 0.0"});
}

TEST(ValidateServerRulesE2E, CD212SudoNoIsTrue) {
  check(kHead + "hooks:\n  AfterInstall:\n    - location: a.sh\n      sudo: 'no'\n",
        {"CD212", "warning", 6, 13, "sudo: 'no' is a non-empty string, which the agent treats as true"}, kAgent18);
}

TEST(ValidateServerRulesE2E, CD213EmptyRunas) {
  check(kHead + "hooks:\n  AfterInstall:\n    - location: a.sh\n      runas: ''\n",
        {"CD213", "warning", 5, 7, "runas is empty: the agent runs `su  -c <script>`, that is as root"});
}

TEST(ValidateServerRulesE2E, CD214To216PermissionsThatDoLessThanTheyLook) {
  const std::string files = "files:\n  - source: web\n    destination: /var/www\n";
  check(kHead + files + "permissions:\n  - object: /var/www\n    pattern: '*.sh'\n",
        {"CD214", "warning", 7, 5, "pattern \"*.sh\" matches only direct children of /var/www"});
  check(kHead + files + "permissions:\n  - object: /var/www\n",
        {"CD215", "note", 7, 5, "permissions never change /var/www itself"});
  check(kHead + files + "permissions:\n  - object: /opt/other\n",
        {"CD216", "warning", 7, 5, "object /opt/other is not installed by this appspec's files"});
}

TEST(ValidateServerRulesE2E, CD217OverwriteAndCD218LowercaseBehavior) {
  check(kHead + "file_exists_behavior: OVERWRITE\n",
        {"CD217", "warning", 3, 23, "OVERWRITE records files that were already on the host in the cleanup list"});
  check(kHead + "file_exists_behavior: overwrite\n", {"CD218", "note", 3, 23, "did you mean OVERWRITE?", 1});
}

TEST(ValidateServerRulesE2E, CD219BehaviorInsideFilesEntry) {
  check(kHead + "files:\n  - source: a\n    destination: /a\n    file_exists_behavior: OVERWRITE\n",
        {"CD219", "warning", 6, 5, "file_exists_behavior inside a files entry is ignored"});
}

TEST(ValidateServerRulesE2E, CD221UnknownTopLevelKey) {
  check(kHead + "hook:\n  AfterInstall: []\n", {"CD221", "warning", 3, 1, "unknown top-level key 'hook' is ignored by the agent"});
}

TEST(ValidateServerRulesE2E, CD222UnknownScriptKey) {
  check(kHead + "hooks:\n  AfterInstall:\n    - location: a.sh\n      timout: 30\n",
        {"CD222", "warning", 6, 7, "unknown script key 'timout' is ignored by the agent"});
}

TEST(ValidateServerRulesE2E, CD223EmptySection) {
  check(kHead + "files:\n", {"CD223", "warning", 3, 1, "'files' is present but empty"});
}

TEST(ValidateServerRulesE2E, CD224EventWithoutScripts) {
  check(kHead + "hooks:\n  AfterInstall: []\n", {"CD224", "note", 4, 3, "AfterInstall has no scripts"});
}

TEST(ValidateServerRulesE2E, CD225OsCase) {
  check("version: 0.0\nos: Linux\n", {"CD225", "note", 2, 5, "did you mean os: linux?", 1});
}

TEST(ValidateServerRulesE2E, CD226SymbolicMode) {
  check(kHead + "permissions:\n  - object: /a\n    mode: u+x\n", {"CD226", "note", 5, 11, "symbolic modes such as u+x are not supported", 1});
}

TEST(ValidateServerRulesE2E, CD227AndCD228SelinuxContext) {
  const std::string perm = kHead + "files:\n  - source: a\n    destination: /a\npermissions:\n  - object: /a\n    context:\n      type: t\n";
  check(perm, {"CD228", "error", 7, 5, "context without range makes the agent's Install crash"});
  check(perm + "      range: s0\n", {"CD227", "note", 7, 5, "codedeploy-local cannot run appspecs with acls or context"});
}

TEST(ValidateServerRulesE2E, CD229DuplicateKey) {
  check(kHead + "os: linux\n", {"CD229", "warning", 3, 1, "duplicate key 'os': this value replaces the one at line 2"},
        kAgent18);
}

TEST(ValidateServerRulesE2E, CD232EmptySource) {
  check(kHead + "files:\n  - source: ''\n    destination: /a\n",
        {"CD232", "warning", 4, 13, "source is empty, which the agent reads as the whole bundle"}, kAgent18);
}

// A host directory: the author meant the host's /usr/bin/true, which no agent runs.
TEST(ValidateServerRulesE2E, CD236HostPathLocationIsAWarning) {
  check(kHead + "hooks:\n  AfterInstall:\n    - location: /usr/bin/true\n",
        {"CD236", "warning", 5, 17, "location '/usr/bin/true' is not an absolute path to the agent: it is joined to the bundle root"});
}

// AWS's ELB sample and many bundles write /scripts/x.sh for the bundle's scripts/x.sh: what both
// agents run, so only a note.
TEST(ValidateServerRulesE2E, CD236BundlePathWithLeadingSlashIsANote) {
  check(kHead + "hooks:\n  AfterInstall:\n    - location: /scripts/start.sh\n",
        {"CD236", "note", 5, 17, "location '/scripts/start.sh' is joined to the bundle root: the agent runs the bundle's scripts/start.sh"});
}

// The crash is the finding; the event still lists its script, so it is not "empty" (CD224).
TEST(ValidateServerRulesE2E, CD224NotForAnEventWhoseScriptTheAgentCrashesOn) {
  TempDir dir;
  JsonRun run = validate_appspec_text(
      dir, kHead + "hooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: .nan\n", kAgent18);
  EXPECT_TRUE(with_code(run.report, "CD224").empty()) << run.report.dump(2);
  EXPECT_EQ(run.report["diagnostics"].size(), 1u) << run.report.dump(2);
  const auto found = with_code(run.report, "CD101");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["line"], 6);
  EXPECT_EQ(found[0]["column"], 16);
  EXPECT_EQ(found[0]["message"], "the agent's parser crashes with FloatDomainError: timeout must be a whole number of seconds");
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateServerRulesE2E, CD237PermissionObjectTwice) {
  check(kHead + "files:\n  - source: a\n    destination: /a\npermissions:\n  - object: /a/\n  - object: /a\n",
        {"CD237", "error", 8, 5,
         "The deployment failed because the permissions setting for (/a) is specified more than once in the application "
         "specification file. Update the files section of the AppSpec file, and then try again."});
}

TEST(ValidateServerRulesE2E, CD240To244EventsOption) {
  const std::string appspec = kHead + "hooks:\n  ApplicationStop:\n    - location: stop.sh\n";
  check(appspec, {"CD240", "warning", 0, 0, "event ' ApplicationStart' has spaces around it", 1}, {"--events", "ApplicationStop, ApplicationStart"});
  check(appspec,
        {"CD241", "error", 0, 0,
         "The only events that can be specified before DownloadBundle are BeforeBlockTraffic,AfterBlockTraffic,ApplicationStop. "
         "Please fix the order of your specified events: AfterInstall,DownloadBundle"},
        {"--events", "AfterInstall,DownloadBundle"});
  check(appspec,
        {"CD242", "warning", 0, 0,
         "ApplicationStop runs after DownloadBundle in this order (DownloadBundle, Install, ApplicationStop), so it runs the new "
         "revision's script, not the previous one's"},
        {"--events", "ApplicationStop"});
  check(appspec, {"CD243", "error", 0, 0, "BeforeInstall runs before DownloadBundle, when no appspec has been downloaded yet"},
        {"--events", "BeforeInstall,DownloadBundle,Install"});
  check(appspec,
        {"CD244", "error", 0, 0,
         "You specified a lifecycle event which is not a default one and doesn't exist in your appspec.yml file: HealthCheck"},
        {"--events", "ApplicationStop,DownloadBundle,Install,HealthCheck"});
}

}  // namespace
}  // namespace cdrun::e2e
