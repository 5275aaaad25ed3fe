#include "runner/cli/bundle_command.h"

#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "runner/cli/cli_error.h"
#include "runner/cli/command_line.h"
#include "runner/cli/validate_command.h"
#include "runner/pack/left_out_paths.h"
#include "runner/pack/pack_bundle.h"

namespace cdrun {
namespace {

struct BundleOptions {
  std::string directory = ".";
  std::string output;
  bool strict = false;
  std::string format = "text";  // text | json
};

void write_summary(std::ostream& out, const BundleOptions& options, const pack::BundleResult& result) {
  if (options.format == "json") {
    const nlohmann::json summary{{"file", options.output},
                                 {"members", result.members},
                                 {"bytes", result.bytes},
                                 {"sha256", result.sha256}};
    out << summary.dump(2) << "\n";
    return;
  }
  out << options.output << ": " << result.members << " members, " << result.bytes << " bytes, sha256 "
      << result.sha256 << "\n";
}

int run_bundle(const BundleOptions& options, std::ostream& out, std::ostream& err) {
  const std::optional<pack::ArchiveFormat> format = pack::archive_format_for(options.output);
  if (!format) {
    err << format_cli_error("the output " + options.output + " must end in .zip, .tgz, .tar.gz or .tar") << "\n";
    return kExitUsage;
  }
  struct stat info {};
  if (::stat(options.directory.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    err << format_cli_error(options.directory + " is not a directory; cdrun bundle archives a bundle directory")
        << "\n";
    return kExitUsage;
  }
  std::string epoch_error;
  const std::int64_t mtime = pack::member_mtime(std::getenv("SOURCE_DATE_EPOCH"), &epoch_error);
  if (!epoch_error.empty()) {
    err << format_cli_error(epoch_error) << "\n";
    return kExitUsage;
  }

  pack::LeftOutPaths left_out;
  if (const std::string unreadable =
          left_out.load(options.directory, pack::output_inside_directory(options.directory, options.output));
      !unreadable.empty()) {
    err << "cdrun bundle: " << unreadable << "; nothing written\n";
    return kExitInvalid;
  }
  if (std::optional<int> status =
          stop_unless_valid(options.directory, options.strict, left_out, "cdrun bundle", "nothing written", err))
    return *status;

  const pack::BundleResult result = pack::write_bundle({options.directory, options.output, *format, mtime});
  if (!result.error.empty()) {
    err << "cdrun bundle: " << result.error << "; nothing written\n";
    return kExitInvalid;
  }
  write_summary(out, options, result);
  return kExitOk;
}

}  // namespace

int run_bundle_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                       std::ostream& err) {
  CLI::App app{"Validate a bundle directory, then write it as a deterministic zip, tar or tgz archive", program};
  BundleOptions options;
  app.add_option("directory", options.directory, "Bundle directory (default: .)");
  app.add_option("-o,--output", options.output, "Archive to write: FILE.zip, FILE.tgz, FILE.tar.gz or FILE.tar")
      ->required();
  app.add_flag("--strict", options.strict, "Warnings make the bundle invalid, as for cdrun validate --strict");
  app.add_option("--format", options.format, "Output format")->check(CLI::IsMember({"text", "json"}));
  if (std::optional<int> status = parse_command_line(app, args, out, err, kExitUsage)) return *status;
  return report_exceptions(err, [&] { return run_bundle(options, out, err); });
}

}  // namespace cdrun
