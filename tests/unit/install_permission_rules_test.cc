// The agent's permission matcher (§4.6, Appendix A.3 rules), its validations (§6 "checks
// performed later") and the setfacl string it builds (II:300-323, §9 item 8).
#include <gtest/gtest.h>

#include "runner/install/install_instructions.h"
#include "runner/install/install_permission_tools.h"
#include "runner/install/install_step.h"

namespace cdrun {
namespace {

PermissionSpec permission(const std::string& object, const std::string& pattern = "**",
                          std::vector<std::string> except = {}) {
  PermissionSpec spec;
  spec.object = object;
  spec.pattern = pattern;
  spec.except = std::move(except);
  return spec;
}

TEST(InstallPermissionMatcher, DoubleStarMatchesEverythingBelowButNotTheObject) {
  const PermissionSpec p = permission("/d/web");
  EXPECT_TRUE(permission_matches(p, "/d/web/a.sh"));
  EXPECT_TRUE(permission_matches(p, "/d/web/sub/deep/c.txt"));
  EXPECT_FALSE(permission_matches(p, "/d/web"));
  EXPECT_FALSE(permission_matches(p, "/d/webx/a.sh"));
  EXPECT_FALSE(permission_matches(p, "/d/other/a.sh"));
}

TEST(InstallPermissionMatcher, ObjectIsExpandedBeforeComparing) {
  EXPECT_TRUE(permission_matches(permission("/d/./web/"), "/d/web/a.sh"));
  EXPECT_TRUE(permission_matches(permission("/d//x/../web"), "/d/web/a.sh"));
}

TEST(InstallPermissionMatcher, SimpleGlobMatchesDirectChildrenOnly) {
  const PermissionSpec p = permission("/d/web", "*.sh");
  EXPECT_TRUE(permission_matches(p, "/d/web/a.sh"));
  EXPECT_TRUE(permission_matches(p, "/d/web/.sh"));  // '*' may be empty
  EXPECT_TRUE(permission_matches(p, "/d/web/.hidden.sh"));
  EXPECT_FALSE(permission_matches(p, "/d/web/sub/c.sh"));
  EXPECT_FALSE(permission_matches(p, "/d/web/a.shx"));
  EXPECT_FALSE(permission_matches(p, "/d/web/a.txt"));
}

TEST(InstallPermissionMatcher, OnlyStarIsSpecial) {
  EXPECT_TRUE(permission_matches(permission("/d", "a?c"), "/d/a?c"));
  EXPECT_FALSE(permission_matches(permission("/d", "a?c"), "/d/abc"));
  EXPECT_TRUE(permission_matches(permission("/d", "[ab]"), "/d/[ab]"));
  EXPECT_FALSE(permission_matches(permission("/d", "[ab]"), "/d/a"));
  EXPECT_TRUE(permission_matches(permission("/d", "s*b*"), "/d/sub"));
  EXPECT_TRUE(permission_matches(permission("/d", "*"), "/d/anything"));
  EXPECT_TRUE(permission_matches(permission("/d", "a**c"), "/d/abbc"));
  EXPECT_FALSE(permission_matches(permission("/d", "*a*b"), "/d/xaxbx"));
  EXPECT_TRUE(permission_matches(permission("/d", "exact"), "/d/exact"));
  EXPECT_FALSE(permission_matches(permission("/d", "exact"), "/d/exactly"));
}

TEST(InstallPermissionMatcher, TrailingSlashOfTheCandidateIsIgnored) {
  EXPECT_TRUE(permission_matches(permission("/d", "sub"), "/d/sub/"));
}

TEST(InstallPermissionMatcher, ExceptUsesTheSameOneLevelGlob) {
  const PermissionSpec p = permission("/d/web", "*.txt", {"secret.txt", "tmp*"});
  EXPECT_TRUE(permission_excepted(p, "/d/web/secret.txt"));
  EXPECT_TRUE(permission_excepted(p, "/d/web/tmp1.txt"));
  EXPECT_FALSE(permission_excepted(p, "/d/web/readme.txt"));
  EXPECT_FALSE(permission_excepted(p, "/d/web/sub/secret.txt"));
  EXPECT_FALSE(permission_excepted(p, "/d/other/secret.txt"));
}

TEST(InstallPermissionValidation, FilePatternMustBeDoubleStar) {
  PermissionSpec p = permission("/d/web/a.sh", "*.sh");
  EXPECT_EQ(validate_file_permission(p).message,
            "The deployment failed because the application specification file includes an object (/d/web/a.sh) with an "
            "invalid pattern (*.sh), such as a pattern for a file applied to a directory. Correct the permissions "
            "section of the AppSpec file, and then try again.");
  EXPECT_EQ(validate_file_permission(p).kind, InstallErrorKind::runtime);
}

TEST(InstallPermissionValidation, FileExceptMustBeEmpty) {
  PermissionSpec p = permission("/d/web/a.sh", "**", {"glob", "b"});
  EXPECT_EQ(validate_file_permission(p).message,
            "The deployment failed because the except parameter for a pattern in the permissions section ([\"glob\", "
            "\"b\"]) for the object named /d/web/a.sh contains an invalid format. Update the AppSpec file, and then try "
            "again.");
  EXPECT_FALSE(validate_file_permission(permission("/d/web/a.sh")));
}

TEST(InstallPermissionValidation, DefaultAclIsRefusedOnFiles) {
  PermissionSpec p = permission("/d/a.txt");
  p.acls = std::vector<std::string>{"user:bob:rw-", "default:user:bob:r--"};
  EXPECT_EQ(validate_file_acl(p).message,
            "The deployment failed because the -d parameter has been specified to apply an acl setting to a file. This "
            "parameter is supported for directories only. Update the AppSpec file, and then try again.");
  p.acls = std::vector<std::string>{"user:bob:rw-"};
  EXPECT_FALSE(validate_file_acl(p));
}

AclState acl_of(const std::vector<std::string>& entries) {
  AclState acl;
  for (const std::string& entry : entries) acl.aces.push_back(parse_normalised_ace(entry));
  return acl;
}

TEST(InstallAcl, NamedEntryGetsBaseEntriesFromModeAndAMask) {
  AclState acl = acl_of({"user:bob:rwx"});
  EXPECT_EQ(full_acl_text(&acl, 0100640), "user:bob:rwx,user::rw-,group::r--,other::---,mask::r--");
}

TEST(InstallAcl, GivenMaskIsKept) {
  AclState acl = acl_of({"group:dev:r-x", "mask::rwx"});
  EXPECT_EQ(full_acl_text(&acl, 0755), "group:dev:r-x,mask::rwx,user::rwx,group::r-x,other::r-x");
}

TEST(InstallAcl, DefaultEntriesAreCompletedWithADefaultMask) {
  AclState acl = acl_of({"user:bob:rwx", "default:group:dev:r-x"});
  EXPECT_EQ(full_acl_text(&acl, 040755),
            "user:bob:rwx,default:group:dev:r-x,user::rwx,group::r-x,other::r-x,mask::r-x,default:user::rwx,"
            "default:group::r-x,default:other::r-x,default:mask::r-x");
}

TEST(InstallAcl, EntriesAccumulateAcrossObjectsOfOnePermission) {
  // The agent's clear_additional does nothing: the second object's string still carries the
  // first object's base entries and mask.
  AclState acl = acl_of({"user:bob:rwx"});
  full_acl_text(&acl, 0644);
  EXPECT_EQ(full_acl_text(&acl, 0600),
            "user:bob:rwx,user::rw-,group::r--,other::r--,mask::r--,user::rw-,group::---,other::---");
}

TEST(InstallAcl, NormalisedEntriesRoundTrip) {
  for (const std::string text : {"user:bob:rwx", "default:group:dev:r-x", "mask::---", "default:other::r--"}) {
    EXPECT_EQ(parse_normalised_ace(text).text(), text);
  }
  const Ace ace = parse_normalised_ace("default:user:bob:r-x");
  EXPECT_TRUE(ace.is_default);
  EXPECT_EQ(ace.type, "user");
  EXPECT_EQ(ace.name, "bob");
  EXPECT_TRUE(ace.read);
  EXPECT_FALSE(ace.write);
  EXPECT_TRUE(ace.execute);
}

}  // namespace
}  // namespace cdrun
