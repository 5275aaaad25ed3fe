// Agent 2.x's appspec verdict. Expected kinds and messages are written from the agent's source
// (src/application_specification/*.rs, error.rs), conformance/agent2/README.md and
// agent2-behavior.md, not from cdrun's output.
#include <gtest/gtest.h>

#include "appspec/agent2/agent2_parser.h"

namespace cdrun {
namespace {

const std::string kHead = "version: 0.0\nos: linux\n";

Agent2Verdict parse(const std::string& text) { return parse_agent2_appspec(text); }

void expect_kind(const std::string& text, Agent2ErrorKind kind) {
  const Agent2Verdict verdict = parse(text);
  EXPECT_EQ(verdict.accepts, kind == Agent2ErrorKind::none) << text;
  EXPECT_EQ(agent2_error_kind_name(verdict.error_kind), std::string(agent2_error_kind_name(kind)))
      << text << "\n" << verdict.message;
}

TEST(Agent2Parser, MinimalAppSpecIsAccepted) {
  const Agent2Verdict verdict = parse(kHead);
  EXPECT_TRUE(verdict.accepts);
  EXPECT_EQ(verdict.error_kind, Agent2ErrorKind::none);
  EXPECT_EQ(verdict.message, "");
}

TEST(Agent2Parser, BlankTextIsEmptyFileEvenWithUnicodeSpaces) {
  const std::string message =
      "The deployment failed because the application specification file was empty. Make sure your AppSpec file "
      "defines at minimum the 'version' and 'os' properties.";
  EXPECT_EQ(parse(" \n\t\n").message, message);
  EXPECT_EQ(parse("\xC2\xA0\xE3\x80\x80\n").error_kind, Agent2ErrorKind::EmptyFile);  // U+00A0, U+3000
  expect_kind("# only a comment\n", Agent2ErrorKind::yaml);                         // not EmptyFile
  expect_kind("---\n", Agent2ErrorKind::yaml);
}

TEST(Agent2Parser, TextThatIsNotUtf8IsAnIoError) {
  expect_kind("version: 0.0\nos: \xFF\n", Agent2ErrorKind::IoError);
}

TEST(Agent2Parser, VersionIsAnF64WithinEpsilonOfZero) {
  for (const char* ok : {"0", "00", "0.", ".0", "+0.0", "-0.0", "0.0e+0", "!!float 0", "!!str 0.0", "0.0000000000000001"})
    expect_kind(std::string("version: ") + ok + "\nos: linux\n", Agent2ErrorKind::none);
  for (const char* bad : {"\"0.0\"", "0x0", "0o0", "0.0.0", "~"})
    expect_kind(std::string("version: ") + bad + "\nos: linux\n", Agent2ErrorKind::yaml);
  const Agent2Verdict one = parse("version: 1.0\nos: linux\n");
  EXPECT_EQ(one.message,
            "The deployment failed because an invalid version value (1) was entered in the application specification "
            "file. Make sure your AppSpec file specifies \"0.0\" as the version, and then try again.");
  EXPECT_EQ(one.position.line, 1);
  EXPECT_EQ(one.position.column, 10);
  EXPECT_NE(parse("version: .nan\nos: linux\n").message.find("(NaN)"), std::string::npos);
  EXPECT_NE(parse("version: .inf\nos: linux\n").message.find("(inf)"), std::string::npos);
  EXPECT_NE(parse("version: 0.0000001\nos: linux\n").message.find("(0.0000001)"), std::string::npos);
  EXPECT_NE(parse("version: -1.5\nos: linux\n").message.find("(-1.5)"), std::string::npos);
  EXPECT_NE(parse("version: 1e21\nos: linux\n").message.find("(1000000000000000000000)"), std::string::npos);
}

TEST(Agent2Parser, OsIsAnyScalarAndOnlyLinuxOrWindowsPass) {
  expect_kind("version: 0.0\nos: windows\n", Agent2ErrorKind::none);
  const Agent2Verdict tilde = parse("version: 0.0\nos: ~\n");
  EXPECT_EQ(tilde.message,
            "The deployment failed because the application specification file specifies an unsupported operating system "
            "(~). Specify either \"linux\" or \"windows\" in the os section of the AppSpec file, and then try again.");
  expect_kind("version: 0.0\nos: Linux\n", Agent2ErrorKind::UnsupportedOs);
  expect_kind("version: 0.0\nos: [linux]\n", Agent2ErrorKind::yaml);
  expect_kind("version: 0.0\n", Agent2ErrorKind::yaml);  // missing field `os`
}

TEST(Agent2Parser, FileExistsBehaviorIsCheckedBeforeHooks) {
  expect_kind(kHead + "file_exists_behavior: retain\nhooks:\n  ApplicationStart:\n    - location: ''\n",
              Agent2ErrorKind::InvalidFileExistsBehavior);
  expect_kind(kHead + "file_exists_behavior: RETAIN\n", Agent2ErrorKind::none);
}

TEST(Agent2Parser, TimeoutIsAPlainU32AndTheYamlErrorNamesTheField) {
  const std::string hook = kHead + "hooks:\n  ApplicationStart:\n    - location: s.sh\n      timeout: ";
  const Agent2Verdict words = parse(hook + "30abc\n");
  EXPECT_EQ(words.error_kind, Agent2ErrorKind::yaml);
  // The README's observed serde_yaml text, inside YamlError's Display.
  EXPECT_EQ(words.message,
            "The deployment failed because of a YAML parsing error: hooks.ApplicationStart[0].timeout: invalid type: "
            "string \"30abc\", expected u32 at line 6 column 16");
  EXPECT_EQ(words.field, "hooks.ApplicationStart[0].timeout");
  EXPECT_EQ(words.position.line, 6);
  EXPECT_EQ(words.position.column, 16);
  EXPECT_EQ(words.value, "30abc");
  for (const char* ok : {"300", "+300", "0x10", "0o7", "0b1", "4294967295", "~", ""})
    expect_kind(hook + ok + "\n", Agent2ErrorKind::none);
  for (const char* bad : {"07", "0300", "1_000", "30s", "\"30\"", "30.9", "1e3", "true", "4294967296", "-1"})
    expect_kind(hook + bad + "\n", Agent2ErrorKind::yaml);
  expect_kind(hook + "0\n", Agent2ErrorKind::InvalidTimeout);
}

TEST(Agent2Parser, SudoIsOnlyAPlainBoolean) {
  const std::string hook = kHead + "hooks:\n  ApplicationStart:\n    - location: s.sh\n      sudo: ";
  for (const char* ok : {"true", "True", "FALSE", "~"}) expect_kind(hook + ok + "\n", Agent2ErrorKind::none);
  for (const char* bad : {"yes", "no", "on", "1", "\"true\"", "'no'"}) expect_kind(hook + bad + "\n", Agent2ErrorKind::yaml);
}

TEST(Agent2Parser, SectionsAreEmptyOnlyWhenAbsentOrAnEmptyPlainValue) {
  for (const char* ok : {"hooks:\n", "files:\n", "permissions:\n", "hooks: {}\n", "files: []\n"})
    expect_kind(kHead + ok, Agent2ErrorKind::none);
  for (const char* bad : {"files: ~\n", "hooks: null\n", "permissions: ''\n", "hooks: false\n", "files:\n  - ~\n"})
    expect_kind(kHead + bad, Agent2ErrorKind::yaml);
  expect_kind(kHead + "files:\n  -\n", Agent2ErrorKind::MissingSource);  // an all-None struct
  const Agent2Verdict hooks = parse(kHead + "hooks: false\n");
  EXPECT_EQ(hooks.field, "hooks");
  EXPECT_EQ(hooks.position.line, 3);
  EXPECT_EQ(hooks.position.column, 8);
}

TEST(Agent2Parser, ATypeErrorBeforeASyntaxErrorIsWhatIsReported) {
  const Agent2Verdict verdict = parse(kHead + "hooks: [\n");
  EXPECT_EQ(verdict.error_kind, Agent2ErrorKind::yaml);
  EXPECT_NE(verdict.message.find("hooks: invalid type: sequence, expected a map"), std::string::npos) << verdict.message;
}

TEST(Agent2Parser, DocumentsDuplicatesAliasesAndMergeKeys) {
  const Agent2Verdict two = parse(kHead + "---\nversion: 0.0\n");
  EXPECT_EQ(two.error_kind, Agent2ErrorKind::yaml);
  EXPECT_NE(two.message.find("deserializing from YAML containing more than one document is not supported"), std::string::npos);
  EXPECT_EQ(two.position.line, 3);
  const Agent2Verdict duplicate = parse(kHead + "os: linux\n");
  EXPECT_NE(duplicate.message.find("duplicate field `os`"), std::string::npos) << duplicate.message;
  expect_kind(kHead + "foo: 1\nfoo: 2\n", Agent2ErrorKind::none);  // a repeated unknown key is ignored
  expect_kind(kHead + "files:\n  - &f\n    source: a\n    destination: /b\n  - *f\n", Agent2ErrorKind::none);
  // `<<` is an ordinary (unknown) key, so the merged destination is missing.
  expect_kind(kHead + "x: &d {destination: /b}\nfiles:\n  - <<: *d\n    source: a\n", Agent2ErrorKind::MissingDestination);
  const Agent2Verdict bom = parse("\xEF\xBB\xBFversion: 0.0\nos: linux\n");
  EXPECT_NE(bom.message.find("missing field `os` at line 1 column 2"), std::string::npos) << bom.message;
}

TEST(Agent2Parser, ScriptsAndFiles) {
  const std::string hooks = kHead + "hooks:\n  ApplicationStart:\n    - ";
  const Agent2Verdict blank = parse(hooks + "location: \"\\u3000\"\n");
  EXPECT_EQ(blank.error_kind, Agent2ErrorKind::EmptyScriptLocation);
  EXPECT_EQ(blank.position.line, 5);
  EXPECT_EQ(blank.position.column, 17);
  expect_kind(hooks + "runas: root\n", Agent2ErrorKind::EmptyScriptLocation);
  expect_kind(hooks + "location: false\n", Agent2ErrorKind::none);  // the string "false"
  expect_kind(kHead + "hooks:\n  Anything:\n    - location: a.sh\n  Empty:\n", Agent2ErrorKind::none);
  expect_kind(kHead + "files:\n  - source: ' '\n    destination: /b\n", Agent2ErrorKind::none);
  EXPECT_EQ(parse(kHead + "files:\n  - source: src\n").message,
            "The deployment failed because the application specification file specifies only a source file (src). Add "
            "the name of the destination file to the files section of the AppSpec file, and then try again.");
}

TEST(Agent2Parser, PermissionsInTheAgentsOrder) {
  const std::string perm = kHead + "permissions:\n  - object: /a\n    ";
  expect_kind("version: 0.0\nos: windows\npermissions:\n  - object: /a\n", Agent2ErrorKind::PermissionsOnWindows);
  expect_kind("version: 0.0\nos: windows\npermissions: []\n", Agent2ErrorKind::none);
  expect_kind(kHead + "permissions:\n  - mode: 644\n", Agent2ErrorKind::MissingPermissionObject);
  expect_kind(perm + "type: [file, link]\n", Agent2ErrorKind::InvalidObjectType);
  expect_kind(perm + "type: []\n", Agent2ErrorKind::none);
  expect_kind(perm + "mode: 0755\n", Agent2ErrorKind::none);
  expect_kind(perm + "mode: ''\n", Agent2ErrorKind::none);
  EXPECT_EQ(parse(perm + "mode: 12345\n").message,
            "The deployment failed because the length of a permissions mode (12345) in the application specification "
            "file is invalid. Permissions modes must be between one and four characters long. Update the permissions "
            "section of the AppSpec file, and then try again.");
  expect_kind(perm + "mode: false\n", Agent2ErrorKind::InvalidModeLength);
  EXPECT_EQ(parse(perm + "mode: 08\n").message,
            "The deployment failed because the permissions mode (08) in the application specification file contains an "
            "invalid character (8). Update the permissions section of the AppSpec file, and then try again.");
  // The type is checked before the mode, the mode before the acls.
  expect_kind(perm + "mode: 9\n    type: [x]\n", Agent2ErrorKind::InvalidObjectType);
  expect_kind(perm + "acls: ['o:r']\n", Agent2ErrorKind::InvalidAclEntry);
  expect_kind(perm + "acls: ['u::rwx']\n", Agent2ErrorKind::BaseAclNeedsName);
  expect_kind(perm + "acls: ['d:u::rwx']\n", Agent2ErrorKind::none);
  expect_kind(perm + "acls: ['u:bob:8']\n", Agent2ErrorKind::InvalidAclEntry);
  expect_kind(perm + "acls: ['u:bob:rwx:ignored']\n", Agent2ErrorKind::none);
  EXPECT_NE(parse(perm + "acls: ['u:bob:77']\n").message.find("named u:bob:77 in the application specification file "
                                                               "contains an invalid character (7)"),
            std::string::npos);
  EXPECT_EQ(parse(perm + "context:\n      name: u\n      range: s0\n").message,
            "The deployment failed because the application specification file specifies an invalid context type (SELinux "
            "context missing required 'type' field: RawContext { name: Some(\"u\"), type_: None, range: Some(\"s0\") }). "
            "Update the permissions section of the AppSpec file, and then try again.");
  for (const char* ok : {"s0", "s0-s255", "s0:c0.c1023", "s1-s2:c0,c5", "s0:c1,c1", "s0:c0.c3.c9"})
    expect_kind(perm + "context: {type: t, range: '" + ok + "'}\n", Agent2ErrorKind::none);
  for (const char* bad : {"s256", "s2-s1", "s0:c5.c2", "s0:c1024", "s0:", "s", "x0", "s0 "})
    expect_kind(perm + "context: {type: t, range: '" + bad + "'}\n", Agent2ErrorKind::InvalidSeLinuxRange);
}

}  // namespace
}  // namespace cdrun
