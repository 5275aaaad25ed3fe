// The command line contract the bundle's hook scripts rely on: exit 2 for bad options, exit 1
// when the app cannot start, a message on stderr (and in the log) either way.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>

#include "tests/e2e/run_cdrun.h"
#include "tests/sample_app/child_process.h"
#include "tests/sample_app/http_client.h"
#include "tests/sample_app/sample_app_process.h"

namespace cdrun::sample_app_test {
namespace {

using ::testing::HasSubstr;

struct AppRun {
  std::optional<int> exit_code;
  std::string err;
};

// Runs the app and expects it to exit by itself; a bounded wait, so a wrongly started server
// fails the test instead of hanging it.
AppRun run_app(const e2e::TempDir& dir, const std::vector<std::string>& args) {
  ChildProcess app(sample_app_binary(), args, dir.path() + "/out", dir.path() + "/err");
  AppRun run;
  run.exit_code = app.wait_exit(std::chrono::seconds(20));
  run.err = read_text_file(dir.path() + "/err");
  return run;
}

std::vector<std::string> dirs_of(const e2e::TempDir& dir) {
  return {"--data-dir", dir.path() + "/data", "--log-dir", dir.path() + "/logs"};
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

TEST(SampleAppCli, UnknownOptionExitsTwoNamingIt) {
  e2e::TempDir dir;
  const AppRun run = run_app(dir, with(dirs_of(dir), {"--bogus", "1"}));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("unknown option '--bogus'"));
}

TEST(SampleAppCli, MissingRequiredDirectoriesExitTwo) {
  e2e::TempDir dir;
  AppRun run = run_app(dir, {"--log-dir", dir.path() + "/logs"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("--data-dir is required"));
  run = run_app(dir, {"--data-dir", dir.path() + "/data"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("--log-dir is required"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/data")) << "a rejected command line must not create anything";
}

TEST(SampleAppCli, MalformedValuesExitTwoWithTheReason) {
  e2e::TempDir dir;
  const struct {
    std::vector<std::string> args;
    std::string message;
  } cases[] = {
      {{"--port", "http"}, "--port must be a number from 0 to 65535, got 'http'"},
      {{"--port", "70000"}, "--port must be a number from 0 to 65535, got '70000'"},
      {{"--key-store", "disk"}, "--key-store must be 'local' or 'redis', got 'disk'"},
      {{"--redis", "localhost"}, "--redis must be HOST:PORT, got 'localhost'"},
      {{"--port"}, "--port needs a value"},
      {{"--port", "1", "--port", "2"}, "--port given twice"},
      {{"stray"}, "unexpected argument 'stray'"},
  };
  for (const auto& c : cases) {
    const AppRun run = run_app(dir, with(dirs_of(dir), c.args));
    EXPECT_EQ(run.exit_code, 2) << c.message;
    EXPECT_THAT(run.err, HasSubstr(c.message));
  }
}

TEST(SampleAppCli, HelpPrintsEveryOptionAndExitsZero) {
  const auto run = e2e::run_program(sample_app_binary(), {"--help"});
  EXPECT_EQ(run.exit_code, 0);
  for (const char* option : {"--listen", "--port", "--data-dir", "--log-dir", "--key-store", "--redis", "--instance",
                             "--revision"}) {
    EXPECT_THAT(run.out, HasSubstr(option));
  }
}

TEST(SampleAppCli, PortInUseExitsOneAndSaysSo) {
  e2e::TempDir dir;
  // Hold a listening socket so the app's bind must fail.
  const int holder = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(holder, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ASSERT_EQ(::bind(holder, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(holder, 1), 0);
  ASSERT_EQ(::getsockname(holder, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const std::string port = std::to_string(ntohs(address.sin_port));

  const AppRun run = run_app(dir, with(dirs_of(dir), {"--port", port}));
  ::close(holder);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("cannot listen on 127.0.0.1:" + port));
  EXPECT_THAT(read_text_file(dir.path() + "/logs/app.log"), HasSubstr("error cannot listen on 127.0.0.1:" + port));
}

TEST(SampleAppCli, UnopenableDatabaseExitsOne) {
  e2e::TempDir dir;
  // A directory where the database file should be fails for root too, unlike file modes.
  std::filesystem::create_directories(dir.path() + "/data/users.db");
  const AppRun run = run_app(dir, with(dirs_of(dir), {"--port", "0"}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("cannot open database " + dir.path() + "/data/users.db"));
  EXPECT_THAT(read_text_file(dir.path() + "/logs/app.log"), HasSubstr("error cannot open database"));
}

TEST(SampleAppCli, UnreachableRedisKeyStoreExitsOne) {
  e2e::TempDir dir;
  const std::string port = std::to_string(free_loopback_port());  // nothing listens there
  const AppRun run = run_app(dir, with(dirs_of(dir), {"--port", "0", "--key-store", "redis", "--redis", "127.0.0.1:" + port}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("cannot load the anti-forgery key ring: cannot connect to redis 127.0.0.1:" + port));
}

}  // namespace
}  // namespace cdrun::sample_app_test
