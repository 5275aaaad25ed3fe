#include "runner/layout/agent_config.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "appspec/yaml/psych_loader.h"
#include "appspec/yaml/ruby_value.h"
#include "appspec/yaml/yaml_tree.h"
#include "runner/layout/deployment_layout.h"

namespace cdrun {
namespace {

bool readable_file(const std::string& path) { return ::access(path.c_str(), R_OK) == 0; }

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Applies one file's keys; returns the agent's error text on failure.
std::string apply_file(const std::string& path, AgentConfig& config) {
  const std::string text = read_text(path);
  yaml::Document doc = yaml::parse_first_document(text);
  const std::string prefix = "An error occurred loading the CodeDeploy agent config file at " + path + ". Error message: ";
  if (doc.error) return prefix + doc.error->psych_message;
  ruby::LoadResult loaded = ruby::psych_load(doc.root.get());
  if (loaded.error) return prefix + loaded.error->message;
  const ruby::Value& root = *loaded.value;
  if (root.type == ruby::Type::nil) return {};
  if (root.type != ruby::Type::hash) return prefix + "the file is not a mapping of :key: value lines";
  for (const auto& [key, value] : root.hash) {
    // Keys are symbols (":root_dir:"); plain "root_dir:" keys are not read by the agent.
    if (key->type != ruby::Type::symbol) continue;
    const std::string& name = key->text;
    const std::string text_value = value->type == ruby::Type::nil ? "" : ruby::to_s(*value);
    if (name == "root_dir") config.root_dir = text_value;
    else if (name == "log_dir") {
      config.log_dir = text_value;
      config.log_dir_source = text_value.empty() ? "" : path;
    }
    else if (name == "program_name" && !text_value.empty()) config.program_name = text_value;
    else if (name == "max_revisions") config.max_revisions_text = text_value;
    else if (name == "enable_deployments_log") config.enable_deployments_log = value->truthy();
  }
  config.source += (config.source.empty() ? "" : ", ") + path;
  return {};
}

}  // namespace

AgentConfigLoad load_agent_config(const std::optional<std::string>& explicit_file, const std::string& default_file) {
  AgentConfigLoad load;
  // The Deployer is built once with the default file (errors ignored), then with -c.
  if (readable_file(default_file)) {
    AgentConfig with_default = load.config;
    if (apply_file(default_file, with_default).empty()) load.config = with_default;
  }
  if (explicit_file) {
    if (!readable_file(*explicit_file)) {
      load.error = "configuration file " + *explicit_file + " does not exist or is not readable";
      return load;
    }
    load.error = apply_file(*explicit_file, load.config);
  }
  return load;
}

void apply_default_locations(AgentConfig& config, bool is_root) {
  if (is_root) {
    if (config.root_dir.empty()) config.root_dir = "/opt/codedeploy-agent/deployment-root";
    if (config.log_dir.empty()) config.log_dir = "/var/log/aws/codedeploy-agent/";
    return;
  }
  if (!config.root_dir.empty() && !config.log_dir.empty()) return;
  std::string state;
  if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg) {
    state = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    std::string base = home;
    // HOME=/ (a container started with -u UID) would otherwise give "//.local/state".
    while (!base.empty() && base.back() == '/') base.pop_back();
    state = base + "/.local/state";
  } else {
    state = "/tmp";
  }
  config.per_user_dir = state + "/cdrun";
  if (config.root_dir.empty()) config.root_dir = config.per_user_dir + "/deployment-root";
  if (config.log_dir.empty()) config.log_dir = config.per_user_dir + "/log";
}

std::string log_dir_under_root(const std::string& root_dir) { return join_path(root_dir, "deployment-logs"); }

std::optional<int> archives_to_retain(const AgentConfig& config) {
  if (config.max_revisions_text.empty()) return 5;
  // Ruby's Integer(): optional sign, digits with single underscores, surrounding whitespace.
  const std::string& t = config.max_revisions_text;
  size_t i = 0;
  while (i < t.size() && t[i] == ' ') ++i;
  if (i < t.size() && t[i] == '+') ++i;
  long long value = 0;
  size_t digits = 0;
  for (; i < t.size() && ((t[i] >= '0' && t[i] <= '9') || t[i] == '_'); ++i) {
    if (t[i] == '_') continue;
    value = value * 10 + (t[i] - '0');
    if (value > 1000000) return std::nullopt;
    ++digits;
  }
  while (i < t.size() && t[i] == ' ') ++i;
  if (digits == 0 || i != t.size() || value < 1) return std::nullopt;
  return static_cast<int>(value);
}

}  // namespace cdrun
