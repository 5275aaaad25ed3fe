// End to end: directory bundles whose tree is hostile (CD312-CD314, CD322, CD323): unreadable or
// over-long directories, symlink loops, 2,000 levels of nesting, links out, FIFOs.
// Runs that could spin are bounded by design: cdrun gets a CPU-time limit (inherited across
// fork), so a looping walk ends with SIGXCPU and a failed test instead of a hung suite.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "bundle_builder.h"
#include "validate_bundle_expect.h"

namespace cdrun::e2e {
namespace {

const std::string kMinimal = "version: 0.0\nos: linux\n";

// Lowers this process's soft CPU limit to what it has used plus `seconds` while in scope; the
// cdrun child inherits the limit with a fresh count, this process restores the old one.
class CpuBudget {
 public:
  explicit CpuBudget(rlim_t seconds) {
    getrlimit(RLIMIT_CPU, &saved_);
    rusage used {};
    getrusage(RUSAGE_SELF, &used);
    rlimit bounded = saved_;
    bounded.rlim_cur = static_cast<rlim_t>(used.ru_utime.tv_sec + used.ru_stime.tv_sec) + seconds;
    if (saved_.rlim_cur != RLIM_INFINITY && bounded.rlim_cur > saved_.rlim_cur) bounded.rlim_cur = saved_.rlim_cur;
    setrlimit(RLIMIT_CPU, &bounded);
  }
  ~CpuBudget() { setrlimit(RLIMIT_CPU, &saved_); }
  CpuBudget(const CpuBudget&) = delete;
  CpuBudget& operator=(const CpuBudget&) = delete;

 private:
  rlimit saved_ {};
};

JsonRun validate_bounded(const std::string& path) {
  CpuBudget budget(60);
  return validate_json(path);
}

std::string repeated_path(const std::string& name, int levels) {
  std::string out = name;
  for (int i = 1; i < levels; ++i) out += "/" + name;
  return out;
}

TEST(ValidateBundleTreeE2E, CD312DirectoryPathLongerThanPathMax) {
  TempDir dir;
  dir.write("appspec.yml", kMinimal);
  const std::string name(250, 'n');
  // Level k is 251k - 1 bytes long: level 16 (4015) can still be opened by name, level 17 (4266)
  // passes PATH_MAX (4096), so the walk cannot list it.
  make_nested_directories(dir.path(), name, 17);
  TreeRemoval cleanup(dir.path() + "/" + name);
  JsonRun run = validate_bounded(dir.path());
  expect_diagnostic(run, {"CD312", "warning", dir.path() + "/" + repeated_path(name, 17), 0, 0,
                          "cannot read directory: File name too long"});
  EXPECT_EQ(with_code(run.report, "CD312").size(), 1u);
  EXPECT_EQ(run.exit_code, 0);
}

TEST(ValidateBundleTreeE2E, CD312UnreadableDirectory) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads directories whatever their mode";
  TempDir dir;
  dir.write("appspec.yml", kMinimal);
  dir.write("secret/key.txt", "k");
  TreeRemoval cleanup(dir.path() + "/secret");  // gives the mode back before removing it
  chmod((dir.path() + "/secret").c_str(), 0);
  JsonRun run = validate_bounded(dir.path());
  expect_diagnostic(run, {"CD312", "warning", dir.path() + "/secret", 0, 0, "cannot read directory: Permission denied"});
  EXPECT_EQ(run.exit_code, 0);
}

TEST(ValidateBundleTreeE2E, CD313SymlinkLoopOnDisk) {
  TempDir dir;
  dir.write("appspec.yml", kMinimal);
  std::filesystem::create_symlink("b", dir.path() + "/a");
  std::filesystem::create_symlink("a", dir.path() + "/b");
  std::filesystem::create_symlink("self", dir.path() + "/self");
  JsonRun run = validate_bounded(dir.path());
  expect_diagnostic(run, {"CD313", "warning", dir.path() + "/a", 0, 0, "symlink loop: \"a\" -> \"b\" never reaches a file"});
  expect_diagnostic(run, {"CD313", "warning", dir.path() + "/b", 0, 0, "symlink loop: \"b\" -> \"a\" never reaches a file"});
  expect_diagnostic(run, {"CD313", "warning", dir.path() + "/self", 0, 0,
                          "symlink loop: \"self\" -> \"self\" never reaches a file"});
  EXPECT_EQ(with_code(run.report, "CD313").size(), 3u) << "each loop once, from the filesystem only";
  EXPECT_EQ(run.exit_code, 0);
}

TEST(ValidateBundleTreeE2E, CD314TwoThousandLevelsDeep) {
  TempDir dir;
  dir.write("appspec.yml", kMinimal);
  make_nested_directories(dir.path(), "d", 2000);
  TreeRemoval cleanup(dir.path() + "/d");
  JsonRun run = validate_bounded(dir.path());
  // The directory 256 levels down is listed; what is inside it is not.
  expect_diagnostic(run, {"CD314", "warning", dir.path() + "/" + repeated_path("d", 256), 0, 0,
                          "directory nesting deeper than 256 levels; its contents were not checked"});
  EXPECT_EQ(with_code(run.report, "CD314").size(), 1u);
  EXPECT_EQ(run.exit_code, 0);
}

TEST(ValidateBundleTreeE2E, CD322SymlinksLeadingOutsideTheDirectory) {
  TempDir dir;
  dir.write("appspec.yml", kMinimal);
  std::filesystem::create_directories(dir.path() + "/config");
  std::filesystem::create_symlink("../../etc", dir.path() + "/config/etc");
  std::filesystem::create_symlink("..", dir.path() + "/up");
  std::filesystem::create_symlink("/etc/passwd", dir.path() + "/abs");
  std::filesystem::create_symlink("../appspec.yml", dir.path() + "/config/inside");
  JsonRun run = validate_bounded(dir.path());
  expect_diagnostic(run, {"CD322", "error", dir.path() + "/config/etc", 0, 0,
                          "symlink \"config/etc\" -> \"../../etc\" leads outside the bundle root"});
  expect_diagnostic(run, {"CD322", "error", dir.path() + "/up", 0, 0, "symlink \"up\" -> \"..\" leads outside the bundle root"});
  expect_diagnostic(run, {"CD322", "error", dir.path() + "/abs", 0, 0,
                          "symlink \"abs\" -> \"/etc/passwd\" leads outside the bundle root"});
  EXPECT_EQ(with_code(run.report, "CD322").size(), 3u) << run.report.dump(2);
  EXPECT_EQ(run.exit_code, 1);
}

TEST(ValidateBundleTreeE2E, CD323FifoInADirectory) {
  TempDir dir;
  dir.write("appspec.yml", kMinimal);
  ASSERT_EQ(mkfifo((dir.path() + "/pipe").c_str(), 0644), 0);
  JsonRun run = validate_bounded(dir.path());
  expect_diagnostic(run, {"CD323", "warning", dir.path() + "/pipe", 0, 0,
                          "\"pipe\" is a device, FIFO or socket, not a file; the agent copies it as such during Install"});
  EXPECT_EQ(run.exit_code, 0);
}

}  // namespace
}  // namespace cdrun::e2e
