// Speed of `cdrun deploy` against plain copies of the same trees (issue targets: a fresh directory
// deploy <= 2.0x `cp -a`, a redeploy <= 2.5x; codedeploy-local takes 5.6x), and the peak RSS of
// cdrun while a hook writes 1 GiB to stdout (target <= 32 MiB). Prints figures; never fails.
//
//   bench/deploy_bench [RUNS] [SCALE] [--cdrun PATH]...   (defaults: 3 runs, scale 1, the build's cdrun;
//        SCALE multiplies file counts and the hook's output size, for quick runs)
//
// With several --cdrun (the dynamic build and the static release binary) every run measures each
// binary in turn, and a last table gives each later binary's per-run ratios to the first one's.
#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
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

struct Outcome {
  double seconds = 0;
  long maxrss_kib = 0;
  int status = 0;
};

// Runs argv with stdout and stderr in `output`; wall time of the whole process, its exit status, and
// ru_maxrss from wait4 (the process itself, or a reaped child of it if one grew larger).
Outcome run(const std::vector<std::string>& argv, const fs::path& output) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::fflush(stdout);  // or the child would flush our buffered lines a second time
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    const int out = open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    execvp(args[0], args.data());
    _exit(127);
  }
  Outcome result;
  rusage usage{};
  wait4(pid, &result.status, 0, &usage);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.maxrss_kib = usage.ru_maxrss;
  return result;
}

void write_file(const fs::path& path, const std::string& content, fs::perms perms = fs::perms(0644)) {
  std::ofstream(path, std::ios::binary) << content;
  fs::permissions(path, perms);
}

std::string appspec(const fs::path& dest, const std::string& hooks = "") {
  return "version: 0.0\nos: linux\nfiles:\n  - source: data\n    destination: " + dest.string() + "\n" + hooks;
}

// Text-like bytes (letters from an LCG, a newline now and then) so gzip compresses as it would real files.
std::string content(unsigned seed, size_t size) {
  std::string text(size, 'a');
  for (size_t i = 0; i < size; ++i) {
    seed = seed * 1103515245u + 12345u;
    text[i] = (seed >> 16) % 64 == 0 ? '\n' : static_cast<char>('a' + (seed >> 16) % 26);
  }
  return text;
}

