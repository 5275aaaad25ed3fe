// cdrun-sample-app: the users web app that the demo CodeDeploy bundle deploys (see ../README.md).
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "app_context.h"
#include "options.h"
#include "server_run.h"

namespace {

using namespace cdrun::sample_app;

int fail(AppLog* log, const std::string& message) {
  std::cerr << "cdrun-sample-app: " << message << "\n";
  if (log) log->write("error " + message);
  return 1;
}

int run(const std::vector<std::string>& args) {
  block_stop_signals();
  const CommandLine command_line = parse_command_line(args);
  if (command_line.help) {
    std::cout << usage_text();
    return 0;
  }
  if (!command_line.options) {
    std::cerr << "cdrun-sample-app: " << command_line.error << "\n"
              << "Try 'cdrun-sample-app --help' for the options.\n";
    return 2;
  }
  const Options& options = *command_line.options;

  auto log = AppLog::open(options.log_dir);
  if (!log) return fail(nullptr, log.error());
  AppLog* app_log = log.value().get();

  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec) return fail(app_log, "cannot create data directory " + options.data_dir + ": " + ec.message());
  UsersRepository users((std::filesystem::path(options.data_dir) / "users.db").string());
  const auto schema = users.initialise();
  if (!schema) return fail(app_log, schema.error());

  auto key_store = make_key_store(options);
  auto ring = key_store->load_or_create();
  if (!ring) return fail(app_log, "cannot load the anti-forgery key ring: " + ring.error());

  AppContext app{options, log.value(), users, std::move(key_store), nullptr};
  app.tokens = std::make_unique<TokenProtector>(*app.key_store, std::move(ring.value()));
  return serve(app, std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& error) {
    std::cerr << "cdrun-sample-app: unexpected error: " << error.what() << "\n";
    return 1;
  }
}
