// max_revisions (agent-behavior.md §2.1, case 12): extra = others - retain + 1 of the oldest
// deployment directories by mtime are deleted, never the current or the last successful one.
#include <sys/stat.h>
#include <sys/time.h>

#include "download_test_support.h"
#include "runner/fs/filesystem.h"
#include "runner/download/download_step.h"

namespace cdrun::download_test {
namespace {

class DownloadPrune : public DeploymentRootTest {
 protected:
  // A deployment directory of the group with a file inside and the given mtime.
  std::string make_deployment(const std::string& name, time_t mtime) {
    temp_.write("root/dg/" + name + "/deployment-archive/appspec.yml", "version: 0.0\n");
    const std::string path = temp_.path() + "/root/dg/" + name;
    const timeval times[2] = {{mtime, 0}, {mtime, 0}};
    EXPECT_EQ(::utimes(path.c_str(), times), 0);
    return path;
  }

  void set_last_successful(const std::string& dir) {
    std::string error;
    ASSERT_TRUE(download::make_directories(layout_.instructions_dir(), &error)) << error;
    ASSERT_TRUE(write_instruction_path(layout_.last_successful_file(), dir, &error)) << error;
  }

  std::vector<std::string> group_entries() const {
    std::vector<std::string> names;
    std::string error;
    EXPECT_TRUE(download::list_directory(temp_.path() + "/root/dg", &names, &error)) << error;
    std::sort(names.begin(), names.end());
    return names;
  }
};

TEST_F(DownloadPrune, RemovesTheOldestBeyondRetain) {
  const std::string a = make_deployment("d-A", 1000);
  const std::string b = make_deployment("d-B", 2000);
  make_deployment("d-C", 3000);
  make_deployment("d-D", 4000);
  make_deployment("d-TEST00000-local", 500);  // the current one: never counted, never deleted
  // 4 others, retain 3: extra = 4 - 3 + 1 = 2.
  EXPECT_EQ(prune_old_deployments(layout_, 3), (std::vector<std::string>{a, b}));
  EXPECT_EQ(group_entries(), (std::vector<std::string>{"d-C", "d-D", "d-TEST00000-local"}));
}

TEST_F(DownloadPrune, NeverRemovesTheLastSuccessful) {
  const std::string a = make_deployment("d-A", 1000);
  const std::string b = make_deployment("d-B", 2000);
  const std::string c = make_deployment("d-C", 3000);
  make_deployment("d-D", 4000);
  set_last_successful(a);
  // extra = 2 taken from B, C, D by age.
  EXPECT_EQ(prune_old_deployments(layout_, 3), (std::vector<std::string>{b, c}));
  EXPECT_EQ(group_entries(), (std::vector<std::string>{"d-A", "d-D"}));
}

TEST_F(DownloadPrune, KeepsMoreThanRetainWhenTheLastSuccessfulIsOld) {
  const std::string a = make_deployment("d-A", 1000);
  const std::string b = make_deployment("d-B", 2000);
  const std::string c = make_deployment("d-C", 3000);
  const std::string d = make_deployment("d-D", 4000);
  set_last_successful(c);
  // retain 2: extra = 3, every other candidate goes.
  EXPECT_EQ(prune_old_deployments(layout_, 2), (std::vector<std::string>{a, b, d}));
  EXPECT_EQ(group_entries(), (std::vector<std::string>{"d-C"}));
}

TEST_F(DownloadPrune, NothingBelowTheLimit) {
  make_deployment("d-A", 1000);
  make_deployment("d-B", 2000);
  EXPECT_TRUE(prune_old_deployments(layout_, 3).empty());  // extra = 2 - 3 + 1 = 0
  EXPECT_EQ(group_entries(), (std::vector<std::string>{"d-A", "d-B"}));
}

TEST_F(DownloadPrune, CdrunOwnEntriesNeitherCountNorGo) {
  const std::string a = make_deployment("d-A", 1000);
  make_deployment("d-B", 2000);
  make_deployment("d-C", 3000);
  make_deployment(".cdrun-staging", 10);
  // Counting only d-A..d-C: extra = 3 - 3 + 1 = 1.
  EXPECT_EQ(prune_old_deployments(layout_, 3), (std::vector<std::string>{a}));
  EXPECT_EQ(group_entries(), (std::vector<std::string>{".cdrun-staging", "d-B", "d-C"}));
}

TEST_F(DownloadPrune, MissingGroupDirectoryIsNotAnError) { EXPECT_TRUE(prune_old_deployments(layout_, 1).empty()); }

TEST_F(DownloadPrune, DownloadBundlePrunesFirstAndReportsIt) {
  const std::string a = make_deployment("d-A", 1000);
  const std::string b = make_deployment("d-B", 2000);
  make_deployment("d-C", 3000);
  temp_.write("bundle/appspec.yml", "version: 0.0\n");
  DownloadRequest request{layout_, temp_ / "bundle", BundleKind::directory, 2};
  AgentLog log;
  const DownloadResult result = run_download_bundle(request, log);
  ASSERT_TRUE(result.ok) << result.error;
  // retain 2 as in case 12: the current and the newest previous one remain.
  EXPECT_EQ(result.removed, (std::vector<std::string>{a, b}));
  EXPECT_EQ(group_entries(), (std::vector<std::string>{"d-C", "d-TEST00000-local"}));
  EXPECT_EQ(read_file(layout_.most_recent_file()), temp_.path() + "/root/dg/d-TEST00000-local");
}

}  // namespace
}  // namespace cdrun::download_test
