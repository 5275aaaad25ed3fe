// Tests of what cdrun does on the host itself: the credential chain (with a fake environment and real
// files) and the atomic replacement of files (modes, umask, owners, failures, a concurrent reader).
#include <sys/stat.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>

#include "aws/core/atomic_file.h"
#include "aws/core/base_credentials.h"
#include "aws/onprem/onprem_session.h"
#include "tests/aws/onprem_test_support.h"

namespace cdrun::aws {
namespace {

using cdrun::e2e::TempDir;
using cdrun::testing::mode_of;
using cdrun::testing::read_file;
using cdrun::testing::temp_files_in;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

struct FakeEnv {
  std::map<std::string, std::string> vars;
  EnvLookup lookup() const {
    return [this](const std::string& name) -> std::optional<std::string> {
      auto it = vars.find(name);
      return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
  }
};

// HOME points at an empty temp dir unless a test writes ~/.aws files there.
class OnPremCredentialChain : public ::testing::Test {
 protected:
  OnPremCredentialChain() { env.vars["HOME"] = home.path(); }
  CredentialLookup find(const std::string& explicit_profile = "") const {
    CredentialQuery query;
    query.explicit_profile = explicit_profile;
    return find_base_credentials(query, env.lookup());
  }
  TempDir home;
  FakeEnv env;
};

TEST_F(OnPremCredentialChain, EnvironmentKeysComeFirst) {
  home.write(".aws/credentials", "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\n");
  env.vars["AWS_ACCESS_KEY_ID"] = "ENVKEY";
  env.vars["AWS_SECRET_ACCESS_KEY"] = "envsecret";
  env.vars["AWS_SESSION_TOKEN"] = "envtoken";
  const CredentialLookup found = find();
  ASSERT_TRUE(found.credentials) << found.error;
  EXPECT_EQ(found.credentials->keys.access_key_id, "ENVKEY");
  EXPECT_EQ(found.credentials->keys.session_token, "envtoken");
  EXPECT_TRUE(found.credentials->from_environment);
}

TEST_F(OnPremCredentialChain, ExplicitProfileSkipsTheEnvironmentAsTheCliDoes) {
  home.write(".aws/credentials", "[onprem]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\n");
  env.vars["AWS_ACCESS_KEY_ID"] = "ENVKEY";
  env.vars["AWS_SECRET_ACCESS_KEY"] = "envsecret";
  const CredentialLookup found = find("onprem");
  ASSERT_TRUE(found.credentials) << found.error;
  EXPECT_EQ(found.credentials->keys.access_key_id, "FILEKEY");
  EXPECT_EQ(found.credentials->keys.session_token, "");
  EXPECT_EQ(found.credentials->source, home.path() + "/.aws/credentials [onprem]");
}

TEST_F(OnPremCredentialChain, HalfSetEnvironmentIsAnError) {
  env.vars["AWS_ACCESS_KEY_ID"] = "ENVKEY";
  EXPECT_THAT(find().error, HasSubstr("must be set together"));
}

TEST_F(OnPremCredentialChain, AwsProfileAndSharedFileVariablesChooseTheFileAndSection) {
  TempDir elsewhere;
  const std::string file = elsewhere.write("creds", "[default]\naws_access_key_id = D\naws_secret_access_key = d\n"
                                                    "[ci]\naws_access_key_id = C\naws_secret_access_key = c\n");
  env.vars["AWS_SHARED_CREDENTIALS_FILE"] = file;
  CredentialLookup found = find();
  ASSERT_TRUE(found.credentials) << found.error;
  EXPECT_EQ(found.credentials->keys.access_key_id, "D");
  env.vars["AWS_PROFILE"] = "ci";
  found = find();
  ASSERT_TRUE(found.credentials) << found.error;
  EXPECT_EQ(found.credentials->keys.access_key_id, "C");
  EXPECT_EQ(found.credentials->profile, "ci");
}

TEST_F(OnPremCredentialChain, ConfigFileProfilesWithStaticKeysWork) {
  home.write(".aws/config", "[default]\nregion = us-east-1\naws_access_key_id = CD\naws_secret_access_key = cd\n"
                            "[profile host]\naws_access_key_id = CH\naws_secret_access_key = ch\n"
                            "aws_session_token = th\n");
  CredentialLookup found = find();
  ASSERT_TRUE(found.credentials) << found.error;
  EXPECT_EQ(found.credentials->keys.access_key_id, "CD");
  found = find("host");
  ASSERT_TRUE(found.credentials) << found.error;
  EXPECT_EQ(found.credentials->keys.session_token, "th");
  EXPECT_FALSE(find("other").credentials);
}

TEST_F(OnPremCredentialChain, ExplainsProfilesItCannotUse) {
  home.write(".aws/config", "[profile assumer]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = default\n");
  home.write(".aws/credentials", "[half]\naws_access_key_id = K\n");
  EXPECT_THAT(find("assumer").error, HasSubstr("role_arn, which cdrun does not follow"));
  EXPECT_THAT(find("half").error, HasSubstr("aws_access_key_id without aws_secret_access_key"));
  const CredentialLookup none = find("nobody");
  EXPECT_THAT(none.error, HasSubstr("profile \"nobody\" has no keys in " + home.path() + "/.aws/credentials"));
  home.write(".aws/credentials", "garbage line\n");
  EXPECT_THAT(find().error, HasSubstr("not a valid INI file: line 1"));
}

TEST_F(OnPremCredentialChain, RecordedFilesAreUsedWhenTheVariablesAreUnset) {
  TempDir recorded;
  CredentialQuery query;
  query.fallback_credentials_file =
      recorded.write("base", "[renewer]\naws_access_key_id = R\naws_secret_access_key = r\n");
  query.fallback_profile = "renewer";
  const CredentialLookup found = find_base_credentials(query, env.lookup());
  ASSERT_TRUE(found.credentials) << found.error;
  EXPECT_EQ(found.credentials->keys.access_key_id, "R");
}

TEST(OnPremAtomicFile, WritesExactModeWhateverTheUmaskAndLeavesNoTemporaryFile) {
  TempDir dir;
  const mode_t old_umask = ::umask(0);
  EXPECT_THAT(write_file_atomically(dir.path() + "/credentials", "secret\n", 0600), IsEmpty());
  EXPECT_THAT(write_file_atomically(dir.path() + "/public.yml", "---\n", 0644), IsEmpty());
  ::umask(0077);
  EXPECT_THAT(write_file_atomically(dir.path() + "/public2.yml", "---\n", 0644), IsEmpty());
  ::umask(old_umask);
  EXPECT_EQ(mode_of(dir.path() + "/credentials"), 0600u);
  EXPECT_EQ(mode_of(dir.path() + "/public.yml"), 0644u);
  EXPECT_EQ(mode_of(dir.path() + "/public2.yml"), 0644u);
  EXPECT_EQ(read_file(dir.path() + "/credentials"), "secret\n");
  EXPECT_THAT(temp_files_in(dir.path()), IsEmpty());
}

TEST(OnPremAtomicFile, ReplacingTightensAWorldReadableFileAndKeepsItsOwner) {
  TempDir dir;
  const std::string path = dir.write("credentials", "old\n", 0666);
  if (::geteuid() == 0) {
    ASSERT_EQ(::chown(path.c_str(), 12345, 23456), 0);
  }
  EXPECT_THAT(write_file_atomically(path, "new\n", 0600), IsEmpty());
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0600u);
  if (::geteuid() == 0) {
    EXPECT_EQ(info.st_uid, 12345u);
    EXPECT_EQ(info.st_gid, 23456u);
  }
  EXPECT_EQ(read_file(path), "new\n");
}

TEST(OnPremAtomicFile, FailureLeavesTheTargetAndNoTemporaryFile) {
  TempDir dir;
  // A directory where the file should be: the rename fails after the temporary file was written.
  ASSERT_EQ(::mkdir((dir.path() + "/taken").c_str(), 0755), 0);
  EXPECT_THAT(write_file_atomically(dir.path() + "/taken", "x", 0600), HasSubstr("is a directory"));
  EXPECT_THAT(temp_files_in(dir.path()), IsEmpty());
  EXPECT_THAT(write_file_atomically(dir.path() + "/missing/dir/file", "x", 0600),
              HasSubstr("cannot create a temporary file in"));
  if (::geteuid() != 0) {  // root ignores directory permissions
    const std::string locked = dir.path() + "/locked";
    ASSERT_EQ(::mkdir(locked.c_str(), 0755), 0);
    dir.write("locked/credentials", "old\n", 0600);
    ASSERT_EQ(::chmod(locked.c_str(), 0555), 0);
    EXPECT_THAT(write_file_atomically(locked + "/credentials", "new\n", 0600), Not(IsEmpty()));
    EXPECT_EQ(read_file(locked + "/credentials"), "old\n");
    ::chmod(locked.c_str(), 0755);
  }
}

TEST(OnPremAtomicFile, AConcurrentReaderSeesOnlyWholeVersions) {
  TempDir dir;
  const std::string path = dir.path() + "/credentials";
  auto version = [](int n) { return "[default]\naws_access_key_id = KEY" + std::to_string(n) + "\n" +
                                    std::string(4096, 'x') + "\nend " + std::to_string(n) + "\n"; };
  ASSERT_THAT(write_file_atomically(path, version(0), 0600), IsEmpty());
  std::atomic<bool> done{false};
  std::atomic<int> reads{0}, bad{0};
  std::thread reader([&] {
    while (!done) {
      const std::string text = read_file(path);
      const size_t at = text.find("KEY");
      const std::string n = at == std::string::npos ? "" : text.substr(at + 3, text.find('\n', at) - at - 3);
      if (n.empty() || text != version(std::stoi(n))) ++bad;
      ++reads;
    }
  });
  for (int i = 1; i <= 200; ++i) ASSERT_THAT(write_file_atomically(path, version(i), 0600), IsEmpty());
  done = true;
  reader.join();
  EXPECT_EQ(bad.load(), 0) << "of " << reads.load() << " reads";
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(read_file(path), version(200));
  EXPECT_THAT(temp_files_in(dir.path()), IsEmpty());
}

TEST(OnPremAtomicFile, MakeDirectoriesCreatesParents) {
  TempDir dir;
  EXPECT_THAT(make_directories(dir.path() + "/a/b/c", 0755), IsEmpty());
  EXPECT_TRUE(cdrun::testing::file_exists(dir.path() + "/a/b/c"));
  dir.write("file", "x");
  EXPECT_THAT(make_directories(dir.path() + "/file/sub", 0755), Not(IsEmpty()));
}

}  // namespace
}  // namespace cdrun::aws
