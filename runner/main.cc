// cdrun: one binary, one file per subcommand.
#include <CLI/CLI.hpp>

#include <iostream>

#include "runner/cli_error.h"
#include "runner/validate_command.h"

int main(int argc, char** argv) {
  CLI::App app{"cdrun: try AWS CodeDeploy appspecs and bundles before the agent does"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("cdrun 0.1.0"));
  cdrun::ValidateOptions validate;
  cdrun::add_validate_command(app, validate);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return cdrun::kExitUsage;
  }
  try {
    if (app.got_subcommand("validate")) return cdrun::run_validate(validate, std::cout, std::cerr);
  } catch (const cdrun::UsageError& e) {
    std::cerr << cdrun::format_cli_error(e.what()) << "\n";
    return cdrun::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << cdrun::format_cli_error(e.what()) << "\n";
    return cdrun::kExitUsage;
  }
  return cdrun::kExitUsage;
}
