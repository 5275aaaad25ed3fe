// The command line of cdrun-sample-app. The bundle's hook scripts depend on it exactly.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cdrun::sample_app {

enum class KeyStoreKind { local, redis };

struct Options {
  std::string listen = "127.0.0.1";
  int port = 5000;  // 0: any free port (the chosen one is printed and logged)
  std::string data_dir;
  std::string log_dir;
  KeyStoreKind key_store = KeyStoreKind::local;
  std::string redis_host = "127.0.0.1";
  int redis_port = 6379;
  std::string instance;  // defaults to the host name
  std::string revision = "unknown";
};

struct CommandLine {
  std::optional<Options> options;  // set when the app should run
  bool help = false;               // --help: print usage, exit 0
  std::string error;               // set when the command line is wrong (exit 2)
};

CommandLine parse_command_line(const std::vector<std::string>& args);
std::string usage_text();
const char* key_store_name(KeyStoreKind kind);

}  // namespace cdrun::sample_app