// `files` files under data/ spread over at most 100 directories, sizes from size_of(i).
template <typename SizeOf>
void make_tree(const fs::path& root, const fs::path& dest, int files, SizeOf size_of) {
  fs::create_directories(root / "data");
  write_file(root / "appspec.yml", appspec(dest));
  for (int i = 0; i < files; ++i) {
    const fs::path dir = root / "data" / ("d" + std::to_string(i % 100));
    if (i < 100) fs::create_directories(dir);
    write_file(dir / ("f" + std::to_string(i) + ".txt"), content(static_cast<unsigned>(i), size_of(i)));
  }
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

unsigned long long free_bytes(const fs::path& path) {
  struct statvfs s {};
  if (statvfs(path.c_str(), &s) != 0) return 0;
  return static_cast<unsigned long long>(s.f_bavail) * s.f_frsize;
}

struct Bench {
  fs::path work, dest, config, output;
  std::string binary = CDRUN_BINARY;
  int runs;
  int failures = 0;

  std::vector<std::string> deploy_argv(const fs::path& root, const fs::path& bundle, const char* type) const {
    return {binary, "deploy", "--root-dir", root.string(), "-c", config.string(), "-l", bundle.string(), "-t", type};
  }

  // Reports a failed child once with the tail of its output, so a broken figure is not taken for a slow one.
  Outcome checked(const std::vector<std::string>& argv) {
    Outcome o = run(argv, output);
    if (o.status != 0 && failures++ == 0) {
      std::ifstream in(output, std::ios::binary);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (text.size() > 1500) text = "..." + text.substr(text.size() - 1500);
      std::printf("!! `%s %s` exited with status %d:\n%s\n", argv[0].c_str(), argv[1].c_str(), o.status, text.c_str());
    }
    return o;
  }

  // Per run: the baseline, then each binary's fresh deploy and redeploy, so machine noise (a shared
  // host's load comes and goes in seconds) hits every binary and the baseline alike.
  struct Samples {
    std::vector<double> fresh, redeploy;
  };
  std::vector<Samples> measure(const std::string& label, const fs::path& bundle, const char* type,
                               const std::vector<std::string>& binaries) {
    const fs::path root = work / "root", copy = work / "copy";
    std::vector<Samples> samples(binaries.size());
    std::vector<double> baseline;
    const bool tgz = std::string(type) == "tgz";
    for (int i = 0; i < runs; ++i) {
      fs::remove_all(copy);
      if (tgz) {
        fs::create_directories(copy);
        baseline.push_back(checked({"tar", "xzf", bundle.string(), "-C", copy.string()}).seconds);
      } else {
        baseline.push_back(checked({"cp", "-a", bundle.string(), copy.string()}).seconds);
      }
      fs::remove_all(copy);
      for (size_t b = 0; b < binaries.size(); ++b) {
        binary = binaries[b];
        fs::remove_all(root);
        fs::remove_all(dest);
        samples[b].fresh.push_back(checked(deploy_argv(root, bundle, type)).seconds);
        samples[b].redeploy.push_back(checked(deploy_argv(root, bundle, type)).seconds);
      }
    }
    fs::remove_all(root);
    fs::remove_all(dest);
    const double base = median(baseline);
    for (size_t b = 0; b < binaries.size(); ++b) {
      const double f = median(samples[b].fresh), r = median(samples[b].redeploy);
      std::printf("%-18s %-9s %-3zu %9.3f %10.3f  %-8s %8.3f %9.2fx %9.2fx   %s\n", label.c_str(), type, b + 1, f, r,
                  tgz ? "tar xzf" : "cp -a", base, f / base, r / base, tgz ? "(none)" : "fresh <= 2.0x, redeploy <= 2.5x");
    }
    return samples;
  }
};

// The median over runs of each run's ratio: both figures of a pair were taken seconds apart.
double median_ratio(const std::vector<double>& later, const std::vector<double>& first) {
  std::vector<double> ratios;
  for (size_t i = 0; i < later.size() && i < first.size(); ++i) ratios.push_back(later[i] / first[i]);
  return median(ratios);
}

void hook_output_case(Bench& bench, double scale) {
  const unsigned long long bytes = static_cast<unsigned long long>(1073741824.0 * scale);
  // scripts.log holds the whole output, and the stream passes through the kernel's page cache too.
  const unsigned long long needed = bytes * 5 / 2;
  fs::path root_base = bench.work;
  std::string where = "same scratch";
  if (free_bytes(bench.work) < needed) {
    root_base = fs::temp_directory_path() / ("cdrun-deploy-bench-hook-" + std::to_string(getpid()));
    where = "temp dir " + root_base.string() + " (scratch has < " + std::to_string(needed >> 20) + " MiB free)";
  }
  const fs::path bundle = bench.work / "hook-bundle", root = root_base / "hook-root", dest = bench.work / "hook-dest";
  fs::create_directories(bundle / "data");
  fs::create_directories(bundle / "scripts");
  write_file(bundle / "data" / "one.txt", "one\n");
  write_file(bundle / "appspec.yml",
             appspec(dest, "hooks:\n  AfterInstall:\n    - location: scripts/flood.sh\n      timeout: 600\n"));
  // 99 characters and a newline per line; no pipefail, since `yes` ends on SIGPIPE when head is done.
  write_file(bundle / "scripts" / "flood.sh",
             "#!/bin/bash\nyes \"$(printf '%099d' 0)\" | head -c " + std::to_string(bytes) + "\n", fs::perms(0755));
  const Outcome o = bench.checked(bench.deploy_argv(root, bundle, "directory"));
  fs::remove_all(root_base == bench.work ? root : root_base);
  fs::remove_all(bundle);
  fs::remove_all(dest);
  std::printf("\nhook writing %.0f MiB to stdout (100-byte lines), root on %s:\n", bytes / 1048576.0, where.c_str());
  std::printf("  wall %.2f s (%.0f MiB/s)   peak RSS %.1f MiB   target <= 32 MiB   RSS/target %.2f%s\n", o.seconds,
              bytes / 1048576.0 / o.seconds, o.maxrss_kib / 1024.0, o.maxrss_kib / 1024.0 / 32.0,
              o.status == 0 ? "" : "   (deploy FAILED)");
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> numbers, binaries;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--cdrun" && i + 1 < argc) binaries.push_back(argv[++i]);
    else numbers.push_back(argv[i]);
  }
  if (binaries.empty()) binaries.push_back(CDRUN_BINARY);
  const int runs = std::max(1, numbers.size() > 0 ? std::atoi(numbers[0].c_str()) : 3);
  const double scale = numbers.size() > 1 ? std::atof(numbers[1].c_str()) : 1.0;
  const int small_files = std::max(1, static_cast<int>(20000 * scale));
  const int large_files = std::max(1, static_cast<int>(2000 * scale));
  const bool shm = fs::is_directory("/dev/shm");
  const fs::path base = shm ? fs::path("/dev/shm") : fs::temp_directory_path();

  Bench bench;
  bench.work = base / ("cdrun-deploy-bench-" + std::to_string(getpid()));
  bench.dest = bench.work / "dest";
  bench.config = bench.work / "agent.yml";
  bench.output = bench.work / "child-output.txt";
  bench.runs = runs;
  fs::create_directories(bench.work / "log");
  // Keeps the agent log out of /var/log when run as root; --root-dir covers the deployment root.
  write_file(bench.config, ":log_dir: " + (bench.work / "log").string() + "\n");

  std::printf("cdrun deploy benchmark: %d runs (median shown), scale %g, scratch %s%s, %u cores\n", runs, scale,
              bench.work.c_str(), shm ? " (tmpfs)" : "", std::max(1u, static_cast<unsigned>(sysconf(_SC_NPROCESSORS_ONLN))));
  const fs::path small = bench.work / "small", large = bench.work / "large";
  make_tree(small, bench.dest, small_files, [](int i) { return static_cast<size_t>(64 + (i * 37) % 193); });
  make_tree(large, bench.dest, large_files, [](int) { return static_cast<size_t>(100 * 1024); });
  cdrun::bench::make_tgz(small, bench.work / "small.tgz");
  cdrun::bench::make_tgz(large, bench.work / "large.tgz");

  const std::string small_label = std::to_string(small_files) + " x 64-256 B";
  const std::string large_label = std::to_string(large_files) + " x 100 KiB";
  std::printf("\nbinaries (column #):\n");
  for (size_t b = 0; b < binaries.size(); ++b)
    std::printf("  %zu  %s (%ju bytes)\n", b + 1, binaries[b].c_str(), static_cast<uintmax_t>(fs::file_size(binaries[b])));
  std::printf("\n%-18s %-9s %-3s %9s %10s  %-8s %8s %10s %10s   %s\n", "bundle", "type", "#", "fresh s", "redeploy s",
              "baseline", "base s", "fresh/b", "redep/b", "targets");
  const std::vector<std::vector<Bench::Samples>> cases = {
      bench.measure(small_label, small, "directory", binaries),
      bench.measure(small_label, bench.work / "small.tgz", "tgz", binaries),
      bench.measure(large_label, large, "directory", binaries),
      bench.measure(large_label, bench.work / "large.tgz", "tgz", binaries)};
  std::printf("(a fresh directory deploy copies the tree twice by the agent's design: bundle -> deployment-archive,\n"
              " then archive -> destination; codedeploy-local takes 5.6x cp -a)\n");
  const char* const rows[] = {"small directory", "small tgz", "large directory", "large tgz"};
  for (size_t b = 1; b < binaries.size(); ++b) {
    std::printf("\n#%zu against #1 (median of per-run ratios, runs interleaved; <= 1.00 = no slower):\n", b + 1);
    for (size_t r = 0; r < 4; ++r)
      std::printf("  %-16s fresh %5.2f   redeploy %5.2f\n", rows[r], median_ratio(cases[r][b].fresh, cases[r][0].fresh),
                  median_ratio(cases[r][b].redeploy, cases[r][0].redeploy));
  }

  for (const std::string& binary : binaries) {
    bench.binary = binary;
    std::printf("\n[%s]", binary.c_str());
    hook_output_case(bench, scale);
  }
  if (bench.failures > 0) std::printf("\n%d child process(es) failed; their figures are not meaningful\n", bench.failures);
  fs::remove_all(bench.work);
  return 0;
}
