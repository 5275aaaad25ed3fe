// The sample bundle's log wiring: the CloudWatch agent and awslogs configs as committed (the
// production paths and AWS's CodeDeploy log groups), and as configure_server.sh renders them for a
// real deployment, where every file they name must be one cdrun, the app or the proxy really
// wrote; the rendered logrotate config as logrotate -d reads it.
#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "deploy_support.h"
#include "log_config_files.h"

namespace cdrun::sample_app_e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// The CodeDeploy agent updater's log: the agent's installer writes it when it updates itself.
// Nothing cdrun does writes it, so it is the one path a local deployment cannot produce.
const std::string kUpdaterLog = "/tmp/codedeploy-agent.update.log";

std::string config(const std::string& name) { return std::string(CDRUN_SOURCE_DIR) + "/sample-app/bundle/config/" + name; }

std::map<std::string, std::string> group_by_file(const std::vector<ShippedLog>& logs) {
  std::map<std::string, std::string> groups;
  for (const ShippedLog& log : logs) groups[log.file] = log.group;
  return groups;
}

// Both shippers' entries, with structural problems reported as test failures.
std::vector<ShippedLog> shipped_logs(const std::string& dir, std::vector<ShippedLog>* awslogs) {
  std::vector<std::string> problems;
  std::vector<ShippedLog> cloudwatch = cloudwatch_agent_logs(read_file(dir + "/amazon-cloudwatch-agent.json"), problems);
  *awslogs = awslogs_logs(parse_ini(read_file(dir + "/awslogs.conf"), problems), problems);
  EXPECT_THAT(problems, IsEmpty()) << "in " << dir;
  return cloudwatch;
}

TEST(LogConfigs, CommittedConfigsShipTheProductionPathsToCodeDeploysLogGroups) {
  std::vector<ShippedLog> awslogs;
  const std::vector<ShippedLog> cloudwatch = shipped_logs(config(""), &awslogs);
  // The agent's documented default paths and the sample's default prefix.
  const std::map<std::string, std::string> expected{
      {"/var/log/aws/codedeploy-agent/codedeploy-agent.log", "codedeploy-agent-log"},
      {"/opt/codedeploy-agent/deployment-root/deployment-logs/codedeploy-agent-deployments.log",
       "codedeploy-agent-deployment-log"},
      {"/opt/codedeploy-agent/deployment-root/*/*/logs/scripts.log", "codedeploy-agent-deployment-log"},
      {kUpdaterLog, "codedeploy-updater-log"},
      {"/opt/cdrun-sample/proxy/logs/access.log", "cdrun-sample-proxy"},
      {"/opt/cdrun-sample/proxy/logs/error.log", "cdrun-sample-proxy"},
      {"/opt/cdrun-sample/logs/console.log", "cdrun-sample-app"},
      {"/opt/cdrun-sample/logs/app.log", "cdrun-sample-app"}};
  EXPECT_EQ(group_by_file(cloudwatch), expected);
  EXPECT_EQ(group_by_file(awslogs), expected);
  std::set<std::string> streams;
  for (const ShippedLog& log : cloudwatch) {
    EXPECT_THAT(log.stream, HasSubstr("{instance_id}")) << log.file;
    streams.insert(log.stream);
  }
  EXPECT_EQ(streams.size(), cloudwatch.size()) << "two files share a log stream";
  for (const ShippedLog& log : awslogs) EXPECT_EQ(streams.count(log.stream), 1u) << log.file << " " << log.stream;
}

