#include "runner/exec/exec_options.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace cdrun {
namespace {

constexpr double kLongestSeconds = 10.0 * 365 * 24 * 3600;

// Plain decimal seconds ("30", "0.5"): no sign, exponent, hex or units, which strtod would take.
bool parse_seconds(const std::string& text, std::chrono::milliseconds* out) {
  if (text.empty()) return false;
  int dots = 0;
  for (char c : text) {
    if (c == '.') {
      ++dots;
    } else if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  if (dots > 1 || text == ".") return false;
  const double seconds = std::strtod(text.c_str(), nullptr);
  if (!std::isfinite(seconds) || seconds > kLongestSeconds) return false;
  *out = std::chrono::milliseconds(std::llround(seconds * 1000));
  return true;
}

// Options that take a value accept both "--name VALUE" and "--name=VALUE".
bool takes_value(const std::string& name) {
  return name == "--timeout" || name == "--kill-grace" || name == "--log" || name == "--event";
}

std::string apply_value(const std::string& name, const std::string& value, ExecOptions& options) {
  if (name == "--timeout" || name == "--kill-grace") {
    std::chrono::milliseconds duration{0};
    if (!parse_seconds(value, &duration)) {
      return name + " needs a number of seconds (like 30 or 0.5), not '" + value + "'";
    }
    if (name == "--kill-grace") {
      options.kill_grace = duration;
    } else if (duration.count() > 0) {
      options.timeout = duration;
    } else {
      options.timeout.reset();
    }
  } else if (name == "--log") {
    if (value.empty()) return "--log needs a file name";
    options.log_path = value;
  } else {
    if (value.empty()) return "--event needs a lifecycle event name";
    options.event = value;
  }
  return "";
}

}  // namespace

ExecOptionsParse parse_exec_options(const std::vector<std::string>& args) {
  ExecOptionsParse parse;
  ExecOptions& options = parse.options;
  std::size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg.empty() || arg[0] != '-' || arg == "-") break;  // the command starts here
    if (arg == "-h" || arg == "--help") {
      options.help = true;
      return parse;
    }
    if (arg == "--detach-lingering") {
      options.detach_lingering = true;
      continue;
    }
    const std::size_t equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    if (!takes_value(name)) {
      parse.error = "unknown option '" + arg + "'";
      return parse;
    }
    std::string value;
    if (equals != std::string::npos) {
      value = arg.substr(equals + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      parse.error = name + " needs a value";
      return parse;
    }
    parse.error = apply_value(name, value, options);
    if (!parse.ok()) return parse;
  }
  options.command.assign(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
  if (options.command.empty() || options.command.front().empty()) {
    parse.error = "no command given (usage: cdrun exec [OPTIONS] -- COMMAND [ARGS...])";
  }
  return parse;
}

std::string format_seconds(std::chrono::milliseconds duration) {
  const long long ms = duration.count();
  char text[64];
  if (ms % 1000 == 0) {
    std::snprintf(text, sizeof text, "%lld s", ms / 1000);
  } else {
    std::snprintf(text, sizeof text, "%.3g s", static_cast<double>(ms) / 1000.0);
  }
  return text;
}

std::string exec_usage(const std::string& program) {
  return "Usage: " + program +
         " [OPTIONS] [--] COMMAND [ARGS...]\n"
         "\n"
         "Runs COMMAND the way a CodeDeploy hook should run it, for hook scripts on hosts with the\n"
         "real agent: its own process group, stdin closed, an optional deadline after which the whole\n"
         "group and its descendants get SIGTERM and then SIGKILL, output passed through line by line\n"
         "(and appended to a log), and any process that keeps the output open after COMMAND exited\n"
         "named at once, since the agent would wait for it until the hook's timeout.\n"
         "\n"
         "Options:\n"
         "  --timeout SECONDS     end COMMAND after SECONDS (default: no limit; 0 = no limit)\n"
         "  --kill-grace SECONDS  time between SIGTERM and SIGKILL (default: 2)\n"
         "  --log FILE            append output to FILE in the agent's scripts.log format\n"
         "                        (\"YYYY-MM-DD HH:MM:SS [stdout]line\"); parent directories are created\n"
         "  --event NAME          set LIFECYCLE_EVENT=NAME for COMMAND (default: inherit it) and\n"
         "                        name the event in the log\n"
         "  --detach-lingering    when COMMAND exits but a background process still holds its output,\n"
         "                        return COMMAND's status at once; that process's later output keeps\n"
         "                        going to the --log FILE (without --log it is discarded)\n"
         "  -h, --help            show this help\n"
         "\n"
         "Exit status: COMMAND's own; 124 on timeout (also when the output was still held open at the\n"
         "deadline); 128+N when COMMAND was killed by signal N; 125 when cdrun exec itself fails\n"
         "(usage error, log cannot be opened); 126 COMMAND found but not executable; 127 not found.\n"
         "\n"
         "In a hook script:\n"
         "  exec cdrun exec --timeout 300 --log /var/log/myapp/hooks.log --detach-lingering -- ./start.sh\n";
}

}  // namespace cdrun
