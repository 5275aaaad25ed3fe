// Speed of `cdrun validate` (targets: a 100,000-file directory bundle in <= 0.5 s on two cores; one
// appspec at most 2x the start of /bin/true, measured in the same run). Prints figures and ratios;
// never fails.
//
//   bench/validate_bench [FILES] [RUNS] [--cdrun PATH]...   (defaults: 100000 files, 5 runs, the build's cdrun)
//
// With several --cdrun (e.g. the dynamic build and the static release binary) the binaries take turns
// run by run, and the later binaries' medians are given as a ratio to the first one's.
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

// Wall seconds of one `BINARY validate --format json TARGET` (or of BINARY alone when target is
// empty, for /bin/true), output discarded.
double time_validate(const std::string& binary, const std::string& target) {
  std::fflush(stdout);  // or the child would flush our buffered lines a second time
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, STDOUT_FILENO);
    if (target.empty()) execl(binary.c_str(), binary.c_str(), static_cast<char*>(nullptr));
    execl(binary.c_str(), binary.c_str(), "validate", "--format", "json", target.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Figures {
  double min, median;
};

Figures figures(std::vector<double> times) {
  std::sort(times.begin(), times.end());
  return {times.front(), times[times.size() / 2]};
}

// Each command (binary, target) once per round, round after round, so a shared machine's load,
// which comes and goes in seconds, weighs on every command alike. A first round warms the caches.
std::vector<Figures> measure_interleaved(const std::vector<std::pair<std::string, std::string>>& commands, int runs) {
  std::vector<std::vector<double>> times(commands.size());
  for (const auto& [binary, target] : commands) time_validate(binary, target);
  for (int i = 0; i < runs; ++i)
    for (size_t c = 0; c < commands.size(); ++c) times[c].push_back(time_validate(commands[c].first, commands[c].second));
  std::vector<Figures> result;
  for (const auto& t : times) result.push_back(figures(t));
  return result;
}

void report(const std::string& what, Figures f, const char* versus, double versus_seconds) {
  std::printf("%-44s min %8.2f ms  median %8.2f ms  %s %.2f\n", what.c_str(), f.min * 1e3, f.median * 1e3, versus,
              f.median / versus_seconds);
}

std::string labelled(const char* what, const std::vector<std::string>& binaries, size_t i) {
  return std::string(what) + (binaries.size() > 1 ? " [" + binaries[i] + "]" : "");
}

// One row per binary: the first binary against the target, the others against the first.
void compare(const char* what, const std::vector<std::string>& binaries, const std::string& target, int runs,
             double target_seconds) {
  std::vector<std::pair<std::string, std::string>> commands;
  for (const std::string& binary : binaries) commands.emplace_back(binary, target);
  const std::vector<Figures> f = measure_interleaved(commands, runs);
  report(labelled(what, binaries, 0), f[0], "median/target", target_seconds);
  for (size_t i = 1; i < binaries.size(); ++i)
    report(labelled(what, binaries, i), f[i], "median/first binary's", f[0].median);
}

long file_size(const std::string& path) {
  std::error_code error;
  const auto size = fs::file_size(path, error);
  return error ? -1 : static_cast<long>(size);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> numbers, binaries;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--cdrun" && i + 1 < argc) binaries.push_back(argv[++i]);
    else numbers.push_back(argv[i]);
  }
  if (binaries.empty()) binaries.push_back(CDRUN_BINARY);
  const int files = numbers.size() > 0 ? std::atoi(numbers[0].c_str()) : 100000;
  const int runs = numbers.size() > 1 ? std::atoi(numbers[1].c_str()) : 5;
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

  for (const std::string& binary : binaries) std::printf("binary %s: %ld bytes\n", binary.c_str(), file_size(binary));

  compare("directory bundle", binaries, (work / "bundle").string(), runs, 0.5);
  compare("tgz bundle (same target, for scale)", binaries, (work / "bundle.tgz").string(), runs, 0.5);
  // Start-up dominates one appspec: /bin/true, measured here in the same rounds, is the yardstick.
  const int start_runs = std::max(runs, 200);
  std::vector<std::pair<std::string, std::string>> commands = {{"/bin/true", ""}};
  for (const std::string& binary : binaries) commands.emplace_back(binary, lone.string());
  const std::vector<Figures> start = measure_interleaved(commands, start_runs);
  report("/bin/true (process start alone)", start[0], "median/itself", start[0].median);
  for (size_t i = 0; i < binaries.size(); ++i)
    report(labelled("one appspec", binaries, i), start[i + 1], "median / /bin/true's (target <= 2)", start[0].median);
  fs::remove_all(work);
  return 0;
}
