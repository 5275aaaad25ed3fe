// host/accounts: passwd and group lines, the host's getent (faked by a script) and the file
// fallback when there is no getent.
#include <gtest/gtest.h>

#include "tests/unit/accounts_test_support.h"

namespace cdrun::accounts {
namespace {

using accounts_test::ldap_getent;
using accounts_test::read_text;
using accounts_test::ScratchHost;

TEST(AccountLines, PasswdLineGivesEveryField) {
  const std::optional<UserAccount> user = parse_passwd_line("alice:x:1001:1002:Alice A,,,:/home/alice:/bin/bash\n");
  ASSERT_TRUE(user);
  EXPECT_EQ(user->name, "alice");
  EXPECT_EQ(user->uid, 1001u);
  EXPECT_EQ(user->gid, 1002u);
  EXPECT_EQ(user->home, "/home/alice");
  EXPECT_EQ(user->shell, "/bin/bash");

  const std::optional<UserAccount> service = parse_passwd_line("svc:*:998:997::/var/lib/svc:");
  ASSERT_TRUE(service);
  EXPECT_EQ(service->home, "/var/lib/svc");
  EXPECT_EQ(service->shell, "");
  const std::optional<UserAccount> indented = parse_passwd_line("  bob:x:1003:1003::/home/bob:/bin/sh");
  ASSERT_TRUE(indented);
  EXPECT_EQ(indented->name, "bob");
  const std::optional<UserAccount> nobody = parse_passwd_line("nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin");
  ASSERT_TRUE(nobody);
  EXPECT_EQ(nobody->uid, 65534u);
  EXPECT_EQ(parse_passwd_line("big:x:4294967294:0::/:/bin/sh")->uid, 4294967294u);
}

TEST(AccountLines, MalformedPasswdLinesAreSkipped) {
  for (const char* line : {"", "\n", "   ", "# root:x:0:0:root:/root:/bin/bash", "  # indented comment",
                           "+@netgroup::::::", "+", "-blocked:x:1:1::/:/bin/sh", "no colons at all",
                           "short:x:1:2:gecos:/home/short", "long:x:1:2:gecos:/home/long:/bin/sh:extra",
                           ":x:1:1::/:/bin/sh", "letters:x:abc:1::/:/bin/sh", "letters:x:1:abc::/:/bin/sh",
                           "empty:x::1::/:/bin/sh", "negative:x:-1:1::/:/bin/sh", "plus:x:+1:1::/:/bin/sh",
                           "minus_one:x:4294967295:1::/:/bin/sh", "too_big:x:4294967296:1::/:/bin/sh",
                           "huge:x:99999999999999999999:1::/:/bin/sh"}) {
    EXPECT_FALSE(parse_passwd_line(line)) << '"' << line << '"';
  }
}

TEST(AccountLines, GroupLines) {
  const std::optional<GroupAccount> wheel = parse_group_line("wheel:x:10:alice,bob\n");
  ASSERT_TRUE(wheel);
  EXPECT_EQ(wheel->name, "wheel");
  EXPECT_EQ(wheel->gid, 10u);
  ASSERT_TRUE(parse_group_line("nogroup:x:65534:"));
  EXPECT_EQ(parse_group_line("nogroup:x:65534:")->gid, 65534u);
  for (const char* line : {"", "# wheel:x:10:", "+:::", "+@admins:::", "-staff:x:50:", "short:x:10",
                           "long:x:10:a:b", "ten:x:ten:", ":x:10:", "nogid:x::"}) {
    EXPECT_FALSE(parse_group_line(line)) << '"' << line << '"';
  }
}

TEST(AccountLookup, GetentFindsAUserThatOnlyLdapHas) {
  ScratchHost host;
  host.set_getent(ldap_getent());
  const std::optional<UserAccount> user = find_user("ldapuser", host.sources());
  ASSERT_TRUE(user);
  EXPECT_EQ(user->uid, 70001u);
  EXPECT_EQ(user->gid, 70002u);
  EXPECT_EQ(user->home, "/home/ldapuser");
  EXPECT_EQ(user->shell, "/bin/zsh");
  const std::optional<UserAccount> by_uid = find_user_by_uid(70001, host.sources());
  ASSERT_TRUE(by_uid);
  EXPECT_EQ(by_uid->name, "ldapuser");
  const std::optional<GroupAccount> group = find_group("ldapgroup", host.sources());
  ASSERT_TRUE(group);
  EXPECT_EQ(group->gid, 80001u);
}

TEST(AccountLookup, GetentNotFoundIsTheAnswerEvenWhenTheFileHasTheName) {
  ScratchHost host;
  host.set_getent("#!/bin/sh\nexit 2\n");
  EXPECT_FALSE(find_user("alice", host.sources()));
  EXPECT_FALSE(find_user_by_uid(1001, host.sources()));
  EXPECT_FALSE(find_group("staff", host.sources()));
}

TEST(AccountLookup, WithoutGetentTheFilesAnswer) {
  ScratchHost host;  // its getent candidate does not exist
  const std::optional<UserAccount> alice = find_user("alice", host.sources());
  ASSERT_TRUE(alice);
  EXPECT_EQ(alice->uid, 1001u);  // the first of the two lines
  EXPECT_EQ(alice->home, "/home/alice");
  ASSERT_TRUE(find_user_by_uid(0, host.sources()));
  EXPECT_EQ(find_user_by_uid(0, host.sources())->name, "root");
  EXPECT_EQ(find_user_by_uid(1999, host.sources())->home, "/home/alice2");
  EXPECT_FALSE(find_user("ldapuser", host.sources()));
  EXPECT_FALSE(find_user("blocked", host.sources()));
  EXPECT_FALSE(find_user("-blocked", host.sources()));
  EXPECT_FALSE(find_user("+@nis-users", host.sources()));
  EXPECT_FALSE(find_user("", host.sources()));
  EXPECT_FALSE(find_user_by_uid(1, host.sources()));
  ASSERT_TRUE(find_group("staff", host.sources()));
  EXPECT_EQ(find_group("staff", host.sources())->gid, 50u);
  EXPECT_FALSE(find_group("bad", host.sources()));
  EXPECT_FALSE(find_group("ldapgroup", host.sources()));
}

TEST(AccountLookup, MissingFilesMeanNobody) {
  AccountSources nothing;  // an empty root: no getent, no /etc
  nothing.passwd_file = "/nonexistent/passwd";
  nothing.group_file = "/nonexistent/group";
  EXPECT_FALSE(find_user("root", nothing));
  EXPECT_FALSE(find_user_by_uid(0, nothing));
  EXPECT_FALSE(find_group("root", nothing));
}

TEST(AccountLookup, AGetentThatIsNotExecutableIsPassedOver) {
  ScratchHost host;
  host.write("plain/getent", "#!/bin/sh\nexit 2\n", 0644);
  host.set_getent(ldap_getent());
  AccountSources sources = host.sources();
  sources.getent_candidates.insert(sources.getent_candidates.begin(), host.path("plain/getent"));
  ASSERT_TRUE(find_user("ldapuser", sources));
}

TEST(AccountLookup, AGetentThatFailsOtherwiseLeavesItToTheFiles) {
  ScratchHost host;
  host.set_getent("#!/bin/sh\necho 'getent: Unknown database' >&2\nexit 1\n");
  ASSERT_TRUE(find_user("alice", host.sources()));
  EXPECT_EQ(find_user("alice", host.sources())->uid, 1001u);
  host.set_getent("#!/bin/sh\nkill -9 $$\n");
  ASSERT_TRUE(find_group("staff", host.sources()));
  host.set_getent("#!/bin/sh\necho 'not a passwd line'\n");
  ASSERT_TRUE(find_user_by_uid(1001, host.sources()));
  host.set_getent("not a script, so exec fails\n");
  ASSERT_TRUE(find_user("alice", host.sources()));
}

// glibc's getent tries an all-digit key as an id first, then as a name.
TEST(AccountLookup, AnAllDigitNameAnsweredWithAnotherAccountIsReadFromTheFile) {
  ScratchHost host;
  host.set_getent("#!/bin/sh\n[ \"$2\" = 1234 ] && echo 'someone:x:1234:1234::/home/someone:/bin/sh'\n");
  const std::optional<UserAccount> digits = find_user("1234", host.sources());
  ASSERT_TRUE(digits);
  EXPECT_EQ(digits->uid, 1500u);
  EXPECT_EQ(digits->home, "/home/digits");
}

TEST(AccountLookup, AUidAnsweredByTheNameFallbackIsNobody) {
  ScratchHost host;
  host.set_getent("#!/bin/sh\n[ \"$2\" = 1500 ] && echo '1500:x:1999:1999::/home/x:/bin/sh'\n");
  EXPECT_FALSE(find_user_by_uid(1500, host.sources()));
}

TEST(AccountLookup, GetentGetsTheNameAsOneArgumentWithoutAShell) {
  ScratchHost host;
  const std::string seen = host.path("seen");
  host.set_getent("#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done > '" + seen + "'\nexit 2\n");
  EXPECT_FALSE(find_user("a b;touch pwned $(id)", host.sources()));
  EXPECT_EQ(read_text(seen), "[passwd]\n[a b;touch pwned $(id)]\n");
  EXPECT_FALSE(find_group("-n", host.sources()));  // a key, not an option
  EXPECT_EQ(read_text(seen), "[group]\n[--]\n[-n]\n");
  EXPECT_FALSE(find_user_by_uid(42, host.sources()));
  EXPECT_EQ(read_text(seen), "[passwd]\n[42]\n");
}

TEST(AccountLookup, IdsByNameAsksOncePerName) {
  ScratchHost host;
  const std::string calls = host.path("calls");
  host.set_getent(ldap_getent("echo \"$1 $2\" >> '" + calls + "'\n"));
  accounts_test::UseAccountSources use(host.sources());
  IdsByName ids;
  EXPECT_EQ(ids.uid("ldapuser"), std::optional<uid_t>(70001));
  EXPECT_EQ(ids.uid("ldapuser"), std::optional<uid_t>(70001));
  EXPECT_EQ(ids.uid("ghost"), std::nullopt);
  EXPECT_EQ(ids.uid("ghost"), std::nullopt);
  EXPECT_EQ(ids.gid("ldapgroup"), std::optional<gid_t>(80001));
  EXPECT_EQ(ids.gid("ldapgroup"), std::optional<gid_t>(80001));
  EXPECT_EQ(read_text(calls), "passwd ldapuser\npasswd ghost\ngroup ldapgroup\n");
}

}  // namespace
}  // namespace cdrun::accounts
