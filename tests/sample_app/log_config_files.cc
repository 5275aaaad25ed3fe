#include "log_config_files.h"

#include <glob.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace cdrun::sample_app_e2e {
namespace {

std::string trim(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

std::string string_field(const nlohmann::json& entry, const char* key, size_t index, bool required,
                         std::vector<std::string>& problems) {
  const auto found = entry.find(key);
  if (found == entry.end()) {
    if (required) problems.push_back("collect_list[" + std::to_string(index) + "] has no " + key);
    return "";
  }
  if (!found->is_string() || found->get<std::string>().empty()) {
    problems.push_back("collect_list[" + std::to_string(index) + "]." + key + " is not a non-empty string");
    return "";
  }
  return found->get<std::string>();
}

}  // namespace

std::vector<ShippedLog> cloudwatch_agent_logs(const std::string& json_text, std::vector<std::string>& problems) {
  const auto json = nlohmann::json::parse(json_text, nullptr, false);
  if (json.is_discarded()) {
    problems.push_back("not valid JSON");
    return {};
  }
  const nlohmann::json* list = &json;
  for (const char* key : {"logs", "logs_collected", "files", "collect_list"}) {
    if (!list->is_object() || !list->contains(key)) {
      problems.push_back(std::string("no ") + key + " where logs.logs_collected.files.collect_list should be");
      return {};
    }
    list = &(*list)[key];
  }
  if (!list->is_array() || list->empty()) {
    problems.push_back("collect_list is not a non-empty list");
    return {};
  }
  std::vector<ShippedLog> logs;
  for (size_t i = 0; i < list->size(); ++i) {
    const nlohmann::json& entry = (*list)[i];
    if (!entry.is_object()) {
      problems.push_back("collect_list[" + std::to_string(i) + "] is not an object");
      continue;
    }
    logs.push_back(ShippedLog{string_field(entry, "file_path", i, true, problems),
                              string_field(entry, "log_group_name", i, true, problems),
                              string_field(entry, "log_stream_name", i, true, problems),
                              string_field(entry, "timestamp_format", i, false, problems)});
  }
  return logs;
}

IniFile parse_ini(const std::string& text, std::vector<std::string>& problems) {
  IniFile ini;
  std::istringstream lines(text);
  std::string section;
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    const std::string content = trim(line);
    if (content.empty() || content[0] == '#' || content[0] == ';') continue;
    if (content.front() == '[' && content.back() == ']') {
      section = content.substr(1, content.size() - 2);
      if (ini.count(section)) problems.push_back("line " + std::to_string(number) + ": section [" + section + "] repeated");
      ini[section];
      continue;
    }
    const size_t equals = content.find('=');
    if (section.empty() || equals == std::string::npos) {
      problems.push_back("line " + std::to_string(number) + ": neither a [section] nor key = value: " + content);
      continue;
    }
    ini[section][trim(content.substr(0, equals))] = trim(content.substr(equals + 1));
  }
  return ini;
}

std::vector<ShippedLog> awslogs_logs(const IniFile& ini, std::vector<std::string>& problems) {
  const auto general = ini.find("general");
  if (general == ini.end() || general->second.count("state_file") == 0 || general->second.at("state_file").empty()) {
    problems.push_back("no [general] state_file");
  }
  std::vector<ShippedLog> logs;
  for (const auto& [name, keys] : ini) {
    if (name == "general") continue;
    ShippedLog log;
    for (const auto& [key, target] : std::map<std::string, std::string*>{{"file", &log.file},
                                                                         {"log_group_name", &log.group},
                                                                         {"log_stream_name", &log.stream},
                                                                         {"datetime_format", &log.datetime_format}}) {
      const auto value = keys.find(key);
      if (value == keys.end() || value->second.empty()) {
        problems.push_back("[" + name + "] has no " + key);
      } else {
        *target = value->second;
      }
    }
    logs.push_back(log);
  }
  if (logs.empty()) problems.push_back("no log stream sections");
  return logs;
}

std::vector<std::string> expand(const std::string& pattern) {
  glob_t matches{};
  std::vector<std::string> paths;
  if (glob(pattern.c_str(), GLOB_NOSORT, nullptr, &matches) == 0) {
    for (size_t i = 0; i < matches.gl_pathc; ++i) paths.emplace_back(matches.gl_pathv[i]);
  }
  globfree(&matches);
  return paths;
}

}  // namespace cdrun::sample_app_e2e
