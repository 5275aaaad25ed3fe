// Speed of `cdrun validate` (issue targets: a 100,000-file directory bundle in <= 0.5 s on two
// cores; one appspec in <= 5 ms including process start). Prints figures and ratios; never fails.
//
//   bench/validate_bench [FILES] [RUNS]        (defaults: 100000 files, 5 runs)
#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench/bench_tgz.h"

namespace fs = std::filesystem;

namespace {

const char* const kAppSpec =
    "version: 0.0\nos: linux\nfiles:\n  - source: /\n    destination: /srv/app\nhooks:\n"
    "  AfterInstall:\n    - location: scripts/after.sh\n      timeout: 60\n"
    "  ApplicationStart:\n    - location: scripts/start.sh\n      timeout: 60\n";
const char* const kScript = "#!/bin/bash\nset -euo pipefail\necho started\n";

void write_file(const fs::path& path, const std::string& content, fs::perms perms = fs::perms(0644)) {
  std::ofstream(path, std::ios::binary) << content;
  fs::permissions(path, perms);
}

// A bundle tree: appspec, two scripts, and `files` small files spread over 100 directories.
void make_tree(const fs::path& root, int files) {
  fs::create_directories(root / "scripts");
  write_file(root / "appspec.yml", kAppSpec);
  write_file(root / "scripts/after.sh", kScript, fs::perms(0755));
  write_file(root / "scripts/start.sh", kScript, fs::perms(0755));
  for (int i = 0; i < files; ++i) {
    fs::path dir = root / "data" / ("d" + std::to_string(i % 100));
    if (i < 100) fs::create_directories(dir);
    std::ofstream(dir / ("f" + std::to_string(i) + ".txt")) << i << "\n";
  }
}

// Wall seconds of one `cdrun validate --format json TARGET`, output discarded.
double time_validate(const std::string& target) {
  std::fflush(stdout);  // or the child would flush our buffered lines a second time
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, STDOUT_FILENO);
    execl(CDRUN_BINARY, CDRUN_BINARY, "validate", "--format", "json", target.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Figures {
  double min, median;
};

Figures measure(const std::string& target, int runs) {
  std::vector<double> times;
  time_validate(target);  // warm the page cache
  for (int i = 0; i < runs; ++i) times.push_back(time_validate(target));
  std::sort(times.begin(), times.end());
  return {times.front(), times[times.size() / 2]};
}

void report(const char* what, Figures f, double target_seconds) {
  std::printf("%-34s min %8.2f ms  median %8.2f ms  target %6.1f ms  median/target %.2f\n", what, f.min * 1e3,
              f.median * 1e3, target_seconds * 1e3, f.median / target_seconds);
}

}  // namespace

int main(int argc, char** argv) {
  const int files = argc > 1 ? std::atoi(argv[1]) : 100000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  const fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
  const fs::path work = base / ("cdrun-bench-" + std::to_string(getpid()));
  fs::create_directories(work);
  std::printf("cdrun validate benchmark: %d files, %d runs, scratch %s, %u cores\n", files, runs, work.c_str(),
              std::max(1u, static_cast<unsigned>(sysconf(_SC_NPROCESSORS_ONLN))));
  make_tree(work / "bundle", files);
  cdrun::bench::make_tgz(work / "bundle", work / "bundle.tgz");
  const fs::path lone = work / "lone" / "appspec.yml";
  fs::create_directories(lone.parent_path());
  write_file(lone, kAppSpec);

  report("directory bundle", measure((work / "bundle").string(), runs), 0.5);
  report("tgz bundle (same target, for scale)", measure((work / "bundle.tgz").string(), runs), 0.5);
  report("one appspec (incl. process start)", measure(lone.string(), std::max(runs, 50)), 0.005);
  fs::remove_all(work);
  return 0;
}
