// The INI dialect of ~/.aws/credentials and ~/.aws/config, as botocore reads it (Python configparser):
// [section] headers, `key = value` or `key: value`, full-line comments (# or ;), keys case-insensitive,
// indented lines continuing the previous value (the nested `s3 =` blocks of the config file).
#pragma once

#include <map>
#include <optional>
#include <string>

namespace cdrun::aws {

using IniSection = std::map<std::string, std::string>;  // lower-cased key -> value (trimmed)

struct IniFile {
  std::map<std::string, IniSection> sections;  // section name (trimmed, case kept) -> keys
  const IniSection* find(const std::string& section) const;
};

struct IniParse {
  IniFile ini;
  std::string error;  // "line N: ..." when the text is not INI; then `ini` holds what came before
  bool ok() const { return error.empty(); }
};

// A section repeated later adds to (and overrides keys of) the first, rather than failing.
IniParse parse_ini(const std::string& text);

// What reading one INI file gave: nothing (a missing file is not an error), a parse, or an error
// worth stopping for ("cannot read PATH: ...", "PATH is not a valid INI file: line N: ...").
struct IniFileRead {
  bool exists = false;
  IniFile ini;
  std::string error;
};
IniFileRead read_ini_file(const std::string& path);

}  // namespace cdrun::aws
