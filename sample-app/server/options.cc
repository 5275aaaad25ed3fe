#include "options.h"

#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <map>

namespace cdrun::sample_app {
namespace {

std::optional<int> parse_port(const std::string& text) {
  if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const int value = std::atoi(text.c_str());
  if (value > 65535) return std::nullopt;
  return value;
}

std::string host_name() {
  char buffer[HOST_NAME_MAX + 1] = {};
  if (gethostname(buffer, sizeof buffer - 1) != 0 || buffer[0] == '\0') return "localhost";
  return buffer;
}

// Applies one option's value; returns an error message or "".
std::string apply(Options& options, const std::string& name, const std::string& value) {
  if (name == "--listen") {
    if (value.empty()) return "--listen needs an address";
    options.listen = value;
  } else if (name == "--port") {
    const auto port = parse_port(value);
    if (!port) return "--port must be a number from 0 to 65535, got '" + value + "'";
    options.port = *port;
  } else if (name == "--data-dir") {
    if (value.empty()) return "--data-dir needs a directory";
    options.data_dir = value;
  } else if (name == "--log-dir") {
    if (value.empty()) return "--log-dir needs a directory";
    options.log_dir = value;
  } else if (name == "--key-store") {
    if (value == "local") options.key_store = KeyStoreKind::local;
    else if (value == "redis") options.key_store = KeyStoreKind::redis;
    else return "--key-store must be 'local' or 'redis', got '" + value + "'";
  } else if (name == "--redis") {
    const size_t colon = value.rfind(':');
    const auto port = colon == std::string::npos ? std::nullopt : parse_port(value.substr(colon + 1));
    if (colon == 0 || !port || *port == 0) return "--redis must be HOST:PORT, got '" + value + "'";
    options.redis_host = value.substr(0, colon);
    options.redis_port = *port;
  } else if (name == "--instance") {
    if (value.empty()) return "--instance needs a name";
    options.instance = value;
  } else if (name == "--revision") {
    if (value.empty()) return "--revision needs a label";
    options.revision = value;
  }
  return "";
}

bool known_option(const std::string& name) {
  static const char* const names[] = {"--listen",    "--port",  "--data-dir", "--log-dir",
                                      "--key-store", "--redis", "--instance", "--revision"};
  for (const char* known : names) {
    if (name == known) return true;
  }
  return false;
}

}  // namespace

CommandLine parse_command_line(const std::vector<std::string>& args) {
  CommandLine result;
  Options options;
  std::map<std::string, bool> seen;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      result.help = true;
      return result;
    }
    std::string name = arg;
    std::string value;
    bool has_value = false;
    const size_t equals = arg.find('=');
    if (arg.rfind("--", 0) == 0 && equals != std::string::npos) {
      name = arg.substr(0, equals);
      value = arg.substr(equals + 1);
      has_value = true;
    }
    if (!known_option(name)) {
      result.error = arg.rfind("-", 0) == 0 ? "unknown option '" + arg + "'" : "unexpected argument '" + arg + "'";
      return result;
    }
    if (seen[name]) {
      result.error = name + " given twice";
      return result;
    }
    seen[name] = true;
    if (!has_value) {
      if (i + 1 >= args.size()) {
        result.error = name + " needs a value";
        return result;
      }
      value = args[++i];
    }
    const std::string problem = apply(options, name, value);
    if (!problem.empty()) {
      result.error = problem;
      return result;
    }
  }
  if (options.data_dir.empty()) result.error = "--data-dir is required";
  else if (options.log_dir.empty()) result.error = "--log-dir is required";
  if (!result.error.empty()) return result;
  if (options.instance.empty()) options.instance = host_name();
  result.options = options;
  return result;
}

std::string usage_text() {
  return "usage: cdrun-sample-app [--listen 127.0.0.1] [--port 5000] --data-dir DIR --log-dir DIR\n"
         "                        [--key-store local|redis] [--redis HOST:PORT] [--instance NAME] [--revision LABEL]\n"
         "  --listen ADDR        address to listen on (default 127.0.0.1)\n"
         "  --port N             port to listen on (default 5000; 0 picks a free one and logs it)\n"
         "  --data-dir DIR       holds users.db and, with the local key store, keys/keyring\n"
         "  --log-dir DIR        holds app.log (one line per request)\n"
         "  --key-store KIND     where the anti-forgery key ring lives: local (default) or redis\n"
         "  --redis HOST:PORT    the Redis server of --key-store redis (default 127.0.0.1:6379)\n"
         "  --instance NAME      this instance's name in /health, logs and X-Instance (default: host name)\n"
         "  --revision LABEL     the deployed revision shown in /health and logs (default: unknown)\n";
}

const char* key_store_name(KeyStoreKind kind) { return kind == KeyStoreKind::redis ? "redis" : "local"; }

}  // namespace cdrun::sample_app
