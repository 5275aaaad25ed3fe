#include "aws/core/ini_file.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace cdrun::aws {
namespace {

std::string trim(const std::string& s) {
  size_t begin = 0, end = s.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(s[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1]))) --end;
  return s.substr(begin, end - begin);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

const IniSection* IniFile::find(const std::string& section) const {
  auto it = sections.find(section);
  return it == sections.end() ? nullptr : &it->second;
}

IniParse parse_ini(const std::string& text) {
  IniParse result;
  std::istringstream lines(text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? text.substr(3) : text);
  std::string line;
  IniSection* section = nullptr;
  std::string* last_value = nullptr;  // the value an indented line continues
  for (int number = 1; std::getline(lines, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string content = trim(line);
    if (content.empty()) {
      last_value = nullptr;
      continue;
    }
    if (content[0] == '#' || content[0] == ';') continue;
    const bool indented = std::isspace(static_cast<unsigned char>(line[0]));
    if (indented && last_value) {
      *last_value += (last_value->empty() ? "" : "\n") + content;
      continue;
    }
    if (content[0] == '[') {
      if (content.back() != ']') {
        result.error = "line " + std::to_string(number) + ": a section header must end with ']'";
        return result;
      }
      section = &result.ini.sections[trim(content.substr(1, content.size() - 2))];
      last_value = nullptr;
      continue;
    }
    const size_t separator = content.find_first_of("=:");
    if (separator == std::string::npos || separator == 0) {
      result.error = "line " + std::to_string(number) + ": expected `key = value`";
      return result;
    }
    if (!section) {
      result.error = "line " + std::to_string(number) + ": a key before any [section] header";
      return result;
    }
    last_value = &((*section)[lower(trim(content.substr(0, separator)))] = trim(content.substr(separator + 1)));
  }
  return result;
}

IniFileRead read_ini_file(const std::string& path) {
  IniFileRead read;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT || errno == ENOTDIR) return read;
    read.error = "cannot read " + path + ": " + std::strerror(errno);
    return read;
  }
  read.exists = true;
  std::ostringstream text;
  text << in.rdbuf();
  IniParse parse = parse_ini(text.str());
  if (!parse.ok()) read.error = path + " is not a valid INI file: " + parse.error;
  read.ini = std::move(parse.ini);
  return read;
}

}  // namespace cdrun::aws