// Deploys v1 into `install`, makes one request, and checks that every file the rendered configs
// ship exists (globs expanded), that cdrun's own logs are among them, and how many entries there are.
void expect_rendered_configs_name_written_files(SampleInstall& install, size_t expected_entries) {
  ASSERT_EQ(install.make_bundle("v1").exit_code, 0);
  const e2e::Outcome deploy = install.deploy(install.bundle_dir("v1"));
  ASSERT_EQ(deploy.exit_code, 0) << deploy.out << deploy.err;
  ASSERT_EQ(http_get(install.proxy_url("/users")).status, 200);

  std::vector<ShippedLog> awslogs;
  const std::vector<ShippedLog> cloudwatch = shipped_logs(install.prefix() + "/etc", &awslogs);
  EXPECT_EQ(group_by_file(cloudwatch), group_by_file(awslogs)) << "the two shippers disagree";
  EXPECT_EQ(cloudwatch.size(), expected_entries);
  const std::set<std::string> written_by_cdrun{install.agent_log(),
                                               install.root() + "/deployment-logs/codedeploy-agent-deployments.log",
                                               deployment_dir(deploy) + "/logs/scripts.log"};
  std::set<std::string> matched;
  for (const ShippedLog& log : cloudwatch) {
    if (log.file == kUpdaterLog) continue;
    EXPECT_THAT(log.file, Not(HasSubstr("/opt/"))) << "not rendered for this install";
    EXPECT_THAT(log.file, Not(HasSubstr("/var/log/aws/"))) << "not rendered for this install";
    const std::vector<std::string> paths = expand(log.file);
    EXPECT_THAT(paths, Not(IsEmpty())) << log.file << " (" << log.group << ") names no file this deployment wrote";
    for (const std::string& path : paths) {
      struct stat info {};
      EXPECT_TRUE(stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode)) << path;
      matched.insert(path);
    }
  }
  for (const std::string& path : written_by_cdrun) {
    EXPECT_EQ(matched.count(path), 1u) << path << " (written by cdrun) is not shipped";
    EXPECT_THAT(read_file(path), Not(IsEmpty())) << path;
  }
  // The app's own log holds the request just made.
  EXPECT_TRUE(file_eventually_contains(install.prefix() + "/logs/app.log", "GET /users 200"));
}

TEST(LogConfigs, RenderedConfigsNameOnlyFilesTheDeploymentReallyWrote) {
  if (const std::string missing = missing_prerequisite("nginx"); !missing.empty()) GTEST_SKIP() << missing;
  SampleInstall install("nginx");
  expect_rendered_configs_name_written_files(install, 8);
  EXPECT_TRUE(file_eventually_contains(install.prefix() + "/proxy/logs/access.log", "\"GET /users HTTP/1.1\" 200"));
}

// Without a proxy there are no proxy logs, and the rendered configs must not name them.
TEST(LogConfigs, RenderedConfigsWithoutAProxyLeaveOutTheProxyLogs) {
  if (const std::string missing = missing_prerequisite("none"); !missing.empty()) GTEST_SKIP() << missing;
  SampleInstall install("none");
  expect_rendered_configs_name_written_files(install, 6);
  EXPECT_THAT(read_file(install.prefix() + "/etc/logrotate.conf"), Not(HasSubstr("/proxy/")));
  EXPECT_THAT(read_file(install.prefix() + "/etc/awslogs.conf"), Not(HasSubstr("/proxy/")));
}

TEST(LogConfigs, RenderedLogrotateConfigPassesLogrotateDebugAndChangesNothing) {
  if (const std::string missing = missing_prerequisite("nginx"); !missing.empty()) GTEST_SKIP() << missing;
  const std::string logrotate = find_program("logrotate");
  if (logrotate.empty()) GTEST_SKIP() << "logrotate is not installed (apt-get install logrotate)";
  SampleInstall install("nginx");
  ASSERT_EQ(install.make_bundle("v1").exit_code, 0);
  const e2e::Outcome deploy = install.deploy(install.bundle_dir("v1"));
  ASSERT_EQ(deploy.exit_code, 0) << deploy.out << deploy.err;

  const std::string app_log = install.prefix() + "/logs/app.log";
  const std::string before = read_file(app_log);
  const std::string state = install.dir() + "/logrotate.state";
  // -d: debug, changes nothing; -f: walk through a rotation of every log anyway.
  const e2e::Outcome run =
      e2e::run_program(logrotate, {"-d", "-f", "-s", state, install.prefix() + "/etc/logrotate.conf"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const std::string output = run.out + run.err;
  EXPECT_THAT(output, Not(HasSubstr("error:"))) << output;
  for (const std::string log : {"/logs/app.log", "/logs/console.log", "/proxy/logs/access.log", "/proxy/logs/error.log"}) {
    EXPECT_THAT(output, HasSubstr("considering log " + install.prefix() + log)) << output;
  }
  EXPECT_THAT(output, HasSubstr("copying " + app_log));  // copytruncate for the app's open log
  EXPECT_EQ(read_file(app_log), before);
  struct stat info {};
  EXPECT_NE(stat(state.c_str(), &info), 0) << "logrotate -d wrote its state file";
}

}  // namespace
}  // namespace cdrun::sample_app_e2e
