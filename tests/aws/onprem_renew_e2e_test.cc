// `cdrun onprem renew` end to end against moto with auth enforced: when it renews, what a failure
// leaves, atomic replacement under a concurrent reader, and the --daemon loop.
#include <signal.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <mutex>
#include <set>
#include <thread>

#include "tests/aws/onprem_e2e_support.h"

namespace cdrun::testing {
namespace {

using cdrun::e2e::Outcome;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using Clock = std::chrono::steady_clock;

std::string current_key(const std::string& path) {
  return credentials_value(read_file(path), "aws_access_key_id");
}

using OnPremRenew = OnPremE2E;

TEST_F(OnPremRenew, NotDueChangesNothingAndForceReplacesTheFile) {
  ASSERT_EQ(configure().exit_code, 0);
  const FileSnapshot before = snapshot(credentials_path());
  const FileSnapshot state_before = snapshot(state_path());

  const Outcome not_due = renew();
  EXPECT_EQ(not_due.exit_code, 0) << not_due.err;
  EXPECT_THAT(not_due.out, AllOf(HasSubstr("Not due"), HasSubstr("renewal due at")));
  EXPECT_EQ(snapshot(credentials_path()), before);
  EXPECT_EQ(snapshot(state_path()), state_before);
  EXPECT_EQ(renew({"--quiet"}).out, "");

  const Outcome forced = renew({"--force"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_THAT(forced.out, HasSubstr("Renewed (forced)"));
  expect_no_secrets(forced);
  const FileSnapshot after = snapshot(credentials_path());
  EXPECT_NE(after.inode, before.inode);  // replaced by rename, not rewritten in place
  EXPECT_EQ(after.mode, 0600u);
  EXPECT_NE(current_key(credentials_path()), credentials_value(before.content, "aws_access_key_id"));
  EXPECT_NE(credentials_value(after.content, "aws_session_token"), credentials_value(before.content, "aws_session_token"));
  const Outcome identity = aws_as_session({"sts", "get-caller-identity"});
  ASSERT_EQ(identity.exit_code, 0) << identity.err;
  EXPECT_EQ(nlohmann::json::parse(identity.out).value("Arn", ""), session_arn_for("host1"));
  EXPECT_THAT(temp_files_in(conf), IsEmpty());
}

TEST_F(OnPremRenew, RenewsWhenDueOrWhenTheCredentialsFileIsGone) {
  ASSERT_EQ(configure().exit_code, 0);
  std::string key = current_key(credentials_path());
  Outcome run = renew({"--renew-after", "0"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("Renewed (due since"));
  EXPECT_NE(current_key(credentials_path()), key);

  ASSERT_EQ(::unlink(credentials_path().c_str()), 0);
  run = renew();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("the credentials file is missing"));
  EXPECT_EQ(mode_of(credentials_path()), 0600u);
  EXPECT_THAT(current_key(credentials_path()), Not(IsEmpty()));
}

TEST_F(OnPremRenew, FailuresKeepTheCurrentCredentialsAndSayWhy) {
  ASSERT_EQ(configure().exit_code, 0);
  const FileSnapshot credentials = snapshot(credentials_path());
  const FileSnapshot state = snapshot(state_path());
  const RefusingPort dead;
  struct Case {
    std::vector<std::string> env;
    std::vector<std::string> args;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{"AWS_ACCESS_KEY_ID=" + user.access_key_id, "AWS_SECRET_ACCESS_KEY=" + user.secret_access_key + "x"},
       {},
       "SignatureDoesNotMatch"},
      {{"AWS_ACCESS_KEY_ID=AKIAAAAAAAAAAAAAAAAA", "AWS_SECRET_ACCESS_KEY=x"}, {}, "InvalidClientTokenId"},
      {user.env(), {"--endpoint-url", dead.url()}, "no connection to " + dead.url()},
  };
  for (const Case& c : cases) {
    std::vector<std::string> env = c.env;
    for (const std::string& e : isolated_files_env()) env.push_back(e);
    std::vector<std::string> args = {"--force"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const Outcome run = renew(args, env);
    EXPECT_EQ(run.exit_code, 1) << c.expected;
    EXPECT_THAT(run.err, AllOf(HasSubstr(c.expected), HasSubstr("The current credentials stay in place, valid until")));
    expect_no_secrets(run);
    EXPECT_EQ(snapshot(credentials_path()), credentials) << c.expected;
    EXPECT_EQ(snapshot(state_path()), state) << c.expected;
  }
  // Without any base credentials: a configuration error.
  const Outcome none = renew({"--force"}, isolated_files_env());
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_THAT(none.err, HasSubstr("no AWS credentials found"));
  EXPECT_THAT(temp_files_in(conf), IsEmpty());
}

TEST_F(OnPremRenew, UsesTheProfileAndFileRecordedByConfigure) {
  const std::string file = home.write("base/credentials", "[onprem]\naws_access_key_id = " + user.access_key_id +
                                                              "\naws_secret_access_key = " + user.secret_access_key +
                                                              "\n",
                                      0600);
  ASSERT_EQ(configure({"--profile", "onprem"},
                      {"AWS_SHARED_CREDENTIALS_FILE=" + file, "AWS_CONFIG_FILE=" + home.path() + "/empty-aws-config"})
                .exit_code,
            0);
  // As under cron: no AWS variables at all, HOME without ~/.aws.
  const Outcome run = cdrun::e2e::run_cdrun({"onprem", "renew", "--config-dir", conf, "--force"}, {"HOME=" + home.path()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("Renewed"));
}

TEST_F(OnPremRenew, AReaderNeverSeesAPartialCredentialsFile) {
  ASSERT_EQ(configure().exit_code, 0);
  std::atomic<bool> done{false};
  std::atomic<int> reads{0};
  std::atomic<int> torn{0};
  std::mutex keys_mutex;
  std::set<std::string> keys_seen;
  std::thread reader([&] {
    while (!done) {
      const std::string text = read_file(credentials_path());
      const std::string key = credentials_value(text, "aws_access_key_id");
      const bool whole = text.rfind("[default]\n", 0) == 0 && key.size() >= 16 &&
                         !credentials_value(text, "aws_secret_access_key").empty() &&
                         !credentials_value(text, "aws_session_token").empty() && text.back() == '\n';
      if (!whole) ++torn;
      ++reads;
      std::lock_guard<std::mutex> lock(keys_mutex);
      keys_seen.insert(key);
    }
  });
  constexpr int kRenewals = 12;
  int renewed = 0;
  for (int i = 0; i < kRenewals; ++i) renewed += renew({"--force", "--quiet"}).exit_code == 0 ? 1 : 0;
  done = true;
  reader.join();
  EXPECT_EQ(renewed, kRenewals);
  EXPECT_EQ(torn.load(), 0) << "of " << reads.load() << " reads";
  EXPECT_GE(reads.load(), kRenewals);
  EXPECT_GE(keys_seen.size(), 2u);  // the reader did see the file change
  EXPECT_THAT(temp_files_in(conf), IsEmpty());
  EXPECT_EQ(mode_of(credentials_path()), 0600u);
}

TEST_F(OnPremRenew, DaemonRenewsWhenDueAndStopsCleanlyOnSigterm) {
  ASSERT_EQ(configure().exit_code, 0);
  const std::string first_key = current_key(credentials_path());
  // --renew-after 1: due one second after each issue, so the loop renews within seconds.
  BackgroundProcess daemon(CDRUN_BINARY, {"onprem", "renew", "--config-dir", conf, "--daemon", "--renew-after", "1"},
                           user_env(), home.path() + "/daemon");
  std::set<std::string> keys{first_key};
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  while (keys.size() < 3 && Clock::now() < deadline) {
    const std::string key = current_key(credentials_path());
    if (!key.empty()) keys.insert(key);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_GE(keys.size(), 3u) << "the daemon renewed fewer than twice in 60 s\n" << daemon.err();
  EXPECT_EQ(daemon.stop(SIGTERM, 40), 0) << daemon.err();
  EXPECT_THAT(daemon.out(), AllOf(HasSubstr("Renewed"), HasSubstr("Stopping on SIGTERM")));
  const Outcome output{0, daemon.out(), daemon.err()};
  expect_no_secrets(output);
  EXPECT_THAT(temp_files_in(conf), IsEmpty());
}

}  // namespace
}  // namespace cdrun::testing
