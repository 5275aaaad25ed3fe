#include "aws/core/environment.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace cdrun::aws {

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (!value || !*value) return std::nullopt;
    return std::string(value);
  };
}

std::string home_directory(const EnvLookup& env) {
  if (std::optional<std::string> home = env("HOME")) return *home;
  if (const passwd* entry = ::getpwuid(::geteuid()); entry && entry->pw_dir) return entry->pw_dir;
  return "";
}

}  // namespace cdrun::aws
