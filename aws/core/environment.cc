#include "aws/core/environment.h"

#include <unistd.h>

#include <cstdlib>

#include "host/accounts/accounts.h"

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
  if (std::optional<accounts::UserAccount> user = accounts::find_user_by_uid(::geteuid())) return user->home;
  return "";
}

}  // namespace cdrun::aws
