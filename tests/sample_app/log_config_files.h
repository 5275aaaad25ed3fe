// Readers for the log shipping configs the sample bundle carries: the CloudWatch agent's JSON and
// the older awslogs agent's INI file, reduced to what the tests check (which file goes to which
// log group and stream).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace cdrun::sample_app_e2e {

struct ShippedLog {
  std::string file;  // a path, possibly with glob wildcards
  std::string group;
  std::string stream;
  std::string datetime_format;  // "" when the entry has none
};

// logs.logs_collected.files.collect_list[]; appends a description of every structural problem
// (missing keys, wrong types) to `problems`.
std::vector<ShippedLog> cloudwatch_agent_logs(const std::string& json_text, std::vector<std::string>& problems);

// An INI file as awslogs reads it (Python's ConfigParser: [section], key = value, # comments).
using IniFile = std::map<std::string, std::map<std::string, std::string>>;
IniFile parse_ini(const std::string& text, std::vector<std::string>& problems);

// Every section but [general], which must hold state_file; each needs file, log_group_name,
// log_stream_name and datetime_format.
std::vector<ShippedLog> awslogs_logs(const IniFile& ini, std::vector<std::string>& problems);

// The existing paths a glob pattern matches (the pattern itself when it has no wildcard and exists).
std::vector<std::string> expand(const std::string& pattern);

}  // namespace cdrun::sample_app_e2e
